-- The Message DB store of Rewind's PostgreSQL tests, written with Message DB's own write_message
-- (installed by its install.sh from the @eventide/message-db npm package). Run by server.sh.
-- Positions count from 0 in Message DB; Rewind shows them as versions 1, 2, 3.
-- account-1: opened by alice, 100 deposited, 30 withdrawn; account-2: opened by bob, 50
-- withdrawn (an overdraft); cart-7: an item added and checked out. The times are the store's own.
SET search_path = message_store, public;
SELECT write_message(gen_random_uuid()::text, 'account-1', 'Opened', '{"owner":"alice"}', '{"by":"alice"}');
SELECT write_message(gen_random_uuid()::text, 'account-2', 'Opened', '{"owner":"bob"}');
SELECT write_message(gen_random_uuid()::text, 'account-1', 'Deposited', '{"amount":100,"by":"alice"}', NULL, 0);
SELECT write_message(gen_random_uuid()::text, 'cart-7', 'ItemAdded', '{"sku":"A1","name":"Pen","quantity":2,"unitPrice":1.25}');
SELECT write_message(gen_random_uuid()::text, 'account-2', 'Withdrawn', '{"amount":50}', '{"correlationStreamName":"atm-3"}');
SELECT write_message(gen_random_uuid()::text, 'account-1', 'Withdrawn', '{"amount":30.25,"by":"alice"}', NULL, 1);
SELECT write_message(gen_random_uuid()::text, 'cart-7', 'CheckedOut', '{"total":2.5}');
