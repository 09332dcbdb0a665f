"""Checks in worker processes, each job with a time limit; a stuck or crashed worker is replaced.

The pool owns N processes (spawned, not forked, so no event-loop or thread state is copied).
A worker loads the check function once, warms it up, then answers jobs over a pipe. The
parent waits for each answer at most `timeout` seconds; after that it kills that one worker and
starts a fresh one, so a hostile file can cost one slot for a while but never the service.
Each worker also has an address-space limit, and is recycled after `max_jobs_per_worker` jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ivpcheck.model.errors import IvpcheckError, TooManyPagesError
from ivpcheck.web.config import DEFAULT_CHECK, ServeConfig

STARTUP_TIMEOUT = 120.0
RETRY_START = 5.0


@dataclass(frozen=True)
class Job:
    """One check: the stored upload, the name to show, the limits and the run settings (JSON)."""

    path: str
    display_name: str
    max_pages: int
    settings_json: str


Result = dict[str, Any]  # {"status": "ok", "report": json} or {"status": "error", "category", "detail"}


class WorkerTimeout(Exception):
    """The worker did not answer within the time limit."""


class WorkerDied(Exception):
    """The worker process ended while working on a job."""


# --- in the worker process -------------------------------------------------------------------


def resolve(spec: str) -> Callable[..., Any]:
    """'module:function' -> the function."""
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def _limit_memory(megabytes: int) -> None:
    if megabytes <= 0:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _count_pages(path: Path, max_pages: int, name: str) -> None:
    """Decide the type by the bytes; refuse a PDF with too many pages before reading it."""
    from ivpcheck.read import sniff_format

    with path.open("rb") as handle:
        head = handle.read(65536)
    if sniff_format(path, head) != "pdf":
        return
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return  # encrypted or corrupt: the reader gives the precise error
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages > max_pages:
        raise TooManyPagesError(name, f"{pages} > {max_pages}")


def run_job(job: Job, check: Callable[..., Any]) -> Result:
    """Check one file; every failure becomes an error result (never an exception)."""
    from ivpcheck.model.settings import Settings

    path = Path(job.path)
    try:
        settings = Settings.model_validate_json(job.settings_json)
        _count_pages(path, job.max_pages, job.display_name)
        report = check(path, settings)
        if report.input.pages > job.max_pages:
            raise TooManyPagesError(job.display_name, f"{report.input.pages} > {job.max_pages}")
        report.input.path = job.display_name
        return {"status": "ok", "report": report.model_dump_json()}
    except IvpcheckError as error:
        return {"status": "error", "category": error.category, "detail": _clean(error.detail, job)}
    except MemoryError:
        return {"status": "error", "category": "memory", "detail": "MemoryError"}
    except Exception as error:
        detail = _clean(f"{type(error).__name__}: {error}", job)
        return {"status": "error", "category": "internal", "detail": detail}


def _clean(text: str, job: Job) -> str:
    """A message without the temp path."""
    return text.replace(job.path, job.display_name).replace(str(Path(job.path).parent), "")[:300]


def _warm_up(check: Callable[..., Any], spec: str, settings_json: str) -> None:
    """Load the configured rule pack, the NLP pipeline and the readers once (the real check only)."""
    if spec == DEFAULT_CHECK:
        from ivpcheck.model.settings import Settings
        from ivpcheck.web.warmup import warm_up

        warm_up(check, Settings.model_validate_json(settings_json))


def worker_main(conn: Connection, spec: str, memory_limit_mb: int, settings_json: str) -> None:
    """The worker's loop: ready, then one answer per job, until None or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's business
    _limit_memory(memory_limit_mb)
    check = resolve(spec)
    _warm_up(check, spec, settings_json)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(run_job(job, check))


# --- in the service process ------------------------------------------------------------------


