"""The per-file work of a batch and the worker processes that run it.

`score_file(path, settings)` is a pure function of the file's bytes and the rule pack + settings:
it never touches the database, so Dask or Ray could map it over a file list unchanged
(`bag.map(score_file, settings=settings)`). `WorkerPool` runs it in worker processes that are
warmed up once, recycled after `max_tasks` files (or when their memory grows past a limit), and
killed when a file takes longer than the per-file timeout; a killed or crashed worker costs only
the file it was working on.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Literal, NamedTuple

from ivpcheck.model.errors import IvpcheckError, NotAnIvpError, ProcessingTimeoutError, UsageError
from ivpcheck.model.settings import Settings

Status = Literal["scored", "not_ivp", "failed"]
# Categories beyond the input errors' own (ivpcheck.model.errors): a worker that died, a bug.
CRASH = "crash"
INTERNAL = "internal"
# Modules a fresh worker process imports before its first file (forkserver preload).
PRELOAD = ["ivpcheck.batch.worker", "ivpcheck.batch.warm"]
# Messages a worker sends besides results.
READY = "ready"
FATAL = "fatal"
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
    rss_mb: float = 0.0


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
    """A short fingerprint of what changes verdicts besides the file: settings (the check date excluded),
    the tool version and the content of the rule files (rules edited without a new pack version show).
    """
    from ivpcheck import __version__
    from ivpcheck.judge.pack import pack_paths

    digest = hashlib.sha256(settings.model_dump_json(exclude={"check_date"}).encode("utf-8"))
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
    except Exception as error:  # a bug in one file's processing must not stop the batch
        message = f"{path}: interne fout / internal error ({type(error).__name__}: {error})"
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


def warm_up(settings: Settings) -> None:
    """Load everything a check needs once: readers, the spaCy pipeline, vocabularies, the rule pack."""
    import ivpcheck.batch.warm  # noqa: F401  (imports and the spaCy pipeline)

    rulepack_version(settings)


def _rss_mb() -> float:
    """This process's resident memory in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when its parent dies (e.g. the batch got SIGKILL)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def worker_main(conn: Connection, settings_json: str) -> None:
    """A worker process: warm up, say 'ready', then check files until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    settings = Settings.model_validate_json(settings_json)
    try:
        warm_up(settings)
        conn.send(READY)
        while task := conn.recv():
            waived = settings.model_copy(update={"waivers": dict(task.waivers)})
            result = score_file(task.path, waived, task.sha256)
            result.rss_mb = _rss_mb()
            conn.send(result)
    except UsageError as error:  # the run is broken (e.g. the rule pack): tell the parent, then stop
        with contextlib.suppress(OSError):
            conn.send((FATAL, error.one_line()))
    except (EOFError, OSError):  # the parent is gone
        return


@dataclass
class _Slot:
    """One worker process and what it is doing."""

    process: mp.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: Task | None = None
    started: float = 0.0
    deadline: float = 0.0
    done: int = 0
    spawned_at: float = field(default_factory=time.monotonic)


class PoolBrokenError(RuntimeError):
    """The run cannot go on: a broken rule pack, or workers that keep dying before their first file."""


class WorkerPool:
    """Worker processes with per-file timeout, recycling and crash isolation.

    Tasks are Task tuples (or plain (path, sha256) pairs); `run` yields one FileResult per task, in
    completion order.
    """

    def __init__(
        self,
        workers: int,
        settings: Settings,
        rulepack_version: str,
        timeout: float = 120.0,
        max_tasks: int = 50,
        max_memory_mb: float | None = 1500.0,
        start_method: str = "forkserver",
        init_timeout: float = 300.0,
    ) -> None:
        self.workers = max(1, workers)
        self.settings_json = settings.model_dump_json()
        self.rulepack_version = rulepack_version
        self.timeout = timeout
        self.max_tasks = max(1, max_tasks)
        self.max_memory_mb = max_memory_mb
        self.init_timeout = init_timeout
        self.ctx = mp.get_context(start_method)
        if start_method == "forkserver":
            self.ctx.set_forkserver_preload(PRELOAD)
        self.slots: list[_Slot] = []
        self.spawned = 0
        self._init_failures = 0

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spawn(self) -> None:
        parent_conn, child_conn = self.ctx.Pipe()
        process = self.ctx.Process(
            target=worker_main, args=(child_conn, self.settings_json), daemon=True, name="ivpcheck-worker"
        )
        process.start()
        child_conn.close()
        self.slots.append(_Slot(process, parent_conn))
        self.spawned += 1

    def _retire(self, slot: _Slot, kill: bool = False) -> None:
        """Stop a worker: politely (finish, exit) or by SIGKILL."""
        if not kill:
            try:
                slot.conn.send(None)
            except OSError:
                kill = True
        if not kill:
            slot.process.join(5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join(5)
        slot.conn.close()
        self.slots.remove(slot)

    def _failed(self, slot: _Slot, category: str, message: str) -> FileResult:
        assert slot.task is not None
        return FileResult(
            slot.task.path,
            slot.task.sha256,
            self.rulepack_version,
            "failed",
            category,
            message,
            duration_s=time.monotonic() - slot.started,
        )

    def _on_message(self, slot: _Slot) -> FileResult | None:
        """Handle what a worker sent: 'ready' or a result; None when there is no result."""
        try:
            message = slot.conn.recv()
        except (EOFError, OSError):
            return self._on_death(slot)
        if isinstance(message, tuple) and message[0] == FATAL:
            raise PoolBrokenError(message[1])
        if message == READY:
            slot.ready = True
            self._init_failures = 0
            return None
        slot.task = None
        slot.done += 1
        if slot.done >= self.max_tasks or (self.max_memory_mb and message.rss_mb > self.max_memory_mb):
            self._retire(slot)
        return message

    def _on_death(self, slot: _Slot) -> FileResult | None:
        """A worker died on its own: its file (if any) is recorded as a crash."""
        slot.process.join(5)
        code = slot.process.exitcode
        result = None
        if slot.task is not None:
            detail = f"werkproces stopte onverwacht, exitcode {code} / worker process died, exit code {code}"
            result = self._failed(slot, CRASH, f"{slot.task.path}: {detail}")
        self._retire(slot, kill=True)
        if result is None and not slot.ready:
            self._start_failed(f"exitcode {code}")
        return result

    def _start_failed(self, why: str) -> None:
        """Count a worker that never became ready; three in a row stop the run."""
        self._init_failures += 1
        if self._init_failures >= 3:
            raise PoolBrokenError(f"werkprocessen starten niet ({why}) / worker processes fail to start")

    def _assign(self, pending: deque[Task]) -> None:
        while len(self.slots) < self.workers and len(self.slots) < len(pending) + self._busy():
            self._spawn()
        for slot in self.slots:
            if slot.ready and slot.task is None and pending:
                slot.task = pending.popleft()
                slot.started = time.monotonic()
                slot.deadline = slot.started + self.timeout
                slot.conn.send(slot.task)

    def _busy(self) -> int:
        return sum(1 for slot in self.slots if slot.task is not None)

    def _expired(self) -> Iterator[FileResult]:
        now = time.monotonic()
        for slot in list(self.slots):
            if slot.task is not None and now >= slot.deadline:
                error = ProcessingTimeoutError(slot.task.path, f"> {self.timeout:g} s")
                result = self._failed(slot, error.category, error.one_line())
                self._retire(slot, kill=True)
                yield result
            elif not slot.ready and now - slot.spawned_at > self.init_timeout:
                self._retire(slot, kill=True)
                self._start_failed(f"niet klaar binnen {self.init_timeout:g} s")

    def _wait_time(self) -> float:
        deadlines = [slot.deadline for slot in self.slots if slot.task is not None]
        deadlines += [slot.spawned_at + self.init_timeout for slot in self.slots if not slot.ready]
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else 1.0

    def _collect(self) -> list[FileResult]:
        """Wait until a worker reports (or a deadline passes); handle every message and death."""
        handles = {slot.conn: slot for slot in self.slots}
        handles.update({slot.process.sentinel: slot for slot in self.slots})
        results = []
        for handle in wait(list(handles), timeout=self._wait_time()):
            slot = handles[handle]
            if slot not in self.slots:
                continue
            if handle is slot.conn or slot.conn.poll():
                result = self._on_message(slot)
            else:
                result = self._on_death(slot)
            if result is not None:
                results.append(result)
        return results

    def run(self, tasks: Iterable[Task | tuple[str, str]]) -> Iterator[FileResult]:
        """Check every task; yield results as they complete."""
        pending = deque(Task(*task) for task in tasks)
        while pending or self._busy():
            self._assign(pending)
            results = self._collect()
            self._assign(pending)  # idle workers get their next file before the caller stores results
            yield from results
            yield from self._expired()

    def close(self) -> None:
        """Stop every worker (kill those still busy)."""
        for slot in list(self.slots):
            self._retire(slot, kill=slot.task is not None or not slot.ready)
