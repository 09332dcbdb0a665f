"""A per-user cache of data that is slow to parse and never changes between runs.

ivpcheck reads large data files on every check: spacy-lookups-data's Dutch lemma table (JSON,
213,000 entries), pyphen's Dutch hyphenation patterns and its own rule pack. Parsing them costs
about half a second; loading the same data from `marshal` (basic Python types only, no code) takes a
tenth of that, `cached_file` keeps a derived file (the lemma table as an SQLite file, looked up
a word at a time without loading it) and `cached_object` a validated object (the rule pack) as a
pickle. Entries are keyed by the source file's path, size and modification time, or by a digest of
the sources' content, so a package upgrade or an edited rule file rebuilds them. The cache lives
in ``$IVPCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/ivpcheck``, else ``~/.cache/ivpcheck``; when it
cannot be read or written ivpcheck simply parses the source. Every edit of a rule file makes a new entry:
of each kind only the `KEEP` most recently used stay (an entry is marked used each time it is read).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = "1"  # bump when the shape of a cached value changes
KEEP = 8  # entries of one kind kept (other rule packs, another installed version); older ones are removed


def cache_dir() -> Path:
    """Where cached data lives."""
    explicit = os.environ.get("IVPCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ivpcheck"


def _key(name: str, source: Path) -> str:
    """A key that changes with the cache format, the source's path, size and modification time."""
    stat = source.stat()
    raw = f"{FORMAT}|{name}|{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def cached_data(name: str, source: Path, build: Callable[[], T]) -> T:
    """`build()`'s value for a data file, from the cache when the file has not changed since."""
    try:
        path = cache_dir() / f"{name}-{_key(name, source)}.marshal"
    except OSError:
        return build()
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    else:
        _used(path)
        return value
    value = build()
    with contextlib.suppress(OSError, ValueError):  # an unwritable cache (or data marshal cannot hold)
        data = marshal.dumps(value)  # only costs speed

        def write(target: Path) -> None:
            target.write_bytes(data)

        _publish(path, write)
    return value


def cached_object(name: str, key: str, build: Callable[[], T], valid: Callable[[T], bool]) -> T:
    """`build()`'s value (any picklable object) for a content `key`, from the cache when an earlier
    run stored it and `valid(value)` still holds; a missing, stale or corrupt entry is rebuilt.

    Only ivpcheck writes this per-user folder, so unpickling its files trusts no one else."""
    try:
        path = cache_dir() / f"{name}-{hashlib.sha256(f'{FORMAT}|{key}'.encode()).hexdigest()[:20]}.pickle"
    except OSError:
        return build()
    try:
        value = pickle.loads(path.read_bytes())
        if valid(value):
            _used(path)
            return value
    except Exception:  # noqa: BLE001 - any unreadable entry (truncated, old classes) is rebuilt
        pass
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

        def write(target: Path) -> None:
            target.write_bytes(data)

        _publish(path, write)
    return value


def cached_file(name: str, source: Path, suffix: str, build: Callable[[Path], None]) -> Path | None:
    """The path of a file derived from a data file by `build(path)`, built once; None when the cache
    cannot be written (the caller then reads the source itself)."""
    try:
        path = cache_dir() / f"{name}-{_key(name, source)}{suffix}"
        if path.is_file():
            _used(path)
            return path
        _publish(path, build)
    except (OSError, ValueError):
        return None
    return path if path.is_file() else None


def _publish(path: Path, write: Callable[[Path], None]) -> None:
    """Write `path` through a temporary file beside it, so concurrent runs never read a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}-", delete=False) as handle:
        temporary = Path(handle.name)
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _prune(path)


def _used(path: Path) -> None:
    """Mark an entry as used now (its modification time), so that pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _prune(path: Path) -> None:
    """Remove all but the KEEP most recently used entries of the kind `path` is (its name, its suffix)."""
    kind = path.stem.rsplit("-", 1)[0]
    with contextlib.suppress(OSError):  # an entry another run removes or reads meanwhile is only rebuilt
        entries = [(entry.stat().st_mtime_ns, entry) for entry in path.parent.glob(f"{kind}-*{path.suffix}")]
        for _, old in sorted(entries, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
