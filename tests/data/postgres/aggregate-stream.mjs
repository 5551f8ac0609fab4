// Folds one bank account stream of an Emmett PostgreSQL store with Emmett's own aggregateStream,
// the way an application gets an aggregate's state: the figure Rewind's reader is compared with
// in bench/rewind-bench.cpp, timed as a whole process.
//
//   node aggregate-stream.mjs postgresql://USER@HOST:PORT/DB [STREAM]
//
// Prints the version reached and the balance, in cents summed as integers so that it matches
// the exact decimal balance Rewind computes.
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';

const [connectionString, stream = 'account-1'] = process.argv.slice(2);
if (!connectionString) {
  console.error('usage: node aggregate-stream.mjs CONNECTION_URL [STREAM]');
  process.exit(64);
}

const store = getPostgreSQLEventStore(connectionString, { schema: { autoMigration: 'None' } });
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
await store.close();
console.log(
  JSON.stringify({
    stream,
    version: Number(currentStreamVersion),
    owner: state.owner,
    balance: (state.balanceCents / 100).toFixed(2),
  }),
);
