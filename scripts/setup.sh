#!/usr/bin/env bash
# Installs what Rewind needs to build and test on Debian/Ubuntu, if it is missing.
# Sourced by run.sh and test.sh; safe to run again (does nothing when all is there).
set -euo pipefail

REWIND_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-declarative-dev libqt6sql6-sqlite
    libgl-dev libsqlite3-dev libsimdjson-dev libpq-dev
    postgresql nodejs
    xvfb xauth fonts-dejavu-core
)

# rewind_install PACKAGE...: installs those of the packages that are missing (apt-get update
# once per run). Other scripts call it for what only they need (scripts/fuzz.sh: clang).
rewind_install() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    if [ -z "${REWIND_APT_UPDATED:-}" ]; then
        "${sudo_cmd[@]}" apt-get update -qq
        export REWIND_APT_UPDATED=1
    fi
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
rewind_install "${REWIND_PACKAGES[@]}"
# npm writes the server-store fixtures with the real Emmett and Message DB. Debian packages it
# apart from Node.js; other builds of Node.js bring their own, which Debian's would conflict
# with: installed only when there is none.
command -v npm >/dev/null 2>&1 || rewind_install npm

# Qt wants a private runtime directory; root has none by default.
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
    XDG_RUNTIME_DIR=$(mktemp -d /tmp/rewind-runtime-XXXXXX)
    chmod 0700 "$XDG_RUNTIME_DIR"
    export XDG_RUNTIME_DIR
fi
