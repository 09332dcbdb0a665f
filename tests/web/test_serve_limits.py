"""`ivpcheck serve` against hostile clients, on a real local server with the real check and small limits.

The server is the one `ivpcheck serve` runs (ivpcheck.web.guard.uvicorn_config) on 127.0.0.1 and a
free port, in a thread; its workers are real worker processes. Every case must end within its limit
with a documented HTTP status: idle and slow connections are closed, concurrent uploads wait in the
queue, a full queue answers 503 with Retry-After, and heavy uploads leave a worker for normal plans.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, suppress
from pathlib import Path

import httpx
import pytest

from ivpcheck.web.config import ServeConfig

from .web_helpers import app_server

# Small limits, so that every case ends in seconds (the defaults are in ServeConfig and the README).
LIMITS = ServeConfig(
    header_timeout=1.5,
    body_timeout=2.0,
    min_upload_rate=10_000,
    timeout=30,
    cpu_limit=4,
    heavy_upload_mb=1,
)
BOUNDARY = "ivpchecklimits"


@pytest.fixture(scope="module")
def service(built_corpus: Path) -> Iterator[tuple[str, int]]:
    with app_server(LIMITS) as (url, _):
        yield url, int(url.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def plan(built_corpus: Path) -> bytes:
    """A normal plan (about 15 pages)."""
    return (built_corpus / "pdf" / "amersfoort-2024.pdf").read_bytes()


@pytest.fixture(scope="module")
def heavy_html(built_corpus: Path) -> bytes:
    """A 5 MB HTML page: the body of a plan over and over (reading it takes about twice `cpu_limit`)."""
    page = (built_corpus / "html" / "amersfoort-2024.html").read_text(encoding="utf-8")
    head, _, rest = page.partition("<body>")
    body, _, tail = rest.partition("</body>")
    return f"{head}<body>{body * (5_000_000 // len(body) + 1)}</body>{tail}".encode()


def post(url: str, data: bytes, name: str = "plan.pdf") -> httpx.Response:
    return httpx.post(f"{url}/api/check", files={"file": (name, data)}, timeout=120)


def timed_post(url: str, data: bytes, name: str = "plan.pdf") -> tuple[int, float, str]:
    """Status, seconds and error category (empty for a report) of one upload."""
    started = time.monotonic()
    answer = post(url, data, name)
    return answer.status_code, time.monotonic() - started, answer.json().get("error", "")


def admitted(url: str) -> int:
    return httpx.get(f"{url}/healthz", timeout=10).json()["admitted"]


def upload_head(port: int, length: int) -> bytes:
    """The request line, headers and the start of a multipart body of `length` bytes."""
    part = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="plan.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    )
    head = (
        f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n\r\n"
    )
    return (head + part).encode()


def closed_by_server(sock: socket.socket, within: float) -> tuple[bool, bytes]:
    """Whether the server closed the connection within `within` seconds; and what it sent."""
    sock.settimeout(within)
    received = b""
    try:
        while chunk := sock.recv(4096):
            received += chunk
    except TimeoutError:
        return False, received
    except ConnectionResetError:
        pass
    return True, received


def test_idle_connections_do_not_block_an_upload_and_are_closed(
    service: tuple[str, int], plan: bytes
) -> None:
    url, port = service
    with ExitStack() as stack:
        idle = [stack.enter_context(socket.create_connection(("127.0.0.1", port))) for _ in range(63)]
        assert post(url, plan).status_code == 200
        started = time.monotonic()
        for sock in idle:
            closed, answer = closed_by_server(sock, LIMITS.header_timeout + 5)
            assert closed
            assert answer.startswith(b"HTTP/1.1 408")
        assert time.monotonic() - started < LIMITS.header_timeout + 5


def test_slow_drip_uploads_are_cut_and_a_normal_upload_is_answered(
    service: tuple[str, int], plan: bytes
) -> None:
    url, port = service
    stop = threading.Event()
    with ExitStack() as stack:
        drips = [stack.enter_context(socket.create_connection(("127.0.0.1", port))) for _ in range(10)]
        for sock in drips:
            sock.sendall(upload_head(port, 100_000))

        def drip() -> None:  # one byte per connection every second, far below the minimum rate
            while not stop.is_set():
                for sock in drips:
                    with suppress(OSError):
                        sock.send(b"x")
                stop.wait(1.0)

        dripper = threading.Thread(target=drip, daemon=True)
        dripper.start()
        try:
            time.sleep(0.5)
            assert admitted(url) >= 10  # the drips hold their places ...
            status, seconds, _ = timed_post(url, plan)
            assert status == 200
            assert seconds < 20
            deadline = time.monotonic() + LIMITS.body_timeout + 5
            while admitted(url) > 0:  # ... only until the body deadline
                assert time.monotonic() < deadline, "slow uploads kept their places"
                time.sleep(0.2)
            for sock in drips:
                assert closed_by_server(sock, 2)[0]
        finally:
            stop.set()
            dripper.join(5)


def test_twelve_concurrent_uploads_all_wait_their_turn(service: tuple[str, int], plan: bytes) -> None:
    url, _ = service
    assert LIMITS.capacity == ServeConfig().capacity >= 12  # the default queue
    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(lambda _: post(url, plan).status_code, range(12)))
    assert statuses == [200] * 12


def test_over_capacity_is_503_with_retry_after(service: tuple[str, int], plan: bytes) -> None:
    url, port = service
    with ExitStack() as stack:
        holders = []
        for _ in range(LIMITS.capacity):  # uploads that take their places and then pause (legally)
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", port)))
            sock.sendall(upload_head(port, 10_000_000) + b"x" * 200_000)
            holders.append(sock)
        deadline = time.monotonic() + 5
        while admitted(url) < LIMITS.capacity:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        answer = post(url, plan)
        assert answer.status_code == 503
        assert answer.json()["error"] == "busy"
        assert answer.headers["Retry-After"] == str(LIMITS.retry_after)
    deadline = time.monotonic() + 10
    while admitted(url) > 0:
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_heavy_uploads_leave_a_worker_for_a_normal_plan(
    service: tuple[str, int], plan: bytes, heavy_html: bytes
) -> None:
    url, _ = service
    assert len(heavy_html) > LIMITS.heavy_upload_bytes > len(plan)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with ThreadPoolExecutor(3) as pool:
        heavy = [pool.submit(timed_post, url, heavy_html, "groot.html") for _ in range(2)]
        time.sleep(1.0)  # the heavy uploads are in
        status, seconds, _ = timed_post(url, plan)
        heavy_results = [future.result() for future in heavy]
    done.set()
    sampler.join(5)
    assert status == 200
    assert seconds < 15
    assert [(code, error) for code, _, error in heavy_results] == [(422, "timeout")] * 2  # the CPU limit
    assert all(took < LIMITS.timeout for _, took, _ in heavy_results)
    assert 0 < peak[0] < 1500  # this test process, its server and workers together


def _tree_rss_mb() -> float:
    """Resident memory of this process and its worker processes now (MB)."""
    total = 0.0
    for pid in [os.getpid(), *_children(os.getpid())]:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []
