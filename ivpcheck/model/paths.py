"""The one way a path is shown or stored: as text that is always valid UTF-8."""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import Annotated

from pydantic import AfterValidator


def display_path(path: str | bytes | PurePath) -> str:
    """A path as printable, storable text: bytes that are not UTF-8 become `\\xff` escapes.

    On Linux a file name may hold any bytes; Python keeps the undecodable ones as surrogates, which
    JSON, SQLite and terminals refuse. The name shown is unambiguous and the file itself is untouched.
    """
    text = os.fsdecode(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# A model field holding a file name: whatever a reader passes in is stored as its display name.
DisplayPath = Annotated[str, AfterValidator(display_path)]
