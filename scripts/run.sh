#!/usr/bin/env bash
# Sets up what is missing, builds Rewind, and opens the window on its bundled demo
# (any arguments are passed on: a file to open, or --screenshot FILE.png …).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cmake --preset dev
cmake --build --preset dev
if [ -x build/dev/app/rewind ]; then
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "No display found: starting the window under Xvfb."
        exec xvfb-run -a build/dev/app/rewind "$@"
    fi
    exec build/dev/app/rewind "$@"
fi
# Until the window is built: the command line on the demo store.
demo=${TMPDIR:-/tmp}/rewind-demo.db
[ -f "$demo" ] || build/dev/app/rewind-cli demo --out "$demo"
build/dev/app/rewind-cli info "$demo"
