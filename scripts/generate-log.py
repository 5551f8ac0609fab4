#!/usr/bin/env python3
"""Writes a bank-domain event log of any size, for measuring how Rewind reads exported logs.

The same arguments always give the same file. Half of the events (--hot) go to one long account,
`account-0`, with no snapshots: `rewind-cli state LOG --stream account-0` then folds that many
events. The rest are spread over short accounts, which carry the snapshots. Every event keeps the
bank rules (no overdraft), so what is measured is the normal path, not the anomaly reports.

    scripts/generate-log.py --events 1000000 /tmp/bank-1m.jsonl
    scripts/generate-log.py --events 100000 --format csv /tmp/bank-100k.csv
    /usr/bin/time -v build/release/app/rewind-cli state /tmp/bank-1m.jsonl --stream account-0
"""

import argparse
import datetime
import json
import random
import signal
import sys

ACTORS = ("alice", "bob", "carol", "dave", "erin")
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def money(cents):
    return "%d.%02d" % (cents // 100, cents % 100)


def iso(ms):
    moment = START + datetime.timedelta(milliseconds=ms)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)


class Account:
    def __init__(self, name):
        self.name = name
        self.version = 0
        self.cents = 0
        self.owner = None


def records(args):
    """Yields ("event", stream, version, type, at, data members, actor) and
    ("snapshot", stream, version, at, state) tuples, in file order."""
    rng = random.Random(args.seed)
    short = max(1, args.accounts - 1)
    accounts = [Account("account-%d" % i) for i in range(short + 1)]
    snapshot_every = max(1, int(args.events * (1 - args.hot)) // max(1, args.snapshots)) if args.snapshots else 0
    short_events = 0
    snapshots = 0
    hot_every = round(1 / args.hot) if args.hot > 0 else 0
    for i in range(args.events):
        # An event a second, with a varying millisecond part so that times are not all alike.
        at = i * 1000 + rng.randrange(1000)
        actor = ACTORS[rng.randrange(len(ACTORS))]
        hot = hot_every and i % hot_every == 0
        account = accounts[0] if hot else accounts[1 + rng.randrange(short)]
        account.version += 1
        if account.version == 1:
            account.owner = actor
            kind, data = "Opened", '{"owner":"%s"}' % actor
        else:
            cents = 100 + rng.randrange(100000)
            if rng.randrange(3) == 0 and account.cents >= cents:
                account.cents -= cents
                kind = "Withdrawn"
            else:
                account.cents += cents
                kind = "Deposited"
            data = '{"amount":%s,"by":"%s"}' % (money(cents), actor)
        yield ("event", account.name, account.version, kind, at, data, actor)
        if not hot and snapshot_every:
            short_events += 1
            if short_events % snapshot_every == 0 and snapshots < args.snapshots and account.version > 1:
                state = '{"balance":%s,"closed":false,"owner":"%s"}' % (money(account.cents), account.owner)
                yield ("snapshot", account.name, account.version, at, state)
                snapshots += 1


def json_record(record, args):
    if record[0] == "snapshot":
        _, stream, version, at, state = record
        return '{"kind":"snapshot","stream":"%s","version":%d,"at":"%s","state":%s}' % (stream, version, iso(at), state)
    _, stream, version, kind, at, data, actor = record
    version_member = "" if args.no_versions else '"version":%d,' % version
    return '{"stream":"%s",%s"type":"%s","at":"%s","data":%s,"metadata":{"by":"%s"}}' % (
        stream, version_member, kind, iso(at), data, actor)


def csv_cell(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def csv_record(record, args):
    if record[0] == "snapshot":
        _, stream, version, at, state = record
        return ",".join([stream, str(version), "", iso(at), "snapshot", csv_cell(state), "", "", ""])
    _, stream, version, kind, at, data, actor = record
    members = json.loads(data)
    amount = data.split('"amount":')[1].split(",")[0] if "amount" in members else ""
    return ",".join([stream, "" if args.no_versions else str(version), kind, iso(at), "", "", amount,
                     members.get("owner", ""), actor])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", help="the file to write, or - for standard output")
    parser.add_argument("--events", type=int, default=1000000, help="events to write (default 1,000,000)")
    parser.add_argument("--format", choices=("jsonl", "json", "csv"),
                        help="default: from the output's extension, else jsonl")
    parser.add_argument("--accounts", type=int, help="accounts, account-0 included (default: one per 1,000 events)")
    parser.add_argument("--hot", type=float, default=0.5, help="share of events in account-0 (default 0.5)")
    parser.add_argument("--snapshots", type=int, default=1000, help="snapshots of short accounts (default 1,000)")
    parser.add_argument("--no-versions", action="store_true", help="leave versions out: Rewind counts them")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the output quietly
    if args.events < 1 or not 0 <= args.hot <= 1:
        parser.error("--events must be positive and --hot between 0 and 1")
    if args.accounts is None:
        args.accounts = max(2, args.events // 1000)
    fmt = args.format or next((f for f in ("jsonl", "json", "csv") if args.output.endswith("." + f)), "jsonl")

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    with out:
        if fmt == "csv":
            out.write("stream,version,type,at,kind,state,amount,owner,by\n")
            out.writelines(csv_record(r, args) + "\n" for r in records(args))
        elif fmt == "json":
            out.write('{"exportedAt":"%s","events":[\n' % iso(0))
            first = True
            for r in records(args):
                out.write(("" if first else ",\n") + json_record(r, args))
                first = False
            out.write("\n]}\n")
        else:
            out.writelines(json_record(r, args) + "\n" for r in records(args))


if __name__ == "__main__":
    main()
