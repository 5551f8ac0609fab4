// Writes an Emmett SQLite store holding one long bank account stream, appended through the real
// Emmett library (@event-driven-io/emmett-sqlite) as an application would: the store the
// benchmark reads (bench/rewind-bench.cpp) and a size to try Rewind on by hand.
//
//   npm install --no-audit --no-fund      # in this folder, the versions pinned in package.json
//   node make-bank-stream.mjs OUT.sqlite [EVENTS] [STREAM]
//
// EVENTS defaults to 200000 and STREAM to account-1. The stream opens the account, then
// deposits and withdraws amounts with cents; a withdrawal never takes more than the balance, so
// a replay finds no anomaly. Each event carries metadata.occurredAt, one second after the last,
// the way applications record when something happened (Emmett itself writes only the `created`
// column, the time of the append). Events are appended 1,000 to a call, as a busy writer
// batches them; the output is the same on every run, but for Emmett's message ids and insert
// times.
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const [out, eventsArg = '200000', stream = 'account-1'] = process.argv.slice(2);
const total = Number(eventsArg);
if (!out || !Number.isInteger(total) || total < 1) {
  console.error('usage: node make-bank-stream.mjs OUT.sqlite [EVENTS] [STREAM]');
  process.exit(64);
}
const fileName = resolve(out);
if (existsSync(fileName)) {
  console.error(`${fileName} exists: give a new file`);
  process.exit(1);
}

const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });

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
  // Amounts from 0.01 to 500.00, written as JavaScript writes numbers (12.5, 7, 123.45).
  const cents = (next() % 50000) + 1;
  const withdraw = next() % 3 === 0 && cents <= balanceCents;
  balanceCents += withdraw ? -cents : cents;
  return { type: withdraw ? 'Withdrawn' : 'Deposited', data: { amount: cents / 100 }, metadata };
};

// Emmett 0.38.5 on node-sqlite3 now and then fails a commit with SQLITE_BUSY ("SQL statements in
// progress") and rolls the append back; the same append is then tried again. The expected
// version makes sure that a batch is never appended twice.
const append = async (events, version) => {
  for (let attempt = 1; ; ++attempt) {
    try {
      await store.appendToStream(stream, events, version > 0 ? { expectedStreamVersion: BigInt(version) } : {});
      return;
    } catch (error) {
      if (error?.code !== 'SQLITE_BUSY' || attempt === 5) throw error;
    }
  }
};

const batch = 1000;
for (let first = 0; first < total; first += batch) {
  const events = [];
  for (let i = first; i < Math.min(first + batch, total); ++i) events.push(eventAt(i));
  await append(events, first);
}
console.log(
  JSON.stringify({ file: fileName, stream, events: total, balance: (balanceCents / 100).toFixed(2) }),
);
