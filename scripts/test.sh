#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run it.
# Used verbatim by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium for the browser tests of `ivpcheck serve` (Debian package, no download by Playwright).
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq chromium >/dev/null
    fi
fi

python3 -m pip install -q -e ".[dev]"
# axe-core from npm for the accessibility checks of the web tests (tests/web/package-lock.json).
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    else
        sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq npm >/dev/null
    fi
fi
npm ci --prefix tests/web --no-audit --no-fund --loglevel=error

python3 -m pytest "$@"
