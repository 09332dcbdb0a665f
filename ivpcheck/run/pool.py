"""Worker processes with a time limit per task: the one pool of `ivpcheck batch` and `ivpcheck serve`.

A worker process ignores Ctrl-C, dies with its parent (Linux), gets an optional address-space limit and
warms up once by calling `prepare(*args)`, which returns the function it then applies to every task.
Each task has `timeout` seconds: a worker that does not answer in time is killed and replaced, and only
its own task fails; a worker that dies costs only the task it was working on. Workers are recycled
after `max_tasks` tasks, or when their resident memory grows past `max_rss_mb`. With `cpu_limit`, a task
also has that many CPU seconds inside its worker (RLIMIT_CPU): past them the task fails as 'cpu' and
its worker exits.

Drive a pool either with `run(tasks)` in the caller's thread (it starts only the workers its tasks
need), or with `start()` and then `submit(task)` from any thread (a background thread keeps every
worker ready and answers with Futures), never both. Subclasses say what a failed task yields (`failed`).
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import math
import multiprocessing as mp
import os
import queue
import signal
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Literal, NamedTuple, TypeVar

from ivpcheck.model.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")
# Messages a worker sends: ready after its warm-up, a result, or that the whole run is broken.
READY = "ready"
DONE = "done"
FATAL = "fatal"
OVER_CPU = "cpu"
# Workers that fail to start in a row before the pool stops (or pauses, with `retry_start`).
START_ATTEMPTS = 3
# Seconds a worker gets to exit after it was asked to stop, and after it was killed.
STOP_WAIT = 5.0


class CpuBudgetExceeded(BaseException):
    """Raised in a worker whose task used up its CPU seconds (SIGXCPU); a BaseException, so that the
    task's own `except Exception` does not take it for a file's error."""


class PoolBrokenError(RuntimeError):
    """The run cannot go on: a broken rule pack, or workers that keep dying before their first task."""


class _Message(NamedTuple):
    """What a worker sends to the pool."""

    kind: str
    value: Any = None
    rss_mb: float = 0.0


@dataclass(frozen=True)
class Failure:
    """Why a task has no result: its worker was killed after the time limit ('timeout'), used up the
    task's CPU seconds ('cpu') or ended while working on it ('died'), or no worker took the task within
    its wait ('waited')."""

    kind: Literal["timeout", "cpu", "died", "waited"]
    seconds: float = 0.0  # since the task was sent to its worker (0 when it waited)
    exitcode: int | None = None


# --- in the worker process -------------------------------------------------------------------


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


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space (0: no cap)."""
    if megabytes <= 0:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _over_cpu(signum: int, frame: object) -> None:
    raise CpuBudgetExceeded


