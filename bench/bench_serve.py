"""Load benchmark of `ivpcheck serve`: N concurrent uploads of a 40-page plan on localhost.

    python bench/bench_serve.py [-n 20] [--workers 2] [--pages 40] [--json bench/results/serve.json]

Starts `ivpcheck serve` on a free localhost port (queue large enough to admit all N uploads, so
none gets 503), sends one upload first (the reference report and the single-request latency),
then N at once, and stops the server. Reports p50/p95 latency, throughput, the peak RSS of the
server's process tree (service + workers, sampled from /proc every 50 ms) and checks that every
answer is a correct report: HTTP 200 with the reference's score, band, section scores, verdicts and
profile (`identical_json` also counts byte-identical answers). Exit 1 if any is not correct.
The plan: the largest corpus PDF, or (when it has fewer than --pages pages) one built from the
corpus sources by bench_check.long_plan. Not a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import cli_command, ensure_corpus, long_plan, page_count  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * PAGE_SIZE
    total = 0
    for pid in rss:
        p = pid
        while p > 1 and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += rss[pid]
    return total


class RssSampler(threading.Thread):
    """Samples the tree's RSS until stopped; keeps the peak."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss(self.root))
            self.stop.wait(0.05)


def start_server(port: int, workers: int, n: int, timeout: float, tmp: Path) -> subprocess.Popen[bytes]:
    cmd = [
        *cli_command(), "serve", "--port", str(port), "--workers", str(workers),
        "--queue", str(n), "--timeout", str(timeout),
    ]  # fmt: skip
    env = dict(os.environ, TMPDIR=str(tmp))
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(url: str, workers: int, process: subprocess.Popen[bytes], limit: float = 600) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            raise SystemExit(f"server stopped: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"{url}/healthz", timeout=5).json()["ready"] >= workers:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server not ready")


async def upload(client: httpx.AsyncClient, url: str, plan: Path, data: bytes) -> tuple[float, int, str]:
    started = time.perf_counter()
    response = await client.post(f"{url}/api/check", files={"file": (plan.name, data, "application/pdf")})
    return time.perf_counter() - started, response.status_code, response.text


async def burst(url: str, plan: Path, n: int, timeout: float) -> tuple[list[tuple[float, int, str]], float]:
    data = plan.read_bytes()
    limits = httpx.Limits(max_connections=n)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        started = time.perf_counter()
        results = await asyncio.gather(*(upload(client, url, plan, data) for _ in range(n)))
        return list(results), time.perf_counter() - started


def verdicts(report: dict) -> tuple:
    """What must be the same in every answer: score, band, sections, verdict per criterion, profile."""
    profile = report.get("profile") or {}
    return (
        report.get("scored"),
        report.get("total"),
        report.get("band"),
        tuple(report.get("band_capped_by", [])),
        tuple((s["section"], s["score"]) for s in report.get("sections", [])),
        tuple((c["id"], c["verdict"], c["score"]) for c in report.get("criteria", [])),
        tuple(m["code"] for m in profile.get("municipalities", [])),
        (profile.get("period_start"), profile.get("period_end")),
        tuple((p["text"], p["field"]) for p in profile.get("priorities", [])),
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="concurrent uploads")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", type=int, default=40, help="minimum pages of the plan")
    parser.add_argument("--timeout", type=float, default=600, help="per check (server) and per request")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        tmpdir = Path(tmp)
        plan = long_plan(ensure_corpus(), args.pages, tmpdir)
        pages = page_count(plan)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server_tmp = tmpdir / "server"
        server_tmp.mkdir()
        process = start_server(port, args.workers, args.n, args.timeout, server_tmp)
        sampler = RssSampler(process.pid)
        try:
            startup = wait_ready(url, args.workers, process)
            sampler.start()
            [(single, status, reference)] = asyncio.run(burst(url, plan, 1, args.timeout))[0]
            if status != 200:
                raise SystemExit(f"reference upload failed: {status} {reference[:300]}")
            results, wall = asyncio.run(burst(url, plan, args.n, args.timeout))
            idle_rss = tree_rss(process.pid)
            leftovers = [p for p in server_tmp.rglob("*") if p.is_file()]
        finally:
            sampler.stop.set()
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
    latencies = [r[0] for r in results]
    report = json.loads(reference)
    answers = [json.loads(body) if status == 200 else None for _, status, body in results]
    correct = sum(1 for a in answers if a is not None and verdicts(a) == verdicts(report))
    identical = sum(1 for a in answers if a == report)
    figures = {
        "plan": plan.name,
        "pages": pages,
        "n": args.n,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "startup_s": round(startup, 2),
        "single_s": round(single, 2),
        "p50_s": round(percentile(latencies, 0.5), 2),
        "p95_s": round(percentile(latencies, 0.95), 2),
        "max_s": round(max(latencies), 2),
        "wall_s": round(wall, 2),
        "throughput_per_min": round(60 * args.n / wall, 2),
        "pages_per_s": round(args.n * pages / wall, 1),
        "peak_rss_mb": round(sampler.peak / 2**20),
        "rss_after_mb": round(idle_rss / 2**20),
        "correct": correct,
        "identical_json": identical,
        "statuses": sorted({r[1] for r in results}),
        "files_left_in_temp": len(leftovers),
        "total": report.get("total"),
        "band": report.get("band"),
    }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    ok = correct == args.n and not leftovers
    print("OK: every upload got the correct report" if ok else f"FAILED: {args.n - correct} wrong or lost")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
