"""Checks for `ivpcheck serve`: the job, its run in a worker process, and admission.

The workers are the shared pool's (ivpcheck.run.pool), spawned rather than forked (so no event-loop or
thread state is copied) and served by its background thread. A worker loads the check function once,
warms it up, then answers jobs. Each job has `timeout` seconds; after that the pool kills that one
worker and starts a fresh one, so a hostile file can cost one slot for a while but never the service.
While it runs, a job also has `cpu_limit` CPU seconds and the worker's address-space limit; workers
are recycled after `max_jobs_per_worker` jobs. Heavy uploads (larger than `heavy_upload_mb`) run on
at most `heavy_workers` workers at once, so that a normal plan never waits behind them.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ivpcheck.model.errors import IvpcheckError, TooManyPagesError
from ivpcheck.run import pool
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


def resolve(spec: str) -> Callable[..., Any]:
    """'module:function' -> the function."""
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


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


def prepare(spec: str, settings_json: str) -> Callable[[Job], Result]:
    """In a worker: load the check function and warm it up (the real check only); return the job runner."""
    check = resolve(spec)
    if spec == DEFAULT_CHECK:
        from ivpcheck.model.settings import Settings
        from ivpcheck.run.warm import sample_check

        sample_check(check, Settings.model_validate_json(settings_json))
    return partial(run_job, check=check)


class WorkerPool(pool.WorkerPool[Job, Result]):
    """The service's N workers, started at once; `check` runs a job on the next free one."""

    def __init__(self, config: ServeConfig) -> None:
        super().__init__(
            prepare,
            (config.check_function, config.settings.model_dump_json()),
            config.workers,
            config.timeout,
            config.max_jobs_per_worker,
            memory_limit_mb=config.memory_limit_mb,
            start_method="spawn",
            init_timeout=STARTUP_TIMEOUT,
            retry_start=RETRY_START,
            cpu_limit=config.cpu_limit,
        )
        self.config = config
        self.heavy_lane = asyncio.Semaphore(config.heavy_workers)

    async def check(self, job: Job, heavy: bool = False) -> Result:
        """Run one job on the next free worker (a heavy one when the heavy lane has room); never raises
        for a bad file."""
        if self.ready == 0 and self.failing:
            return {"status": "error", "category": "internal", "detail": "werkprocessen starten niet"}
        async with self.heavy_lane if heavy else contextlib.nullcontext():
            return await asyncio.wrap_future(self.submit(job, self._max_wait()))

    def _max_wait(self) -> float:
        """How long a job may wait for a worker: the whole queue ahead of it, plus a restart."""
        rounds = -(-self.config.capacity // max(1, self.config.workers)) + 1
        return rounds * self.config.timeout + STARTUP_TIMEOUT

    def failed(self, task: Job, failure: pool.Failure) -> Result:
        """No free worker in time, a job past its time or CPU limit, or a worker that stopped."""
        if failure.kind == "waited":
            return {"status": "error", "category": "busy", "detail": "geen vrije worker"}
        if failure.kind in ("timeout", "cpu"):
            return {"status": "error", "category": "timeout", "detail": self.limit_text(failure)}
        if self.out_of_memory(failure):
            return {"status": "error", "category": "memory", "detail": f"> {self.memory_limit_mb} MB"}
        return {"status": "error", "category": "internal", "detail": "worker gestopt (WorkerDied)"}


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