@contextlib.contextmanager
def _cpu_budget(seconds: float | None) -> Iterator[None]:
    """Let the code inside use at most `seconds` more CPU seconds (SIGXCPU raises CpuBudgetExceeded)."""
    if not seconds:
        yield
        return
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (limit if hard < 0 else min(limit, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def worker_main(
    conn: Connection,
    prepare: Callable[..., Callable[[Any], Any]],
    args: tuple[Any, ...],
    memory_limit_mb: int,
    cpu_limit: float | None = None,
) -> None:
    """A worker process: warm up, say 'ready', then answer each task until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker does not inherit the parent's handler
    if cpu_limit:
        signal.signal(signal.SIGXCPU, _over_cpu)
    _die_with_parent()
    _limit_memory(memory_limit_mb)
    try:
        handle = prepare(*args)
        conn.send(_Message(READY))
        while (task := conn.recv()) is not None:
            with _cpu_budget(cpu_limit):
                result = handle(task)
            conn.send(_Message(DONE, result, _rss_mb()))
    except CpuBudgetExceeded:  # the task's CPU seconds are used up: say so, then exit (state unknown)
        with contextlib.suppress(OSError):
            conn.send(_Message(OVER_CPU))
    except UsageError as error:  # the run is broken (e.g. the rule pack): tell the parent, then stop
        with contextlib.suppress(OSError):
            conn.send(_Message(FATAL, error.one_line()))
    except (EOFError, OSError):  # the parent is gone
        return


# --- in the parent process -------------------------------------------------------------------


@dataclass
class _Entry(Generic[T, R]):
    """A task in the pool and the Future of its result."""

    task: T
    wait_until: float | None = None
    future: Future[R] = field(default_factory=Future)


@dataclass
class _Slot:
    """One worker process and what it is doing."""

    process: mp.process.BaseProcess
    conn: Connection
    ready: bool = False
    entry: _Entry[Any, Any] | None = None
    started: float = 0.0
    deadline: float = 0.0
    done: int = 0
    spawned_at: float = field(default_factory=time.monotonic)


class WorkerPool(ABC, Generic[T, R]):
    """Worker processes that apply the function `prepare(*args)` returns to tasks, each within `timeout`
    seconds; failed tasks yield what `failed` makes of them."""

    def __init__(
        self,
        prepare: Callable[..., Callable[[T], R]],
        args: tuple[Any, ...],
        workers: int,
        timeout: float,
        max_tasks: int,
        max_rss_mb: float | None = None,
        memory_limit_mb: int = 0,
        start_method: str = "forkserver",
        preload: Sequence[str] = (),
        init_timeout: float = 300.0,
        retry_start: float | None = None,
        cpu_limit: float | None = None,
    ) -> None:
        """`max_rss_mb`: recycle a worker whose resident memory grew past it; `memory_limit_mb`: each
        worker's address-space limit (0: none); `cpu_limit`: CPU seconds per task inside its worker
        (None: no limit besides `timeout`); `preload`: modules imported once before
        workers start (by the forkserver, or by this process when workers are forked from it);
        `retry_start`: after START_ATTEMPTS failed starts in a row, pause that long (None: raise
        PoolBrokenError)."""
        self.prepare = prepare
        self.args = args
        self.workers = max(1, workers)
        self.timeout = timeout
        self.max_tasks = max(1, max_tasks)
        self.max_rss_mb = max_rss_mb
        self.memory_limit_mb = memory_limit_mb
        self.cpu_limit = cpu_limit
        self.init_timeout = init_timeout
        self.retry_start = retry_start
        self.ctx = mp.get_context(start_method)
        if start_method == "forkserver":
            self.ctx.set_forkserver_preload(list(preload))
        elif start_method == "fork":  # forked workers inherit what this process has loaded
            for module in preload:
                importlib.import_module(module)
        self.slots: list[_Slot] = []
        self.spawned = 0
        self.timeouts = 0
        self.replaced = 0
        self.start_failures = 0  # in a row
        self._paused_until = 0.0
        self._pending: deque[_Entry[T, R]] = deque()
        self._inbox: queue.SimpleQueue[_Entry[T, R]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = -1, -1
        self._closing = False
        self._broken: PoolBrokenError | None = None

    def __enter__(self) -> WorkerPool[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def failed(self, task: T, failure: Failure) -> R:
        """The result of a task that has none of its own."""

    @property
    def ready(self) -> int:
        """Workers that are warmed up (idle or busy)."""
        return sum(1 for slot in list(self.slots) if slot.ready)

    @property
    def busy(self) -> int:
        """Workers working on a task."""
        return sum(1 for slot in list(self.slots) if slot.entry is not None)

    def out_of_memory(self, failure: Failure) -> bool:
        """Whether a task's worker died of its address-space limit (C++ code that cannot allocate aborts;
        Python code raises MemoryError, which the task handles itself)."""
        return bool(self.memory_limit_mb) and failure.kind == "died" and failure.exitcode == -signal.SIGABRT

    def limit_text(self, failure: Failure) -> str:
        """The limit a 'timeout' or 'cpu' failure passed, for its message."""
        if failure.kind == "cpu":
            return f"> {self.cpu_limit:g} CPU-s"
        return f"> {self.timeout:g} s"

    @property
    def failing(self) -> bool:
        """Whether the last START_ATTEMPTS (or more) workers failed to start."""
        return self.start_failures >= START_ATTEMPTS

    # --- driving the pool ---

    def run(self, tasks: Iterable[T]) -> Iterator[R]:
        """Work through `tasks` in this thread; yield the results in completion order."""
        self._pending.extend(_Entry(task) for task in tasks)
        while self._pending or self.busy:
            for entry in self._step():
                yield entry.future.result()

    def start(self) -> None:
        """Start every worker, and a background thread that serves `submit` until `close`."""
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        self._thread = threading.Thread(target=self._serve, name="ivpcheck-pool", daemon=True)
        self._thread.start()

    def submit(self, task: T, wait: float | None = None) -> Future[R]:
        """Queue a task (from any thread, after `start`); one that no worker took within `wait` seconds
        fails as 'waited'. Cancelling the Future drops a task that has not started yet. After the pool
        broke (PoolBrokenError), the Future holds that error."""
        entry: _Entry[T, R] = _Entry(task, None if wait is None else time.monotonic() + wait)
        if self._broken is not None:
            entry.future.set_exception(self._broken)
            return entry.future
        self._inbox.put(entry)
        self._wake()
        return entry.future

    def close(self) -> None:
        """Stop every worker (kill those still busy or warming up); a task still running fails as 'died',
        one still queued is cancelled."""
        self._closing = True
        if self._thread is None:
            self._shutdown()
        else:
            self._wake()
            self._thread.join()
            wake_r, wake_w = self._wake_r, self._wake_w
            self._wake_r, self._wake_w = -1, -1
            os.close(wake_r)
            os.close(wake_w)

    def _serve(self) -> None:
        """The background thread's loop."""
        try:
            while not self._closing:
                self._step()
        except PoolBrokenError as error:  # a broken run: later tasks get the error
            self._broken = error
        finally:
            self._shutdown()

    def _wake(self) -> None:
        """Interrupt the background thread's wait (a new task, or `close`)."""
        if self._wake_w >= 0:
            with contextlib.suppress(BlockingIOError):  # the pipe is full: it is awake anyway
                os.write(self._wake_w, b"!")

    def _step(self) -> list[_Entry[T, R]]:
        """Give idle workers tasks, wait for an answer or a deadline; return the tasks that finished."""
        self._assign()
        finished = self._collect()
        self._assign()  # idle workers get their next task before the caller handles results
        finished += self._expired()
        return finished

    def _shutdown(self) -> None:
        """Stop the workers; a task still running fails as 'died', one still queued is cancelled."""
        for slot in list(self.slots):
            entry = slot.entry
            self._retire(slot, kill=entry is not None or not slot.ready)
            if entry is not None:
                self._settle(entry, Failure("died", time.monotonic() - slot.started, slot.process.exitcode))
        self._take_inbox()
        for entry in self._pending:
            entry.future.cancel()
        self._pending.clear()

    # --- workers ---

    def _spawn(self) -> None:
        parent_conn, child_conn = self.ctx.Pipe()
        process = self.ctx.Process(
            target=worker_main,
            args=(child_conn, self.prepare, self.args, self.memory_limit_mb, self.cpu_limit),
            daemon=True,
            name="ivpcheck-worker",
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
            slot.process.join(STOP_WAIT)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join(STOP_WAIT)
        slot.conn.close()
        self.slots.remove(slot)
        if slot.ready and not self._closing:
            self.replaced += 1

    def _start_failed(self, why: str) -> None:
        """Count a worker that never became ready; START_ATTEMPTS in a row stop the pool (or pause it)."""
        self.start_failures += 1
        if self.start_failures % START_ATTEMPTS:
            return
        if self.retry_start is None:
            raise PoolBrokenError(f"werkprocessen starten niet ({why}) / worker processes fail to start")
        self._paused_until = time.monotonic() + self.retry_start

    # --- tasks ---

    def _settle(self, entry: _Entry[T, R], failure: Failure) -> None:
        """Finish a task with what `failed` makes of its failure (unless its Future was cancelled)."""
        if entry.future.running() or entry.future.set_running_or_notify_cancel():
            entry.future.set_result(self.failed(entry.task, failure))

    def _take_inbox(self) -> None:
        """Move submitted tasks to the queue."""
        while not self._inbox.empty():
            self._pending.append(self._inbox.get())

    def _next(self) -> _Entry[T, R] | None:
        """The next queued task that was not cancelled, marked as running."""
        while self._pending:
            entry = self._pending.popleft()
            if entry.future.set_running_or_notify_cancel():
                return entry
        return None

    def _assign(self) -> None:
        """Start the workers that are wanted and give every idle one its next task."""
        self._take_inbox()
        wanted = self.workers if self._thread else min(self.workers, len(self._pending) + self.busy)
        while len(self.slots) < wanted and time.monotonic() >= self._paused_until:
            self._spawn()
        for slot in self.slots:
            if not (slot.ready and slot.entry is None):
                continue
            entry = self._next()
            if entry is None:
                return
            slot.entry = entry
            slot.started = time.monotonic()
            slot.deadline = slot.started + self.timeout
            with contextlib.suppress(OSError):  # a worker that just died is found by _collect
                slot.conn.send(entry.task)

    def _wait_time(self) -> float:
        """Seconds until the next deadline of a task, a start, a queued task's wait or a pause (or 1)."""
        now = time.monotonic()
        deadlines = [slot.deadline for slot in self.slots if slot.entry is not None]
        deadlines += [slot.spawned_at + self.init_timeout for slot in self.slots if not slot.ready]
        deadlines += [entry.wait_until for entry in self._pending if entry.wait_until is not None]
        if self._paused_until > now:
            deadlines.append(self._paused_until)
        return max(0.0, min(deadlines) - now) if deadlines else 1.0

    def _collect(self) -> list[_Entry[T, R]]:
        """Wait until a worker reports (or a deadline passes); handle every message and death."""
        handles: dict[Any, _Slot | None] = {slot.conn: slot for slot in self.slots}
        handles.update({slot.process.sentinel: slot for slot in self.slots})
        if self._wake_r >= 0:
            handles[self._wake_r] = None
        finished = []
        for handle in wait(list(handles), timeout=self._wait_time()):
            slot = handles[handle]
            if slot is None:
                os.read(self._wake_r, 4096)
                continue
            if slot not in self.slots:
                continue
            if handle is slot.conn or slot.conn.poll():
                entry = self._on_message(slot)
            else:
                entry = self._on_death(slot)
            if entry is not None:
                finished.append(entry)
        return finished

    def _on_message(self, slot: _Slot) -> _Entry[T, R] | None:
        """Handle what a worker sent: 'ready' or a result; the finished task, if any."""
        try:
            message = slot.conn.recv()
        except (EOFError, OSError):
            return self._on_death(slot)
        if message.kind == FATAL:
            raise PoolBrokenError(message.value)
        if message.kind == READY:
            slot.ready = True
            self.start_failures = 0
            return None
        if message.kind == OVER_CPU:
            entry = slot.entry
            self._retire(slot, kill=True)
            assert entry is not None
            self._settle(entry, Failure("cpu", time.monotonic() - slot.started))
            return entry
        entry, slot.entry = slot.entry, None
        slot.done += 1
        if slot.done >= self.max_tasks or (self.max_rss_mb and message.rss_mb > self.max_rss_mb):
            self._retire(slot)
        assert entry is not None
        entry.future.set_result(message.value)
        return entry

    def _on_death(self, slot: _Slot) -> _Entry[T, R] | None:
        """A worker died on its own: its task (if any) fails as 'died'."""
        slot.process.join(STOP_WAIT)
        code = slot.process.exitcode
        entry = slot.entry
        self._retire(slot, kill=True)
        if entry is not None:
            self._settle(entry, Failure("died", time.monotonic() - slot.started, code))
            return entry
        if not slot.ready:
            self._start_failed(f"exitcode {code}")
        return None

    def _expired(self) -> list[_Entry[T, R]]:
        """Kill the workers past their task's deadline (and those that never became ready); fail the
        queued tasks that waited too long."""
        now = time.monotonic()
        finished = []
        for slot in list(self.slots):
            if slot.entry is not None and now >= slot.deadline:
                entry = slot.entry
                self.timeouts += 1
                self._retire(slot, kill=True)
                self._settle(entry, Failure("timeout", now - slot.started))
                finished.append(entry)
            elif not slot.ready and now - slot.spawned_at > self.init_timeout:
                self._retire(slot, kill=True)
                self._start_failed(f"niet klaar binnen {self.init_timeout:g} s")
        for entry in [e for e in self._pending if e.wait_until is not None and now >= e.wait_until]:
            self._pending.remove(entry)
            self._settle(entry, Failure("waited"))
            finished.append(entry)
        return finished
