#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run it.
# Used verbatim by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Install Debian packages, as root or through sudo.
apt_install() {
    local sudo=""
    [ "$(id -u)" = "0" ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Headless Chromium for the browser tests of `ivpcheck serve` (Debian package, no download by Playwright).
command -v chromium >/dev/null 2>&1 || apt_install chromium
# Tesseract with Dutch data for the OCR tests of scanned PDFs (tests/test_ocr.py).
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx nld; then
    apt_install tesseract-ocr tesseract-ocr-nld
fi

python3 -m pip install -q -e ".[dev]"
# axe-core from npm for the accessibility checks of the web tests (tests/web/package-lock.json).
command -v npm >/dev/null 2>&1 || apt_install npm
npm ci --prefix tests/web --no-audit --no-fund --loglevel=error

python3 -m pytest "$@"
