"""Stand-in check functions for the worker pool's tests (imported by spawned workers by name)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ivpcheck.model.report import DocTypeDecision, InputInfo, Profile, Report
from ivpcheck.model.settings import Settings


def quick_check(path: Path, settings: Settings) -> Report:
    """A tiny scored report. Markers in the file: SLEEP (60 s), SLOW (2 s), CRASH (the process dies),
    EXPLODE (an exception), TITLE:<text> (the plan title); form feeds count pages."""
    data = Path(path).read_bytes()
    if b"SLEEP" in data:
        time.sleep(60)
    if b"SLOW" in data:
        time.sleep(2)
    if b"CRASH" in data:
        os._exit(3)
    if b"EXPLODE" in data:
        raise RuntimeError("boom")
    return Report(
        tool_version="test",
        rulepack_version="test",
        check_date=settings.check_date.isoformat(),
        input=InputInfo(path=str(path), sha256="0" * 64, format="text", pages=data.count(b"\f") + 1),
        profile=Profile(doc_type=DocTypeDecision(type="ivp", is_ivp=True), title=_title(data)),
        total=50.0,
        band="matig",
    )


def _title(data: bytes) -> str | None:
    marker = data.find(b"TITLE:")
    if marker < 0:
        return None
    return data[marker + 6 :].split(b"\n", 1)[0].decode("utf-8")
