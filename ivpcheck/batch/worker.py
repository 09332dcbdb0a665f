"""The per-file work of a batch and the pool that runs it.

`score_file(path, settings)` is a pure function of the file's bytes and the rule pack + settings:
it never touches the database, so Dask or Ray could map it over a file list unchanged
(`bag.map(score_file, settings=settings)`). `WorkerPool` runs it in the shared worker pool
(ivpcheck.run.pool): workers warmed up once, recycled after `max_tasks` files (or when their memory
grows past a limit), each under an address-space limit while it works (the pool's, as for `check`),
and killed when a file takes longer than the per-file timeout; a killed or crashed worker costs only
the file it was working on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from ivpcheck.batch import defaults
from ivpcheck.model.errors import (
    IvpcheckError,
    NotAnIvpError,
    OutOfMemoryError,
    ProcessingTimeoutError,
    UsageError,
)
from ivpcheck.model.paths import display_path
from ivpcheck.model.settings import Settings
from ivpcheck.run import pool

Status = Literal["scored", "not_ivp", "failed"]
# Categories beyond the input errors' own (ivpcheck.model.errors): a worker that died, a bug.
CRASH = "crash"
INTERNAL = "internal"
# Modules a fresh worker process imports before its first file (forkserver preload).
PRELOAD = ["ivpcheck.batch.worker", "ivpcheck.run.warm"]
# Separates the settings' fingerprint from the hash of a file's waivers in a stored fingerprint.
WAIVERS_MARK = "+"


@dataclass
class FileResult:
    """What one file yields: a report (scored or not an IVP) or an error category and message."""

    path: str
    sha256: str
    rulepack_version: str
    status: Status
    category: str | None = None
    message: str | None = None
    report_json: str | None = None
    pages: int = 0
    duration_s: float = 0.0
    cpu_s: float = 0.0


class Task(NamedTuple):
    """One file for a worker: its path, its SHA-256 and the waivers (rule id, reason) that apply to it."""

    path: str
    sha256: str
    waivers: tuple[tuple[str, str], ...] = ()


def sha256_of(path: str | Path) -> str:
    """The file's SHA-256 (hex), read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def rulepack_version(settings: Settings) -> str:
    """The version of the rule pack these settings use (raises UsageError for a broken pack)."""
    from ivpcheck.run.pipeline import pack_for

    return pack_for(settings).version


