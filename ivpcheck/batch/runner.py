"""One batch run: hash the inputs, find their waivers, skip what is stored, score the rest in the pool,
store each result."""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ivpcheck.batch import defaults, store
from ivpcheck.batch.worker import (
    FileResult,
    Task,
    WorkerPool,
    settings_hash,
    sha256_of,
    waivers_changed,
    with_waivers,
)
from ivpcheck.model.errors import FileMissingError, WaiverFileError
from ivpcheck.model.settings import Settings
from ivpcheck.run.waivers import WaiverSource


@dataclass
class BatchOptions:
    """How to run: processes, per-file timeout, recycling, redo."""

    workers: int = 1
    timeout: float = defaults.TIMEOUT_S
    max_tasks: int = defaults.MAX_TASKS
    max_memory_mb: float | None = defaults.MAX_MEMORY_MB
    force: bool = False
    retry_failed: bool = False
    start_method: str = "forkserver"


@dataclass
class Work:
    """What a run will do: the tasks, the files with a broken waiver file, and what it leaves out."""

    tasks: list[Task] = field(default_factory=list)
    broken: list[tuple[Task, WaiverFileError]] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)  # path -> fingerprint stored with it
    skipped: int = 0
    duplicates: int = 0
    unreadable: list[str] = field(default_factory=list)
    other_settings: int = 0

    @property
    def size(self) -> int:
        """How many results the run will store: its tasks and its broken waiver files."""
        return len(self.tasks) + len(self.broken)


@dataclass
class Summary:
    """The outcome of a run."""

    rulepack_version: str
    planned: int = 0
    skipped: int = 0
    duplicates: int = 0
    missing: list[str] = field(default_factory=list)
    other_settings: int = 0
    waiver_errors: list[str] = field(default_factory=list)  # one line per broken sidecar waiver file
    outcomes: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    elapsed: float = 0.0
    interrupted: bool = False

    @property
    def done(self) -> int:
        return sum(self.outcomes.values())

    @property
    def failed(self) -> dict[str, int]:
        return {k: v for k, v in sorted(self.outcomes.items()) if k not in ("scored", "not_ivp")}


def plan(
    files: list[Path],
    stored: dict[str, store.Stored],
    settings_fp: str,
    options: BatchOptions,
    waivers: WaiverSource | None = None,
) -> Work:
    """Hash every file and find its waivers; keep those not yet stored with these waivers (all with
    --recheck, failed ones with --retry-failed). A broken sidecar waiver file fails only its plan."""
    waivers = waivers or WaiverSource()
    result = Work()
    seen: set[str] = set()
    for path in files:
        try:
            sha256 = sha256_of(path)
        except OSError:
            result.unreadable.append(str(path))
            continue
        if sha256 in seen:
            result.duplicates += 1
            continue
        seen.add(sha256)
        task, error = _task(path, sha256, waivers)
        fingerprint = with_waivers(settings_fp, error.one_line() if error else dict(task.waivers))
        previous = stored.get(sha256)
        if previous and not _redo(previous, fingerprint, options):
            result.skipped += 1
            result.other_settings += previous.settings_hash != fingerprint
            continue
        result.fingerprints[task.path] = fingerprint
        if error:
            result.broken.append((task, error))
        else:
            result.tasks.append(task)
    return result


def largest_first(tasks: list[Task]) -> list[Task]:
    """The tasks, the largest files first (otherwise in their order): the workers then finish together
    instead of one waiting on the last long plan. A file gone since hashing goes last (and is stored as
    missing when its turn comes)."""

    def size(task: Task) -> int:
        try:
            return os.stat(task.path).st_size
        except OSError:
            return -1

    return sorted(tasks, key=size, reverse=True)


def _task(path: Path, sha256: str, waivers: WaiverSource) -> tuple[Task, WaiverFileError | None]:
    """The task for one file with its waivers (none, plus the error, when its waiver file is broken)."""
    try:
        found = waivers.for_plan(path, sha256)
    except WaiverFileError as error:
        return Task(str(path), sha256), error
    return Task(str(path), sha256, tuple(sorted(found.items()))), None


def _redo(previous: store.Stored, fingerprint: str, options: BatchOptions) -> bool:
    """Whether a stored file is checked again: --recheck, --retry-failed, or its waivers changed."""
    if options.force or (options.retry_failed and previous.status == "failed"):
        return True
    return waivers_changed(previous.settings_hash, fingerprint)


def run_batch(
    files: list[Path],
    db: Path,
    settings: Settings,
    options: BatchOptions,
    rulepack_version: str,
    on_planned: Callable[[Work], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    waivers: WaiverSource | None = None,
) -> Summary:
    """Score `files` into the database `db`; Ctrl-C stops cleanly (every stored file stays stored).

    `waivers` gives each plan its waivers (default: the sidecar `<plan>.waivers.yaml` beside it).
    """
    started = time.monotonic()
    summary = Summary(rulepack_version)
    conn = store.connect(db)
    try:
        with store.guarded(db):  # a database damaged or full mid-run ends the run with one line
            stored = store.stored(conn, rulepack_version)
            work = plan(files, stored, settings_hash(settings), options, waivers)
            summary.planned = work.size
            summary.skipped, summary.duplicates = work.skipped, work.duplicates
            summary.other_settings = work.other_settings
            summary.missing = list(work.unreadable)
            if on_planned:
                on_planned(work)
            for task, error in work.broken:
                summary.waiver_errors.append(error.one_line())
                _record(conn, _waiver_failure(task, error, rulepack_version), work, summary, on_result)
            pool = WorkerPool(
                options.workers,
                settings,
                rulepack_version,
                timeout=options.timeout,
                max_tasks=options.max_tasks,
                max_memory_mb=options.max_memory_mb,
                start_method=options.start_method,
            )
            with pool:
                for result in pool.run(largest_first(work.tasks)):
                    _record(conn, result, work, summary, on_result)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: what is stored stays stored; the next run resumes
        summary.interrupted = True
    finally:
        conn.close()
        summary.elapsed = time.monotonic() - started
    return summary


def _waiver_failure(task: Task, error: WaiverFileError, rulepack_version: str) -> FileResult:
    """The stored outcome of a plan whose sidecar waiver file is broken: failed, category 'waivers'."""
    return FileResult(task.path, task.sha256, rulepack_version, "failed", error.category, error.one_line())


def _record(
    conn: sqlite3.Connection,
    result: FileResult,
    work: Work,
    summary: Summary,
    on_result: Callable[[FileResult], None] | None,
) -> None:
    """Store one result with its file's fingerprint and count it (a file gone since hashing is not stored)."""
    if result.category == FileMissingError.category:
        summary.missing.append(result.path)
    else:
        store.save(conn, result, work.fingerprints[result.path])
        summary.outcomes[result.category or result.status] += 1
        summary.pages += result.pages
    if on_result:
        on_result(result)
