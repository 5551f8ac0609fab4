// Writes the Emmett store of Rewind's PostgreSQL tests with the real Emmett library
// (@event-driven-io/emmett-postgresql, pinned in package.json), then folds every stream with
// Emmett's own aggregateStream, to every version, into STATES.json: the answers Rewind's are
// compared with. Run by server.sh:
//
//   node make-emmett.mjs postgresql://USER@HOST:PORT/DB STATES.json
//
// What it holds:
// - account-1 (bank): opened by alice, 1000 deposited, 250.5 withdrawn; times from
//   metadata.occurredAt (one with an offset) and metadata.timestamp in epoch ms.
// - account-2 (bank): opened by bob, 300 deposited, 500 withdrawn (an overdraft anomaly); no time
//   in metadata, so the time is the row's `created` insert time.
// - cart-7 (cart): two items added, one quantity changed, checked out with the right total.
// - commands-1: a message appended as a Command (message_kind 'C'), which Rewind skips.
// - account-9: a stream archived afterwards (is_archived), which Rewind skips.
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { writeFileSync } from 'node:fs';
import pg from 'pg';

const [connectionString, statesFile] = process.argv.slice(2);
if (!connectionString || !statesFile) {
  console.error('usage: node make-emmett.mjs CONNECTION_URL STATES.json');
  process.exit(64);
}

const store = getPostgreSQLEventStore(connectionString);
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
await store.appendToStream('commands-1', [{ type: 'Withdraw', data: { amount: 1 }, kind: 'Command' }]);
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

// Emmett has no archive call: archived with SQL, as an operator would.
const client = new pg.Client({ connectionString });
await client.connect();
await client.query(`UPDATE emt_messages SET is_archived = TRUE WHERE stream_id = 'account-9'`);
await client.query(`UPDATE emt_streams SET is_archived = TRUE WHERE stream_id = 'account-9'`);
await client.end();

// The folds, in Emmett's own hands: the bank and cart states as Rewind's docs define them, with
// money in ten-thousandths summed as integers (exact, as Rewind's decimals are).
const units = (amount) => Math.round(Number(amount) * 10000);
const money = (u) => u / 10000;
const bank = {
  initialState: () => ({ balance: 0, closed: false, owner: null }),
  evolve: (state, { type, data }) => {
    switch (type) {
      case 'Opened':
        return { ...state, owner: data.owner };
      case 'Deposited':
        return { ...state, balance: money(units(state.balance) + units(data.amount)) };
      case 'Withdrawn':
        return { ...state, balance: money(units(state.balance) - units(data.amount)) };
      case 'Closed':
        return { ...state, closed: true };
      default:
        return state;
    }
  },
};
const total = (items) => money(Object.values(items).reduce((sum, i) => sum + i.quantity * units(i.unitPrice), 0));
const cart = {
  initialState: () => ({ items: {}, total: 0, checkedOut: false }),
  evolve: (state, { type, data }) => {
    const items = { ...state.items };
    switch (type) {
      case 'ItemAdded': {
        const line = items[data.sku];
        items[data.sku] = line
          ? { ...line, quantity: line.quantity + data.quantity }
          : { name: data.name ?? null, quantity: data.quantity, unitPrice: data.unitPrice };
        return { ...state, items, total: total(items) };
      }
      case 'QuantityChanged':
        items[data.sku] = { ...items[data.sku], quantity: data.quantity };
        return { ...state, items, total: total(items) };
      case 'ItemRemoved':
        delete items[data.sku];
        return { ...state, items, total: total(items) };
      case 'CheckedOut':
        return { ...state, checkedOut: true };
      default:
        return state;
    }
  },
};

const states = {};
for (const [stream, domain] of [['account-1', bank], ['account-2', bank], ['cart-7', cart]]) {
  const { currentStreamVersion } = await store.aggregateStream(stream, domain);
  states[stream] = [];
  for (let version = 1n; version <= currentStreamVersion; ++version) {
    const { state } = await store.aggregateStream(stream, { ...domain, read: { to: version } });
    states[stream].push(state);
  }
}
await store.close();
writeFileSync(statesFile, JSON.stringify(states, null, 1));
console.log(`wrote the Emmett store and ${statesFile}`);
