// Folds one bank account stream of an Emmett SQLite store with Emmett's own aggregateStream, the
// way an application gets an aggregate's state: the figure Rewind's reader is compared with in
// bench/rewind-bench.cpp, timed as a whole process (`node aggregate-stream.mjs ...`).
//
//   node aggregate-stream.mjs STORE.sqlite [STREAM]
//
// Prints the version reached and the balance, in cents summed as integers so that it matches
// the exact decimal balance Rewind computes.
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const [file, stream = 'account-1'] = process.argv.slice(2);
if (!file || !existsSync(file)) {
  console.error('usage: node aggregate-stream.mjs STORE.sqlite [STREAM]');
  process.exit(64);
}

// No migration: reading must not need the schema changed.
const store = getSQLiteEventStore({ fileName: resolve(file), schema: { autoMigration: 'None' } });

const cents = (amount) => Math.round(Number(amount) * 100);
const evolve = (state, { type, data }) => {
  switch (type) {
    case 'Opened':
      return { ...state, owner: data.owner };
    case 'Deposited':
      return { ...state, balanceCents: state.balanceCents + cents(data.amount) };
    case 'Withdrawn':
      return { ...state, balanceCents: state.balanceCents - cents(data.amount) };
    default:
      return state;
  }
};

const { currentStreamVersion, state } = await store.aggregateStream(stream, {
  evolve,
  initialState: () => ({ owner: null, balanceCents: 0 }),
});
console.log(
  JSON.stringify({
    stream,
    version: Number(currentStreamVersion),
    owner: state.owner,
    balance: (state.balanceCents / 100).toFixed(2),
  }),
);
