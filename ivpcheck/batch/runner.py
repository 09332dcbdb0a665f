"""One batch run: hash the inputs, skip what is stored, score the rest in the pool, store each result."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ivpcheck.batch import store
from ivpcheck.batch.worker import FileResult, WorkerPool, settings_hash, sha256_of
from ivpcheck.errors import FileMissingError
from ivpcheck.settings import Settings


@dataclass
class BatchOptions:
    """How to run: processes, per-file timeout, recycling, redo."""

    workers: int = 1
    timeout: float = 120.0
    max_tasks: int = 50
    max_memory_mb: float | None = 1500.0
    force: bool = False
    retry_failed: bool = False
    start_method: str = "forkserver"


@dataclass
class Work:
    """What a run will do: the tasks, and what it leaves out."""

    tasks: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    duplicates: int = 0
    unreadable: list[str] = field(default_factory=list)
    other_settings: int = 0


@dataclass
class Summary:
    """The outcome of a run."""

    rulepack_version: str
    planned: int = 0
    skipped: int = 0
    duplicates: int = 0
    missing: list[str] = field(default_factory=list)
    other_settings: int = 0
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


def plan(files: list[Path], stored: dict[str, store.Stored], settings_fp: str, options: BatchOptions) -> Work:
    """Hash every file; keep those not yet stored (all with --force, failed ones with --retry-failed)."""
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
        previous = stored.get(sha256)
        if previous and not options.force and not (options.retry_failed and previous.status == "failed"):
            result.skipped += 1
            result.other_settings += previous.settings_hash != settings_fp
            continue
        result.tasks.append((str(path), sha256))
    return result


def run_batch(
    files: list[Path],
    db: Path,
    settings: Settings,
    options: BatchOptions,
    rulepack_version: str,
    on_planned: Callable[[Work], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> Summary:
    """Score `files` into the database `db`; Ctrl-C stops cleanly (every stored file stays stored)."""
    started = time.monotonic()
    summary = Summary(rulepack_version)
    fingerprint = settings_hash(settings)
    conn = store.connect(db)
    try:
        work = plan(files, store.stored(conn, rulepack_version), fingerprint, options)
        summary.planned = len(work.tasks)
        summary.skipped, summary.duplicates = work.skipped, work.duplicates
        summary.other_settings = work.other_settings
        summary.missing = list(work.unreadable)
        if on_planned:
            on_planned(work)
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
            for result in pool.run(work.tasks):
                if result.category == FileMissingError.category:  # gone since hashing: not stored
                    summary.missing.append(result.path)
                else:
                    store.save(conn, result, fingerprint)
                    summary.outcomes[result.category or result.status] += 1
                    summary.pages += result.pages
                if on_result:
                    on_result(result)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: what is stored stays stored; the next run resumes
        summary.interrupted = True
    finally:
        conn.close()
        summary.elapsed = time.monotonic() - started
    return summary
