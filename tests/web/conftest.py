"""Fixtures for the web tests: a real `ivpcheck serve` subprocess, Chromium, corpus files, axe-core."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_SECONDS = 300
# Server and CLI run with one hash seed, so that a report can be compared byte for byte even
# where the engine's output depends on set order (seen in profile.priorities[].matched).
HASH_SEED = "0"


def free_port() -> int:
    """A TCP port that is free on localhost right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ivpcheck_command() -> list[str]:
    """The `ivpcheck` console script, or the same entry point through this Python."""
    script = shutil.which("ivpcheck")
    if script:
        return [script]
    return [sys.executable, "-c", "import sys; from ivpcheck.cli import main; sys.exit(main())"]


@dataclass
class Server:
    """A running `ivpcheck serve` subprocess."""

    url: str
    process: subprocess.Popen[bytes]
    tmpdir: Path
    log: Path

    def temp_root(self) -> Path:
        """The service's private temp dir (ivpcheck-serve-*) inside TMPDIR."""
        roots = list(self.tmpdir.glob("ivpcheck-serve-*"))
        assert len(roots) == 1, roots
        return roots[0]

    def stored_files(self) -> list[Path]:
        """Every file left in the service's temp root (should be none between requests)."""
        return [p for p in self.temp_root().rglob("*") if p.is_file()]

    def health(self) -> dict:
        return httpx.get(f"{self.url}/healthz", timeout=10).json()


@contextmanager
def run_server(tmpdir: Path, *args: str, workers: int = 2) -> Iterator[Server]:
    """Start `ivpcheck serve --port <free port>` on localhost; wait until every worker is ready."""
    tmpdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = tmpdir.parent / f"serve-{port}.log"
    env = dict(os.environ, TMPDIR=str(tmpdir), PYTHONUNBUFFERED="1", PYTHONHASHSEED=HASH_SEED)
    cmd = [*ivpcheck_command(), "serve", "--port", str(port), "--workers", str(workers), *args]
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmpdir.parent)
    server = Server(f"http://127.0.0.1:{port}", process, tmpdir, log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"ivpcheck serve stopped: {log.read_text(errors='replace')}")
            try:
                if server.health()["ready"] >= workers:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"ivpcheck serve not ready in {STARTUP_SECONDS} s: {log.read_text(errors='replace')}"
                )
            time.sleep(0.25)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


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
    return built_corpus / "pdf" / "kempen-2023.pdf"


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
