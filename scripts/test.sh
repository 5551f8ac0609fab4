#!/usr/bin/env bash
# Sets up what is missing, builds Rewind, and runs the whole test suite (offscreen, no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cmake --preset dev
cmake --build --preset dev
ctest --preset dev -j2
