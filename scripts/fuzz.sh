#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang 14, ASan + UBSan) and runs each in turn
# for SECONDS (default 60) on seeds taken from tests/data. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 300 fuzz_csv fuzz_json
#
# Exits 1 when a target found a crash, a leak, a timeout or ran out of memory, and prints the
# file that reproduces it; 2 on bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(fuzz_csv fuzz_decimal fuzz_emmett fuzz_json fuzz_jsonlines fuzz_jsonvalue fuzz_mapping fuzz_preview fuzz_store)
usage() {
    echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]  (targets: ${all_targets[*]})" >&2
    exit 2
}

seconds=60
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || usage
done

source scripts/setup.sh # Qt, SQLite, simdjson, CMake and Ninja, as for every other build
# Debian's clang 14 and its runtimes (libFuzzer and the sanitizers live in libclang-rt-14-dev).
rewind_install clang-14 libclang-rt-14-dev

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz # only the core libraries the targets link, and the targets

build=build/fuzz
bin=$build/fuzz

# Fresh seeds every run, copied from tests/data (never written there). What the fuzzer finds
# goes into corpus/TARGET instead, which is kept, so a later run starts where this one stopped.
seeds=$build/seeds
rm -rf "$seeds"
for target in "${all_targets[@]}"; do
    mkdir -p "$seeds/$target"
done
data=tests/data
# seed TARGET FILE...: copies each file in, named after its folder too (logs/empty.jsonl and
# formats/broken/empty.jsonl are different seeds).
seed() {
    local target=$1 file
    shift
    for file in "$@"; do
        cp "$file" "$seeds/$target/$(basename "$(dirname "$file")")-$(basename "$file")"
    done
}
seed fuzz_jsonlines $data/logs/*.jsonl $data/formats/*.jsonl $data/formats/broken/*.jsonl
seed fuzz_json $data/formats/events-*.json $data/formats/broken/*.json
seed fuzz_csv $data/formats/*.csv $data/formats/broken/*.csv
seed fuzz_mapping $data/formats/custom-mapping.json
seed fuzz_preview $data/logs/*.jsonl $data/formats/*.jsonl $data/formats/events-*.json $data/formats/*.csv \
    $data/formats/broken/not-a-log.txt
seed fuzz_emmett $data/emmett/*.sqlite $data/formats/broken/*.sqlite
# Each record of the test logs is a JSON value of its own (states and data are smaller ones).
cat $data/logs/*.jsonl $data/formats/*.jsonl | awk 'NR <= 300' | while IFS= read -r record; do
    printf '%s' "$record" >"$seeds/fuzz_jsonvalue/record-$(printf '%s' "$record" | md5sum | cut -c1-12)"
done
# The numbers the test logs hold, one a file.
grep -ohE -- '-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?' $data/logs/*.jsonl $data/formats/*.jsonl $data/formats/*.csv \
    | sort -u | awk 'NR <= 200' | while read -r number; do
    printf '%s' "$number" >"$seeds/fuzz_decimal/$number"
done
for log in $data/logs/textbook.jsonl $data/logs/mixed.jsonl $data/formats/events-object.json; do
    "$bin/rewind-fuzz-store-seed" "$log" "$seeds/fuzz_store/$(basename "${log%.*}").rwd"
done

# A folder of its own for the targets' temporary files, so that a run stopped by a crash
# leaves nothing behind outside the build.
export TMPDIR=$PWD/$build/tmp
mkdir -p "$TMPDIR"
export UBSAN_OPTIONS=print_stacktrace=1

# report TARGET LOG: says what went wrong and which file reproduces it.
report() {
    local reproducer
    grep -E '^(==[0-9]+==ERROR|SUMMARY)|runtime error|deadly signal|ALARM' "$2" | head -n 5 || true
    reproducer=$(grep -oE '(Test unit|artifact) written to [^ ]+' "$2" | tail -n 1 | awk '{print $NF}' || true)
    echo "   FAILED: $1; reproducer: ${reproducer:-see $2}"
    if [ -n "$reproducer" ]; then
        echo "   replay: $bin/$1 $reproducer"
    fi
}

failed=()
for target in "${targets[@]}"; do
    corpus=$build/corpus/$target
    artifacts=$build/artifacts/$target
    log=$build/logs/$target.log
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    limits=(-rss_limit_mb=2048 -timeout=10 -artifact_prefix="$artifacts/")
    case $target in
    fuzz_json | fuzz_jsonlines | fuzz_mapping | fuzz_preview) dict=(-dict=fuzz/records.dict) ;;
    fuzz_csv) dict=(-dict=fuzz/csv.dict) ;;
    *) dict=() ;;
    esac
    echo "== $target: ${seconds}s (log: $log)"
    start=$(date +%s)
    # Leaks are looked for afterwards: the readers keep caches (interned names, detected keys)
    # that grow now and then, and libFuzzer would run LeakSanitizer after every such input,
    # ten times slower. Every input that reached new code is in the corpus, and the second run
    # replays them all with leak detection on.
    if ! "$bin/$target" -max_total_time="$seconds" -detect_leaks=0 -print_final_stats=1 "${limits[@]}" "${dict[@]}" \
        "$corpus" "$seeds/$target" >"$log" 2>&1; then
        failed+=("$target")
        report "$target" "$log"
        continue
    fi
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true
    grep -E 'stat::number_of_executed_units' "$log" || true
    if ! "$bin/$target" -runs=0 -detect_leaks=1 "${limits[@]}" "$corpus" "$seeds/$target" >"$log.leaks" 2>&1; then
        failed+=("$target")
        report "$target" "$log.leaks"
        continue
    fi
    echo "   no leak in the corpus ($(find "$corpus" -type f | wc -l) inputs); $(($(date +%s) - start))s"
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: ${failed[*]} found a problem" >&2
    exit 1
fi
echo "fuzz.sh: no crash, leak, timeout or out-of-memory in ${targets[*]}"
