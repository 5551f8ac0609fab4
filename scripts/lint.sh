#!/usr/bin/env bash
# The checks CI runs besides the tests:
#   - every C++ file is formatted as .clang-format says (clang-format -i fixes it);
#   - clang-tidy (.clang-tidy) finds nothing in the C++ files changed since REWIND_LINT_BASE
#     (default: the previous commit), compiled as the dev build compiles them.
# Needs a configured dev build (scripts/test.sh makes one) for compile_commands.json.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t sources < <(git ls-files '*.cpp' '*.h')
echo "clang-format: ${#sources[@]} files"
clang-format --dry-run --Werror "${sources[@]}"

base=${REWIND_LINT_BASE:-HEAD~1}
if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
    base=$(git rev-list --max-parents=0 HEAD | tail -n 1)
fi
# Translation units only (a header is checked through the files that include it); tests and
# the benchmark too, but not files deleted by the change.
mapfile -t changed < <(git diff --name-only --diff-filter=d "$base" -- '*.cpp' | grep -v '^tests/data/' || true)
if [ ${#changed[@]} -eq 0 ]; then
    echo "clang-tidy: no C++ file changed since $base"
    exit 0
fi
[ -f build/dev/compile_commands.json ] || { echo "lint.sh: configure the dev build first (scripts/test.sh)" >&2; exit 2; }
echo "clang-tidy: ${#changed[@]} files changed since $(git rev-parse --short "$base")"
# Run in parallel, one file a process; any finding fails (WarningsAsErrors in .clang-tidy).
printf '%s\n' "${changed[@]}" | xargs -P "$(nproc)" -n 1 clang-tidy -p build/dev --quiet
