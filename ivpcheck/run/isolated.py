"""`check` runs each file in a worker process of the shared pool (ivpcheck.run.pool), so that a file
that takes too long is stopped after `timeout` seconds (exit 18) and one that needs too much memory
hits the worker's address-space limit (exit 21) instead of the machine's.

The worker is forked from the `check` process, so it starts warm (modules, rule pack, lemmas) and
serves every file of the run; only a worker that was killed is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ivpcheck.model.errors import IvpcheckError, OutOfMemoryError, ProcessingTimeoutError
from ivpcheck.model.report import Report
from ivpcheck.model.settings import Settings
from ivpcheck.run import pool

# Files a worker checks before it is replaced by a fresh fork (memory that Python keeps).
MAX_TASKS = 200

Task = tuple[str, Settings]


@dataclass(frozen=True)
class Outcome:
    """A file's report, its one-line error, or the description of a bug ('TypeName: message')."""

    report: Report | None = None
    error: IvpcheckError | None = None
    internal: str | None = None


def prepare(memory_limit_mb: int) -> Callable[[Task], Outcome]:
    """In the worker: the function that checks one file (every outcome, a bug included, as an Outcome)."""
    from ivpcheck.run.pipeline import check_file

    def check(task: Task) -> Outcome:
        path, settings = task
        try:
            return Outcome(report=check_file(path, settings))
        except IvpcheckError as error:
            return Outcome(error=error)
        except MemoryError:
            return Outcome(error=OutOfMemoryError(path, f"> {memory_limit_mb} MB"))
        except Exception as error:  # a bug in one file's processing
            return Outcome(internal=f"{type(error).__name__}: {error}")

    return check


class CheckPool(pool.WorkerPool[Task, Outcome]):
    """One forked worker that checks files one at a time, each within `timeout` seconds and
    `memory_limit_mb` of address space (0: no limit)."""

    def __init__(self, timeout: float, memory_limit_mb: int) -> None:
        import ivpcheck.run.warm  # noqa: F401  (loads what every check needs, so every fork starts warm)

        super().__init__(
            prepare,
            (memory_limit_mb,),
            workers=1,
            timeout=timeout,
            max_tasks=MAX_TASKS,
            memory_limit_mb=memory_limit_mb,
            start_method="fork",
        )

    def check(self, path: Path, settings: Settings) -> Outcome:
        """Check one file in the worker."""
        return next(iter(self.run([(str(path), settings)])))

    def failed(self, task: Task, failure: pool.Failure) -> Outcome:
        """A worker killed after the time limit, or one that died (a crash, or memory outside Python)."""
        path = task[0]
        if failure.kind in ("timeout", "cpu"):
            return Outcome(error=ProcessingTimeoutError(path, self.limit_text(failure)))
        if self.out_of_memory(failure):
            detail = f"> {self.memory_limit_mb} MB; werkproces afgebroken / worker aborted"
            return Outcome(error=OutOfMemoryError(path, detail))
        died = f"werkproces stopte onverwacht / worker process died, exit {failure.exitcode}"
        return Outcome(internal=died)
