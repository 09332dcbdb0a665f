#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run it.
# Used verbatim by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi; }

# Headless Chromium for the browser tests of `ivpcheck serve` (Debian package, no download by Playwright).
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq chromium >/dev/null
    fi
fi

# Python: the active virtual environment, or CI's own Python; a system Python that refuses installs
# (Debian's "externally-managed-environment") gets a .venv in the checkout instead.
PYTHON=python3
if ! python3 -c 'import os, sys, sysconfig; sys.exit(sys.prefix == sys.base_prefix and os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
    if [ ! -x .venv/bin/pip ]; then
        rm -rf .venv
        if ! python3 -m venv .venv >/dev/null 2>&1; then  # Debian without python3-venv
            rm -rf .venv
            as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
            python3 -m venv .venv
        fi
    fi
    PYTHON=.venv/bin/python
fi
"$PYTHON" -m pip install -q -e ".[dev]"
# axe-core from npm for the accessibility checks of the web tests (tests/web/package-lock.json).
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    else
        sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq npm >/dev/null
    fi
fi
npm ci --prefix tests/web --no-audit --no-fund --loglevel=error

"$PYTHON" -m pytest "$@"
