-- The Marten stores of Rewind's PostgreSQL tests. Marten is a .NET library, which this machine
-- does not run: its event tables are written here as Marten (version 7) creates them, with rows
-- as it appends them. Run by server.sh into the database `marten`.
--
-- The columns Rewind reads from mt_events: seq_id (the global position, from Marten's sequence),
-- stream_id (text or uuid, as the store's stream identity says), version (1, 2, 3 in the stream),
-- type (Marten's alias of the .NET type: `money_deposited` for MoneyDeposited), data (jsonb),
-- timestamp, tenant_id (`*DEFAULT*` unless the store is multi-tenanted), is_archived, and, when
-- the store enables them, correlation_id, causation_id, headers and user_name. Rewind also
-- checks that mt_streams is there, as Marten always creates it.
--
-- Schema `public`: streams identified by strings, two tenants (conjoined tenancy), every
-- metadata column enabled.
--   tenant *DEFAULT*: account-1 opened by alice, 100 deposited, 40 withdrawn; cart-7 two items
--   added, one quantity changed, checked out; account-3 archived (Rewind skips it).
--   tenant blue: account-1 opened by bob, 20 deposited (the same stream id, another tenant).
-- Schema `billing`: streams identified by uuids, no optional metadata columns: one account.

CREATE TABLE public.mt_streams (
    id varchar NOT NULL,
    type varchar NULL,
    version bigint NULL,
    timestamp timestamptz DEFAULT (now()) NOT NULL,
    snapshot jsonb NULL,
    snapshot_version integer NULL,
    created timestamptz DEFAULT (now()) NOT NULL,
    tenant_id varchar DEFAULT '*DEFAULT*',
    is_archived bool DEFAULT FALSE,
    CONSTRAINT pkey_mt_streams_tenant_id_id PRIMARY KEY (tenant_id, id)
);
CREATE SEQUENCE public.mt_events_sequence;
CREATE TABLE public.mt_events (
    seq_id bigint NOT NULL,
    id uuid NOT NULL,
    stream_id varchar NULL,
    version bigint NOT NULL,
    data jsonb NOT NULL,
    type varchar(500) NOT NULL,
    timestamp timestamptz DEFAULT '(now())' NOT NULL,
    tenant_id varchar DEFAULT '*DEFAULT*',
    mt_dotnet_type varchar NULL,
    correlation_id varchar NULL,
    causation_id varchar NULL,
    headers jsonb NULL,
    user_name varchar NULL,
    is_archived bool DEFAULT FALSE,
    CONSTRAINT pkey_mt_events_seq_id PRIMARY KEY (seq_id),
    CONSTRAINT fkey_mt_events_stream_id_tenant_id FOREIGN KEY (tenant_id, stream_id)
        REFERENCES public.mt_streams (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON public.mt_events (tenant_id, stream_id, version);

INSERT INTO public.mt_streams (id, type, version, tenant_id, is_archived) VALUES
    ('account-1', 'Bank.Account', 3, '*DEFAULT*', false),
    ('cart-7', 'Shop.Cart', 4, '*DEFAULT*', false),
    ('account-3', 'Bank.Account', 1, '*DEFAULT*', true),
    ('account-1', 'Bank.Account', 2, 'blue', false);

INSERT INTO public.mt_events
    (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
     correlation_id, causation_id, headers, user_name, is_archived)
SELECT nextval('public.mt_events_sequence'), gen_random_uuid(), stream_id, version, data::jsonb, type,
       timestamp::timestamptz, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers::jsonb,
       user_name, is_archived
FROM (VALUES
    ('account-1', 1, '{"owner": "alice"}', 'account_opened', '2026-08-05 09:00:00+00', '*DEFAULT*',
     'Bank.AccountOpened, Bank', 'req-1', NULL, '{"source": "web"}', 'alice', false),
    ('cart-7', 1, '{"sku": "A1", "name": "Pen", "quantity": 2, "unitPrice": 1.25}', 'item_added',
     '2026-08-05 10:00:00+00', '*DEFAULT*', 'Shop.ItemAdded, Shop', 'req-2', NULL, NULL, 'carol', false),
    ('account-1', 2, '{"amount": 100, "by": "alice"}', 'money_deposited', '2026-08-05 09:05:00.250+00',
     '*DEFAULT*', 'Bank.MoneyDeposited, Bank', 'req-3', 'req-1', NULL, 'alice', false),
    ('account-1', 1, '{"owner": "bob"}', 'account_opened', '2026-08-05 09:10:00+02', 'blue',
     'Bank.AccountOpened, Bank', NULL, NULL, NULL, NULL, false),
    ('cart-7', 2, '{"sku": "B2", "name": "Notebook – A5", "quantity": 1, "unitPrice": 4.5}', 'item_added',
     '2026-08-05 10:01:00+00', '*DEFAULT*', 'Shop.ItemAdded, Shop', 'req-2', NULL, NULL, 'carol', false),
    ('account-3', 1, '{"owner": "mallory"}', 'account_opened', '2026-08-05 09:30:00+00', '*DEFAULT*',
     'Bank.AccountOpened, Bank', NULL, NULL, NULL, NULL, true),
    ('account-1', 2, '{"amount": 20}', 'money_deposited', '2026-08-05 09:11:00+02', 'blue',
     'Bank.MoneyDeposited, Bank', NULL, NULL, NULL, NULL, false),
    ('cart-7', 3, '{"sku": "A1", "quantity": 3}', 'quantity_changed', '2026-08-05 10:02:00+00', '*DEFAULT*',
     'Shop.QuantityChanged, Shop', 'req-4', NULL, NULL, 'carol', false),
    ('account-1', 3, '{"amount": 40.5, "by": "alice"}', 'money_withdrawn', '2026-08-05 12:00:00+00', '*DEFAULT*',
     'Bank.MoneyWithdrawn, Bank', 'req-5', NULL, '{"source": "atm", "atm": 7}', 'alice', false),
    ('cart-7', 4, '{"total": 8.25}', 'checked_out', '2026-08-05 10:03:00+00', '*DEFAULT*',
     'Shop.CheckedOut, Shop', 'req-6', NULL, NULL, 'carol', false)
) AS rows (stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id,
           causation_id, headers, user_name, is_archived);

CREATE SCHEMA billing;
CREATE TABLE billing.mt_streams (
    id uuid NOT NULL,
    type varchar NULL,
    version bigint NULL,
    timestamp timestamptz DEFAULT (now()) NOT NULL,
    snapshot jsonb NULL,
    snapshot_version integer NULL,
    created timestamptz DEFAULT (now()) NOT NULL,
    tenant_id varchar DEFAULT '*DEFAULT*',
    is_archived bool DEFAULT FALSE,
    CONSTRAINT pkey_mt_streams_id PRIMARY KEY (id)
);
CREATE SEQUENCE billing.mt_events_sequence;
CREATE TABLE billing.mt_events (
    seq_id bigint NOT NULL,
    id uuid NOT NULL,
    stream_id uuid NULL,
    version bigint NOT NULL,
    data jsonb NOT NULL,
    type varchar(500) NOT NULL,
    timestamp timestamptz DEFAULT '(now())' NOT NULL,
    tenant_id varchar DEFAULT '*DEFAULT*',
    mt_dotnet_type varchar NULL,
    is_archived bool DEFAULT FALSE,
    CONSTRAINT pkey_mt_events_seq_id PRIMARY KEY (seq_id),
    CONSTRAINT fkey_mt_events_stream_id FOREIGN KEY (stream_id) REFERENCES billing.mt_streams (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON billing.mt_events (stream_id, version);
INSERT INTO billing.mt_streams (id, type, version) VALUES ('0b7c2d34-5e6f-4a1b-8c9d-0e1f2a3b4c5d', 'Bank.Account', 2);
INSERT INTO billing.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type) VALUES
    (nextval('billing.mt_events_sequence'), gen_random_uuid(), '0b7c2d34-5e6f-4a1b-8c9d-0e1f2a3b4c5d', 1,
     '{"owner": "dana"}', 'account_opened', '2026-08-06 08:00:00+00', 'Bank.AccountOpened, Bank'),
    (nextval('billing.mt_events_sequence'), gen_random_uuid(), '0b7c2d34-5e6f-4a1b-8c9d-0e1f2a3b4c5d', 2,
     '{"amount": 7.5}', 'money_deposited', '2026-08-06 08:01:00+00', 'Bank.MoneyDeposited, Bank');
