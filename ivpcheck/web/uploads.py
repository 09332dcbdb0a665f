"""Receive uploaded files (one per form field): stream the multipart body in chunks into private temp dirs.

The limit is enforced while streaming: once the file passes `max_bytes`, nothing more is
written. The rest of the body is read and thrown away (up to a hard cap) only so that a
browser, which sends the whole form before it reads the answer, sees the Dutch 413 page.
The file is stored under a sanitised name in a fresh directory made with `mkdtemp` (mode 0700)
inside the service's own temp root; the caller deletes that directory when the check is done.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from python_multipart.multipart import MultipartParser, parse_options_header

# Suffixes the readers know; anything else is stored as .bin and the bytes decide.
KNOWN_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".xhtml", ".txt", ".md", ".markdown", ".text"}
# Room for the multipart framing and small form fields on top of the file itself.
OVERHEAD = 64 * 1024
# After the limit, read (and drop) at most this many more bytes before giving up on the body.
DRAIN_FACTOR = 4
DRAIN_MIN = 8 * 1024 * 1024


class UploadError(Exception):
    """The upload cannot be used; `category` is a key of ivpcheck.web.messages.TEXTS."""

    def __init__(self, category: str, detail: str = "") -> None:
        super().__init__(category)
        self.category = category
        self.detail = detail


@dataclass
class Upload:
    """A received file in its own temp directory."""

    directory: Path
    path: Path
    filename: str
    size: int

    def remove(self) -> None:
        """Delete the file and its directory."""
        shutil.rmtree(self.directory, ignore_errors=True)


def safe_name(filename: str) -> str:
    """A plain file name for disk and display: no directories, only [A-Za-z0-9._-], 100 chars."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._-") or "plan"
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if not dot:
        stem = base
    if suffix not in KNOWN_SUFFIXES:
        stem, suffix = base, ".bin"
    return stem[: 100 - len(suffix)] + suffix


def display_name(filename: str) -> str:
    """The user's own file name (base name only, control characters removed), for the report."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[:200] or "plan"


class _FilePart:
    """multipart callbacks that keep the first file part (of form field `field`, when given),
    bounded by `max_bytes`."""

    def __init__(self, directory: Path, max_bytes: int, field: str | None = None) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self.field = field
        self.header_field = b""
        self.header_value = b""
        self.headers: dict[bytes, bytes] = {}
        self.in_file = False
        self.done = False
        self.filename: str | None = None
        self.path: Path | None = None
        self.handle: BinaryIO | None = None
        self.size = 0
        self.too_large = False

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": lambda d, s, e: self._add("header_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._add("header_value", d[s:e]),
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }

    def _add(self, name: str, data: bytes) -> None:
        setattr(self, name, getattr(self, name) + data)

    def on_part_begin(self) -> None:
        self.headers = {}

    def on_header_end(self) -> None:
        self.headers[self.header_field.strip().lower()] = self.header_value.strip()
        self.header_field = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, params = parse_options_header(self.headers.get(b"content-disposition", b""))
        filename = params.get(b"filename", b"").decode("utf-8", "replace")
        if self.done or not filename:  # not a file, or a file input left empty
            return
        if self.field is not None and params.get(b"name", b"").decode("utf-8", "replace") != self.field:
            return
        self.filename = filename
        self.path = self.directory / safe_name(self.filename)
        self.handle = open(self.path, "xb")  # noqa: SIM115 - closed in on_part_end/close
        self.in_file = True

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if not self.in_file or self.too_large:
            return
        self.size += end - start
        if self.size > self.max_bytes:
            self.too_large = True
            self.close()
            return
        assert self.handle is not None
        self.handle.write(data[start:end])

    def on_part_end(self) -> None:
        if self.in_file:
            self.in_file = False
            self.done = True
            self.close()

    def upload(self) -> Upload:
        """The received file."""
        assert self.path is not None and self.filename is not None
        return Upload(self.directory, self.path, display_name(self.filename), self.size)

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def boundary_of(content_type: str) -> bytes:
    """The multipart boundary, or UploadError('bad_request')."""
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadError("bad_request", "verwacht multipart/form-data")
    return boundary


async def drain(chunks: AsyncIterator[bytes], budget: int) -> None:
    """Read and drop the rest of a body, at most `budget` bytes."""
    async for chunk in chunks:
        budget -= len(chunk)
        if budget < 0:
            return


async def receive_uploads(
    chunks: AsyncIterator[bytes],
    content_type: str,
    content_length: int | None,
    temp_root: Path,
    max_bytes: int,
    fields: tuple[str | None, ...],
) -> list[Upload]:
    """One file per form field (None: the first file of any field), each at most `max_bytes` and in a
    temp dir of its own; raise UploadError on a bad or too large upload, or a field without a file."""
    boundary = boundary_of(content_type)
    drain_budget = max(DRAIN_MIN, DRAIN_FACTOR * max_bytes)
    body_limit = len(fields) * max_bytes + OVERHEAD
    if content_length is not None and content_length > body_limit + drain_budget:
        raise UploadError("too_large", "Content-Length")
    parts = [_FilePart(Path(tempfile.mkdtemp(prefix="upload-", dir=temp_root)), max_bytes, f) for f in fields]
    each = [part.callbacks() for part in parts]
    callbacks = {name: partial(_fan_out, [c[name] for c in each]) for name in each[0]}
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    total = 0
    kept = False
    try:
        async for chunk in chunks:
            total += len(chunk)
            too_large = total > body_limit or any(part.too_large for part in parts)
            if not too_large:
                parser.write(chunk)
                too_large = any(part.too_large for part in parts)
            if too_large:
                _remove(parts)
                await drain(chunks, drain_budget)
                raise UploadError("too_large", f"> {max_bytes} bytes")
        parser.finalize()
        missing = [part for part in parts if part.path is None]
        if missing:
            raise UploadError("no_file", missing[0].field or "")
        if not all(part.done for part in parts):
            raise UploadError("bad_request", "onvolledige upload")
        kept = True
    except UploadError:
        raise
    except Exception as error:  # a malformed body: parser errors, client gone
        raise UploadError("bad_request", type(error).__name__) from error
    finally:  # also on cancellation (upload time limit)
        if not kept:
            _remove(parts)
        for part in parts:
            part.close()
    return [part.upload() for part in parts]


def _fan_out(callbacks: list[Callable[..., None]], *args: object) -> None:
    """Give one parser event to every file part."""
    for callback in callbacks:
        callback(*args)


def _remove(parts: list[_FilePart]) -> None:
    """Close the parts' files and delete their directories."""
    for part in parts:
        part.close()
        shutil.rmtree(part.directory, ignore_errors=True)
