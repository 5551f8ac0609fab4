#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for Rewind's tests and benchmark, with the stores they read
# written by the real programs: Emmett (@event-driven-io/emmett-postgresql, from npm), Message DB
# (its own install scripts and write_message, from the @eventide/message-db npm package) and
# Marten (its tables as Marten creates them, marten.sql; Marten itself is .NET).
#
#   server.sh start WORK   # initdb into a temporary folder, start on a free port of 127.0.0.1,
#                          # load the fixtures; writes WORK/url, WORK/password, WORK/superuser-url
#   server.sh stop WORK    # stops the cluster and removes its folder
#
# When no server can be started here (no PostgreSQL binaries), `start` writes the reason into
# WORK/unavailable and exits 0, so that the tests can skip with that reason; with CI=true it fails
# instead. npm installs the pinned packages into WORK/node_modules (once; kept for the next run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command="${1:-}"
work="${2:-}"
if [ -z "$command" ] || [ -z "$work" ]; then
    echo "usage: server.sh start|stop WORK" >&2
    exit 64
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"

# Runs a command as the cluster's owner: initdb and postgres refuse to run as root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop() {
    [ -f "$work/datadir" ] || return 0
    local data
    data="$(cat "$work/datadir")"
    if [ -d "$data/pgdata" ]; then
        as_owner "$(cat "$work/bindir")/pg_ctl" -D "$data/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
    rm -f "$work/datadir" "$work/url" "$work/superuser-url" "$work/password" "$work/port"
}

unavailable() {
    echo "$1" >"$work/unavailable"
    if [ "${CI:-}" = "true" ]; then
        echo "server.sh: cannot start a PostgreSQL server: $1" >&2
        exit 1
    fi
    echo "server.sh: no PostgreSQL server for the tests: $1" >&2
    exit 0
}

if [ "$command" = "stop" ]; then
    stop
    exit 0
fi
[ "$command" = "start" ] || { echo "usage: server.sh start|stop WORK" >&2; exit 64; }

stop # a cluster left by an interrupted run
rm -f "$work/unavailable"

# The server's programs: where pg_config says, else the newest of Debian's versioned folders.
bindir=""
if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    bindir="$(pg_config --bindir)"
else
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/initdb" ] && bindir="$candidate"
    done
fi
[ -n "$bindir" ] || unavailable "initdb not found (install the postgresql package)"
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    unavailable "running as root and there is no postgres user to run the server as"
fi
echo "$bindir" >"$work/bindir"

data="$(mktemp -d /tmp/rewind-pg-XXXXXX)"
echo "$data" >"$work/datadir"
# Whatever step fails from here on, no server is left running.
trap '[ -n "${loaded:-}" ] || stop' EXIT
chmod 0755 "$data"
[ "$(id -u)" -eq 0 ] && chown postgres "$data"
password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$password" >"$data/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres "$data/pwfile"
as_owner "$bindir/initdb" -D "$data/pgdata" -U postgres --pwfile="$data/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 \
    || unavailable "initdb failed: $(tail -n 1 "$data/initdb.log")"

# A free port on 127.0.0.1 only; another process may take it first, so try a few.
started=""
for _ in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if as_owner "$bindir/pg_ctl" -D "$data/pgdata" -l "$data/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off" \
        start >/dev/null 2>&1; then
        started=yes
        break
    fi
done
[ -n "$started" ] || unavailable "the server did not start: $(tail -n 1 "$data/server.log" 2>/dev/null)"
echo "$port" >"$work/port"

export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGPASSWORD="$password"
psql_run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# The role Rewind reads as: it may read the stores, nothing more (and not the `locked` database).
reader_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
psql_run -d postgres -c "CREATE ROLE rewind LOGIN PASSWORD '$reader_password'"
for db in emmett marten empty locked; do
    psql_run -d postgres -c "CREATE DATABASE $db"
done

# Emmett and Message DB, installed from npm into the work folder once.
command -v node >/dev/null && command -v npm >/dev/null \
    || { echo "server.sh: node and npm are needed to write the fixtures (Emmett is a Node.js library)" >&2; exit 1; }
if [ ! -d "$work/node_modules/@eventide/message-db" ] || [ "$here/package-lock.json" -nt "$work/package-lock.json" ]; then
    cp "$here/package.json" "$here/package-lock.json" "$work/"
    (cd "$work" && npm ci --no-audit --no-fund >"$data/npm.log" 2>&1) \
        || { echo "server.sh: npm ci failed: $(tail -n 3 "$data/npm.log" 2>/dev/null)" >&2; exit 1; }
fi
cp "$here"/*.mjs "$work/"

# Emmett: its own schema and appends, then its own aggregateStream of each stream.
(cd "$work" && node make-emmett.mjs "postgresql://postgres@127.0.0.1:$port/emmett" "$work/emmett-states.json")

# Message DB: its install scripts, with the database they create, and write_message.
(cd "$work/node_modules/@eventide/message-db/database" && DATABASE_NAME=message_store bash install.sh \
    >"$data/message-db.log" 2>&1) || { echo "server.sh: Message DB's install failed:" >&2; tail -n 5 "$data/message-db.log" >&2; exit 1; }
psql_run -d message_store -o /dev/null -f "$here/message-db.sql"

# Marten: its tables and rows in two schemas, two tenants in `public`.
psql_run -d marten -f "$here/marten.sql"

# A store the reader may not read.
psql_run -d locked -c "CREATE TABLE mt_events (seq_id bigint PRIMARY KEY, id uuid, stream_id varchar, version bigint,
    data jsonb, type varchar(500), timestamp timestamptz, tenant_id varchar, mt_dotnet_type varchar, is_archived bool)"

# A long stream for the tests of memory, threads and a connection lost midway: 300,000 events in a
# table with Emmett's columns, about 250 bytes of data each.
psql_run -d postgres -c "CREATE DATABASE big"
psql_run -d big -c "CREATE TABLE emt_messages (stream_id text, stream_position bigint,
    partition text DEFAULT 'emt:default', message_kind char(1) DEFAULT 'E', message_data jsonb,
    message_metadata jsonb, message_type text, is_archived bool DEFAULT false,
    global_position bigint PRIMARY KEY, created timestamptz DEFAULT now())"
psql_run -d big -c "INSERT INTO emt_messages (stream_id, stream_position, message_data, message_metadata,
    message_type, global_position)
    SELECT 'account-1', i, CASE WHEN i = 1 THEN '{\"owner\": \"alice\"}'::jsonb
        ELSE jsonb_build_object('amount', 1.25, 'by', 'alice', 'note', repeat('x', 200)) END,
        '{}', CASE WHEN i = 1 THEN 'Opened' ELSE 'Deposited' END, i
    FROM generate_series(1, 300000) i"

for db in emmett marten message_store empty locked big; do
    psql_run -d "$db" -c "GRANT CONNECT ON DATABASE $db TO rewind"
done
for db in emmett marten big; do
    psql_run -d "$db" -c "DO \$\$ DECLARE s text; BEGIN
        FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO rewind', s);
            EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO rewind', s);
        END LOOP; END \$\$"
done
psql_run -d message_store -c "GRANT message_store TO rewind"

loaded=yes
printf '%s\n' "$reader_password" >"$work/password"
echo "postgresql://rewind@127.0.0.1:$port" >"$work/url"
echo "postgresql://postgres:$password@127.0.0.1:$port" >"$work/superuser-url"
echo "server.sh: PostgreSQL on 127.0.0.1:$port ($data)"