class Worker:
    """The service's handle on one worker process."""

    def __init__(self, ctx: Any, spec: str, memory_limit_mb: int, settings_json: str) -> None:
        parent, child = ctx.Pipe()
        self.process = ctx.Process(
            target=worker_main,
            args=(child, spec, memory_limit_mb, settings_json),
            daemon=True,
            name="ivpcheck-worker",
        )
        self.process.start()
        child.close()
        self.conn: Connection = parent
        self.jobs = 0

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def wait_ready(self, timeout: float) -> bool:
        """Block until the worker has warmed up (False when it failed or took too long)."""
        try:
            return bool(self.conn.poll(timeout)) and self.conn.recv()[0] == "ready"
        except (EOFError, OSError):
            return False

    def call(self, job: Job, timeout: float) -> Result:
        """Send a job and wait for the answer (blocking; run it in a thread)."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                raise WorkerTimeout
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as error:
            raise WorkerDied from error

    def stop(self, kill: bool = False) -> None:
        """End the process: ask politely, or kill it at once."""
        if not kill:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()


class WorkerPool:
    """N workers; `run` waits for a free one, sends the job and enforces the time limit."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self._ctx = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=2 * config.workers + 2, thread_name_prefix="ivp-pool")
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._workers: set[Worker] = set()
        self._starting: set[Worker] = set()
        self._closing = False
        self.busy = 0
        self.timeouts = 0
        self.replaced = 0
        self.start_failures = 0
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def ready(self) -> int:
        """Workers that are warmed up (idle or busy)."""
        return self._idle.qsize() + self.busy

    async def start(self) -> None:
        """Start the workers in the background; jobs wait until one is ready."""
        for _ in range(self.config.workers):
            self._background(self._add_worker())

    def _background(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _new_worker(self) -> Worker:
        """Start a worker and wait for its warm-up (blocking; runs in a thread)."""
        for _ in range(3):
            if self._closing:
                break
            worker = Worker(
                self._ctx,
                self.config.check_function,
                self.config.memory_limit_mb,
                self.config.settings.model_dump_json(),
            )
            self._starting.add(worker)
            try:
                if worker.wait_ready(STARTUP_TIMEOUT):
                    return worker
            finally:
                self._starting.discard(worker)
            worker.stop(kill=True)
        raise RuntimeError("ivpcheck: worker kan niet starten / worker cannot start")

    async def _add_worker(self) -> None:
        """Start one worker; on failure try again later (jobs meanwhile fail fast, see `run`)."""
        loop = asyncio.get_running_loop()
        try:
            worker = await loop.run_in_executor(self._threads, self._new_worker)
        except RuntimeError:
            self.start_failures += 1
            if not self._closing:
                await asyncio.sleep(RETRY_START)
                self._background(self._add_worker())
            return
        if self._closing:
            await loop.run_in_executor(self._threads, worker.stop)
            return
        self.start_failures = 0
        self._workers.add(worker)
        self._idle.put_nowait(worker)

    async def _replace(self, worker: Worker, kill: bool) -> None:
        self._workers.discard(worker)
        self.replaced += 1
        await asyncio.get_running_loop().run_in_executor(self._threads, worker.stop, kill)
        if not self._closing:
            await self._add_worker()

    async def run(self, job: Job) -> Result:
        """Run one job on the next free worker; never raises for a bad file."""
        if self.ready == 0 and self.start_failures:
            return {"status": "error", "category": "internal", "detail": "werkprocessen starten niet"}
        try:
            worker = await asyncio.wait_for(self._idle.get(), self._max_wait())
        except TimeoutError:
            return {"status": "error", "category": "busy", "detail": "geen vrije worker"}
        self.busy += 1
        future = asyncio.get_running_loop().run_in_executor(
            self._threads, worker.call, job, self.config.timeout
        )
        try:
            await asyncio.shield(future)
        except asyncio.CancelledError:
            future.add_done_callback(lambda f: self._finish(worker, f))
            raise
        except Exception:
            pass  # handled in _finish
        return self._finish(worker, future)

    def _max_wait(self) -> float:
        """How long a job may wait for a worker: the whole queue ahead of it, plus a restart."""
        rounds = -(-self.config.capacity // max(1, self.config.workers)) + 1
        return rounds * self.config.timeout + STARTUP_TIMEOUT

    def _finish(self, worker: Worker, future: Future[Result] | asyncio.Future[Result]) -> Result:
        """Return the worker to the pool (or replace it) and turn the outcome into a Result."""
        self.busy -= 1
        error = future.exception()
        if error is None:
            worker.jobs += 1
            if worker.jobs >= self.config.max_jobs_per_worker:
                self._background(self._replace(worker, kill=False))
            else:
                self._idle.put_nowait(worker)
            return future.result()
        self._background(self._replace(worker, kill=True))
        if isinstance(error, WorkerTimeout):
            self.timeouts += 1
            return {"status": "error", "category": "timeout", "detail": f"> {self.config.timeout:g} s"}
        return {
            "status": "error",
            "category": "internal",
            "detail": f"worker gestopt ({type(error).__name__})",
        }

    async def close(self) -> None:
        """Stop every worker and the helper threads."""
        self._closing = True
        loop = asyncio.get_running_loop()
        workers = list(self._workers)
        self._workers.clear()
        for starting in list(self._starting):  # still warming up: no need to wait for them
            starting.stop(kill=True)
        await asyncio.gather(*(loop.run_in_executor(self._threads, w.stop) for w in workers))
        for task in list(self._tasks):
            task.cancel()
        self._threads.shutdown(wait=False, cancel_futures=True)


class Admission:
    """Bounded concurrency: at most `capacity` checks admitted (running plus waiting)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.admitted = 0

    def try_enter(self) -> bool:
        """Take a place, or False when full (the caller answers 503)."""
        if self.admitted >= self.capacity:
            return False
        self.admitted += 1
        return True

    def leave(self) -> None:
        """Give the place back."""
        self.admitted = max(0, self.admitted - 1)
