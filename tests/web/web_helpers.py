"""Helpers for the web tests: start a real `ivpcheck serve` subprocess, paths, Chromium settings.

A module of its own (not conftest.py), so that test modules can import it by a unique name.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from ivpcheck.web.app import create_app
from ivpcheck.web.config import ServeConfig
from ivpcheck.web.guard import uvicorn_config

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


@contextmanager
def app_server(config: ServeConfig) -> Iterator[tuple[str, object]]:
    """The app on a free localhost port, served in a thread as `ivpcheck serve` serves it (the same
    uvicorn settings), with every worker ready; yields (url, service)."""
    app = create_app(config)
    port = free_port()
    server = uvicorn.Server(uvicorn_config(app, config, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=5).json()["ready"] >= config.workers:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "test server did not start"
        time.sleep(0.1)
    try:
        yield url, app.state.service
    finally:
        server.should_exit = True
        thread.join(60)
