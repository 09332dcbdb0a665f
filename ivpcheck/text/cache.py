"""A per-user cache of data that is slow to parse and never changes between runs.

ivpcheck reads two large data files on every check: spacy-lookups-data's Dutch lemma table (JSON,
213,000 entries) and pyphen's Dutch hyphenation patterns. Parsing them costs about a third of a
second; loading the same data from `marshal` (basic Python types only, no code) takes a tenth of
that. Entries are keyed by the source file's path, size and modification time, so a package
upgrade rebuilds them. The cache lives in ``$IVPCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/ivpcheck``,
else ``~/.cache/ivpcheck``; when it cannot be read or written ivpcheck simply parses the source.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = "1"  # bump when the shape of a cached value changes


def cache_dir() -> Path:
    """Where cached data lives."""
    explicit = os.environ.get("IVPCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ivpcheck"


def _key(name: str, source: Path) -> str:
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
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)  # atomic: concurrent runs never read a half-written file
    except (OSError, ValueError):
        pass  # an unwritable cache (or data marshal cannot hold) only costs speed
    return value
