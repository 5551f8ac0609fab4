// Appends one long bank account stream to an Emmett PostgreSQL store through the real Emmett
// library (@event-driven-io/emmett-postgresql), as an application would: the store the
// benchmark reads (bench/rewind-bench.cpp), the same stream tests/data/emmett/make-bank-stream.mjs
// writes to SQLite.
//
//   node make-bank-stream.mjs postgresql://USER@HOST:PORT/DB [EVENTS] [STREAM]
//
// EVENTS defaults to 200000 and STREAM to account-1. The stream opens the account, then
// deposits and withdraws amounts with cents, never more than the balance; each event carries
// metadata.occurredAt, one second after the last. Events are appended 1,000 to a call.
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';

const [connectionString, eventsArg = '200000', stream = 'account-1'] = process.argv.slice(2);
const total = Number(eventsArg);
if (!connectionString || !Number.isInteger(total) || total < 1) {
  console.error('usage: node make-bank-stream.mjs CONNECTION_URL [EVENTS] [STREAM]');
  process.exit(64);
}

const store = getPostgreSQLEventStore(connectionString);

// A small linear congruential generator: the same amounts on every run.
let seed = 20260805;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed;
};

const start = Date.UTC(2026, 0, 1);
let balanceCents = 0;
const eventAt = (i) => {
  const metadata = { occurredAt: new Date(start + i * 1000).toISOString() };
  if (i === 0) return { type: 'Opened', data: { owner: 'alice' }, metadata };
  const cents = (next() % 50000) + 1;
  const withdraw = next() % 3 === 0 && cents <= balanceCents;
  balanceCents += withdraw ? -cents : cents;
  return { type: withdraw ? 'Withdrawn' : 'Deposited', data: { amount: cents / 100 }, metadata };
};

for (let from = 0; from < total; from += 1000) {
  const batch = [];
  for (let i = from; i < Math.min(from + 1000, total); ++i) batch.push(eventAt(i));
  await store.appendToStream(stream, batch);
}
await store.close();
console.log(JSON.stringify({ stream, events: total, balance: (balanceCents / 100).toFixed(2) }));
