"""Make zip-based files (docx, odt) byte-identical across runs."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_DATE = (2024, 1, 1, 0, 0, 0)


def normalize_zip(path: Path, first: str | None = None) -> None:
    """Rewrite `path` with fixed timestamps; `first` (e.g. 'mimetype') goes first, stored."""
    with zipfile.ZipFile(path) as zin:
        items = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    if first:
        items.sort(key=lambda item: item[0] != first)
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == first else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)
