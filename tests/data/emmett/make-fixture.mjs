// Writes bank-and-cart.sqlite, a small event store made by the real Emmett library
// (@event-driven-io/emmett-sqlite), for Rewind's tests of EmmettStore.
//
// Made with Node 20 and these exact commands, in this folder:
//   npm install --no-audit --no-fund      # the versions pinned in package.json
//   rm -f bank-and-cart.sqlite && node make-fixture.mjs
// node_modules is not committed; the .sqlite file is.
//
// What it holds, so that tests can check the states that come out:
// - account-1 (bank): opened by alice, 1000 deposited, 250.5 withdrawn; times from
//   metadata.occurredAt (one with an offset), and one from metadata.timestamp in epoch ms.
// - account-2 (bank): opened by bob, 300 deposited, 500 withdrawn (an overdraft anomaly); no times
//   in metadata, so the time is the store's insert time (the `created` column).
// - cart-7 (cart): two items added, one quantity changed, checked out with the right total.
// - commands-1: one message appended as a Command (message_kind 'C'), which Rewind must skip.
// - account-9: a stream archived afterwards (is_archived = 1), which Rewind must skip. Emmett
//   0.38.5 has no archive call yet, so it is archived with SQL through Emmett's own connection.
import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';

const fileName = new URL('./bank-and-cart.sqlite', import.meta.url).pathname;
const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });

const at = (occurredAt) => ({ occurredAt });

await store.appendToStream('account-1', [
  { type: 'Opened', data: { owner: 'alice' }, metadata: { ...at('2026-08-05T09:00:00Z'), by: 'alice' } },
]);
await store.appendToStream('account-2', [{ type: 'Opened', data: { owner: 'bob' } }]);
await store.appendToStream('cart-7', [
  { type: 'ItemAdded', data: { sku: 'A1', name: 'Pen', quantity: 2, unitPrice: 1.25 }, metadata: at('2026-08-05T10:00:00Z') },
  { type: 'ItemAdded', data: { sku: 'B2', name: 'Notebook – A5', quantity: 1, unitPrice: 4.5 }, metadata: at('2026-08-05T10:01:00Z') },
]);
await store.appendToStream('account-1', [
  { type: 'Deposited', data: { amount: 1000, by: 'alice' }, metadata: at('2026-08-05T11:05:00+02:00') },
], { expectedStreamVersion: 1n });
await store.appendToStream('account-2', [
  { type: 'Deposited', data: { amount: 300, by: 'bob' } },
  { type: 'Withdrawn', data: { amount: 500, by: 'bob' } },
]);
await store.appendToStream('commands-1', [
  { type: 'Withdraw', data: { amount: 1 }, kind: 'Command' },
]);
await store.appendToStream('account-9', [
  { type: 'Opened', data: { owner: 'mallory' }, metadata: at('2026-08-05T09:30:00Z') },
  { type: 'Deposited', data: { amount: 5 }, metadata: at('2026-08-05T09:31:00Z') },
]);
await store.appendToStream('cart-7', [
  { type: 'QuantityChanged', data: { sku: 'A1', quantity: 3 }, metadata: at('2026-08-05T10:02:00Z') },
  { type: 'CheckedOut', data: { total: 8.25 }, metadata: at('2026-08-05T10:03:00Z') },
]);
await store.appendToStream('account-1', [
  // 2026-08-05T12:00:00Z in epoch milliseconds
  { type: 'Withdrawn', data: { amount: 250.5, by: 'alice' }, metadata: { timestamp: 1785931200000 } },
]);
// The store closes its connection after each call when it works on a file.

const connection = sqliteConnection({ fileName });
await connection.command(`UPDATE emt_messages SET is_archived = TRUE WHERE stream_id = 'account-9'`);
await connection.command(`UPDATE emt_streams SET is_archived = TRUE WHERE stream_id = 'account-9'`);
connection.close();
console.log(`wrote ${fileName}`);