def settings_hash(settings: Settings) -> str:
    """A short fingerprint of what changes verdicts besides the file: settings (the check date excluded,
    and the advisor's review, which batch does not apply), the tool version and the content of the
    rule files (rules edited without a new pack version show).
    """
    from ivpcheck import __version__
    from ivpcheck.judge.pack import pack_paths

    digest = hashlib.sha256(settings.model_dump_json(exclude={"check_date", "review"}).encode("utf-8"))
    digest.update(__version__.encode("utf-8"))
    for root in pack_paths(settings):
        files = sorted(Path(root).rglob("*.y*ml")) if Path(root).is_dir() else [Path(root)]
        for path in files:
            with contextlib.suppress(OSError):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def with_waivers(settings_fp: str, waivers: dict[str, str] | str) -> str:
    """The fingerprint stored with one file's result: the settings' fingerprint, plus `+<hash>` of the
    file's waivers (or of the error of its broken waiver file) when there are any."""
    if not waivers:
        return settings_fp
    state = json.dumps(waivers, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return f"{settings_fp}{WAIVERS_MARK}{hashlib.sha256(state).hexdigest()[:12]}"


def waivers_changed(stored_fp: str | None, current_fp: str) -> bool:
    """Whether a stored result had the same settings but other waivers than the file has now."""
    if stored_fp is None:
        return False
    return stored_fp != current_fp and stored_fp.split(WAIVERS_MARK)[0] == current_fp.split(WAIVERS_MARK)[0]


def score_file(path: str, settings: Settings, sha256: str | None = None) -> FileResult:
    """Check one file; every outcome of the file's own, bad input included, becomes a FileResult.

    Raises UsageError only for what is wrong with the run rather than the file (a broken rule pack).
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    version = rulepack_version(settings)
    try:
        sha256 = sha256 or sha256_of(path)
    except OSError:
        sha256 = sha256 or ""
    try:
        from ivpcheck.run.pipeline import check_file

        report = check_file(path, settings)
    except UsageError:
        raise
    except IvpcheckError as error:
        result = FileResult(path, sha256, version, "failed", error.category, error.one_line())
    except MemoryError:  # the worker's address-space limit
        error = OutOfMemoryError(path, "MemoryError")
        result = FileResult(path, sha256, version, "failed", error.category, error.one_line())
    except Exception as error:  # a bug in one file's processing must not stop the batch
        message = f"{display_path(path)}: interne fout / internal error ({type(error).__name__}: {error})"
        result = FileResult(path, sha256, version, "failed", INTERNAL, message[:2000])
    else:
        status: Status = "scored" if report.scored else "not_ivp"
        category = None if report.scored else NotAnIvpError.category
        message = None if report.scored else NotAnIvpError(path).one_line()
        result = FileResult(
            path, report.input.sha256 or sha256, report.rulepack_version, status, category, message
        )
        result.report_json = report.model_dump_json()
        result.pages = report.input.pages
    result.duration_s = time.perf_counter() - started
    result.cpu_s = time.process_time() - cpu_started
    return result


def prepare(settings_json: str) -> Callable[[Task], FileResult]:
    """In a worker: warm up for these settings (UsageError for a broken rule pack); return the check."""
    from ivpcheck.run.warm import warm_up

    settings = Settings.model_validate_json(settings_json)
    warm_up(settings)

    def score(task: Task) -> FileResult:
        waived = settings.model_copy(update={"waivers": dict(task.waivers)})
        return score_file(task.path, waived, task.sha256)

    return score


class WorkerPool(pool.WorkerPool[Task, FileResult]):
    """The batch's worker processes (ivpcheck.run.pool): `score_file` per task, a per-file timeout,
    `max_memory_mb` of address space while a file is checked (and recycling above that much resident
    memory, or after `max_tasks` files), crash isolation.

    Tasks are Task tuples (or plain (path, sha256) pairs); `run` yields one FileResult per task, in
    completion order.
    """

    def __init__(
        self,
        workers: int,
        settings: Settings,
        rulepack_version: str,
        timeout: float = defaults.TIMEOUT_S,
        max_tasks: int = defaults.MAX_TASKS,
        max_memory_mb: float | None = defaults.MAX_MEMORY_MB,
        start_method: str = "forkserver",
        init_timeout: float = 300.0,
    ) -> None:
        super().__init__(
            prepare,
            (settings.model_dump_json(),),
            workers,
            timeout,
            max_tasks,
            max_rss_mb=max_memory_mb,
            memory_limit_mb=int(max_memory_mb or 0),
            start_method=start_method,
            preload=PRELOAD,
            init_timeout=init_timeout,
        )
        self.rulepack_version = rulepack_version

    def run(self, tasks: Iterable[Task | tuple[str, str]]) -> Iterator[FileResult]:
        """Check every task; yield results as they complete."""
        return super().run(Task(*task) for task in tasks)

    def failed(self, task: Task, failure: pool.Failure) -> FileResult:
        """A file whose worker was killed after the timeout, or died."""
        if failure.kind in ("timeout", "cpu"):
            error: IvpcheckError = ProcessingTimeoutError(task.path, self.limit_text(failure))
            category, message = error.category, error.one_line()
        elif self.out_of_memory(failure):
            error = OutOfMemoryError(task.path, f"> {self.memory_limit_mb} MB")
            category, message = error.category, error.one_line()
        else:
            code = failure.exitcode
            detail = f"werkproces stopte onverwacht, exitcode {code} / worker process died, exit code {code}"
            category, message = CRASH, f"{display_path(task.path)}: {detail}"
        return FileResult(
            task.path,
            task.sha256,
            self.rulepack_version,
            "failed",
            category,
            message,
            duration_s=failure.seconds,
        )
