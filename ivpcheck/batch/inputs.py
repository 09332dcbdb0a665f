"""Which files a batch reads: folders, globs and @file lists, optionally one shard of them."""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ivpcheck.model.errors import UsageError
from ivpcheck.run.waivers import is_sidecar

# A folder contributes the files whose suffix names a document; anything else there (manifest.json,
# images) is not a plan. Unsupported document formats are included so that they are recorded as such.
DOCUMENT_SUFFIXES = frozenset(
    {".pdf", ".docx", ".html", ".htm", ".xhtml", ".txt", ".md", ".markdown"}
    | {".doc", ".odt", ".rtf", ".wpd", ".pages", ".epub", ".xps"}
)
GLOB_CHARS = frozenset("*?[")


@dataclass
class Inputs:
    """The files to read, plus the arguments that named nothing."""

    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _walk(folder: Path) -> list[Path]:
    """Document files below a folder (recursive; hidden files and folders skipped)."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / name
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES
        )
    return found


def _expand(spec: str, inputs: Inputs, seen_lists: set[Path]) -> None:
    """Add the files one argument names: @list, folder, glob or file."""
    if spec.startswith("@"):
        list_path = Path(spec[1:])
        if list_path.resolve() in seen_lists:
            return
        seen_lists.add(list_path.resolve())
        try:
            lines = list_path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise UsageError(spec, f"bestandslijst niet leesbaar / file list unreadable: {error}") from error
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                _expand(line, inputs, seen_lists)
        return
    path = Path(spec)
    if path.is_dir():
        inputs.files.extend(_walk(path))
    elif GLOB_CHARS & set(spec):
        matches = [Path(m) for m in glob.glob(spec, recursive=True)]
        files = [m for m in matches if m.is_file() and not is_sidecar(m)]  # waivers, not plans
        for folder in (m for m in matches if m.is_dir()):
            files.extend(_walk(folder))
        if files:
            inputs.files.extend(files)
        else:
            inputs.missing.append(spec)
    elif path.is_file():
        inputs.files.append(path)
    else:
        inputs.missing.append(spec)


def collect(specs: list[str] | tuple[str, ...]) -> Inputs:
    """Every file the arguments name, each once, sorted by path.

    An argument is a file, a folder (searched recursively for documents), a glob (`plans/**/*.pdf`)
    or `@LIST`: a text file with one argument per line (# starts a comment line).
    """
    inputs = Inputs()
    seen_lists: set[Path] = set()
    for spec in specs:
        _expand(spec, inputs, seen_lists)
    unique: dict[str, Path] = {}
    for path in inputs.files:
        unique.setdefault(os.path.normpath(path), Path(os.path.normpath(path)))
    inputs.files = [unique[key] for key in sorted(unique)]
    return inputs


def parse_shard(text: str) -> tuple[int, int]:
    """'k/n' -> (k, n), with 1 <= k <= n."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise UsageError("--shard", f"verwacht k/n, bijv. 1/4 / expected k/n, e.g. 1/4: {text!r}") from None
    if not 1 <= k <= n:
        raise UsageError("--shard", f"k moet tussen 1 en n liggen / k must be in 1..n: {text!r}")
    return k, n


def shard_of(path: Path, n: int) -> int:
    """The shard (1..n) a path belongs to: a stable hash of its normalised path as written."""
    key = os.fsencode(os.path.normpath(path).replace(os.sep, "/"))  # any bytes a file name holds
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") % n + 1


def select_shard(files: list[Path], k: int, n: int) -> list[Path]:
    """The files of shard k of n (sorted); the n shards partition the list exactly."""
    return sorted((p for p in files if shard_of(p, n) == k), key=os.path.normpath)
