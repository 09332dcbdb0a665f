"""Fixtures for the web tests: a real `ivpcheck serve` subprocess, Chromium, corpus files, axe-core."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .web_helpers import AXE, CHROMIUM, CHROMIUM_ARGS, Server, run_server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, built_corpus: Path) -> Iterator[Server]:
    """The service with its default limits, shared by the API and browser tests."""
    with run_server(tmp_path_factory.mktemp("serve") / "tmp") as srv:
        yield srv


@pytest.fixture(scope="session")
def manifest(built_corpus: Path) -> dict:
    return json.loads((built_corpus / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ivp_pdf(built_corpus: Path) -> Path:
    """A strong corpus plan as PDF."""
    return built_corpus / "pdf" / "amersfoort-2024.pdf"


@pytest.fixture(scope="session")
def ivp_docx(built_corpus: Path) -> Path:
    """A corpus plan as DOCX."""
    return built_corpus / "docx" / "kempen-2023.docx"


@pytest.fixture(scope="session")
def non_ivp_pdf(built_corpus: Path, manifest: dict) -> Path:
    """A corpus document that is not an IVP (the Heerenveen news item when it is built)."""
    preferred = built_corpus / "pdf" / "nieuws-heerenveen-ivp.pdf"
    if preferred.exists():
        return preferred
    others = [
        f
        for f in manifest["files"]
        if f["format"] == "pdf" and not f.get("variant") and f.get("doc_type") not in (None, "ivp")
    ]
    if not others:
        pytest.skip("the corpus has no non-IVP PDF")
    return built_corpus / others[0]["path"]


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("no /usr/bin/chromium (scripts/test.sh installs it)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script (npm ci --prefix tests/web, done by scripts/test.sh)."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} missing: run `npm ci --prefix tests/web`")
        pytest.skip("axe-core not installed: npm ci --prefix tests/web")
    return AXE.read_text(encoding="utf-8")
