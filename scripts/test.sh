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
# LibreOffice Writer (headless, with a font) for the test that opens the advisor's Word letter (tests/test_letter.py).
command -v soffice >/dev/null 2>&1 || apt_install --no-install-recommends libreoffice-writer-nogui fonts-liberation

# Python: the active virtual environment, or CI's own Python; a system Python that refuses installs
# (Debian's "externally-managed-environment") gets a .venv in the checkout instead.
PYTHON=python3
if ! python3 -c 'import os, sys, sysconfig; sys.exit(sys.prefix == sys.base_prefix and os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
    if [ ! -x .venv/bin/pip ]; then
        rm -rf .venv
        if ! python3 -m venv .venv >/dev/null 2>&1; then  # Debian without python3-venv
            rm -rf .venv
            apt_install python3-venv
            python3 -m venv .venv
        fi
    fi
    PYTHON=.venv/bin/python
fi
"$PYTHON" -m pip install -q -e ".[dev]"
# axe-core from npm for the accessibility checks of the web tests (tests/web/package-lock.json).
command -v npm >/dev/null 2>&1 || apt_install npm
npm ci --prefix tests/web --no-audit --no-fund --loglevel=error

"$PYTHON" -m pytest "$@"
