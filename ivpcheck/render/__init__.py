"""Renderers: Report -> terminal text (rich), JSON, Markdown, a self-contained HTML page, concise
lines (one per finding), or the advisor's letter as a Word document (docx, bytes only).

Each format lives in its own module and is imported only when used, so a JSON run never loads
rich or jinja2.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ivpcheck.model.report import Report

# format name -> file extension used for `-o DIR`
FORMATS: dict[str, str] = {
    "terminal": "txt",
    "json": "json",
    "jsonl": "jsonl",
    "markdown": "md",
    "html": "html",
    "docx": "docx",
    "concise": "txt",
}
BINARY_FORMATS = {"docx"}  # written to a file only (`-o`), never printed


def render_bytes(report: Report, fmt: str, lang: str | None = None, show_evidence: bool = False) -> bytes:
    """The report in one format as the bytes of its file (text formats in UTF-8, without colour)."""
    if fmt == "docx":
        from ivpcheck.render.letter import render_letter

        return render_letter(report, lang)
    return render(report, fmt, lang, show_evidence=show_evidence).encode("utf-8")


def render(
    report: Report, fmt: str, lang: str | None = None, color: bool = False, show_evidence: bool = False
) -> str:
    """The report in one format; `lang` overrides the report's language for labels; `show_evidence`
    lists in the terminal where the criteria that are met were found (HTML always has them)."""
    if fmt in ("json", "jsonl"):  # one compact line: a JSON document, or a record of JSON Lines
        from ivpcheck.render.json import render_json

        return render_json(report)
    if fmt == "markdown":
        from ivpcheck.render.markdown import render_markdown

        return render_markdown(report, lang)
    if fmt == "html":
        from ivpcheck.render.html import render_html

        return render_html(report, lang)
    if fmt == "concise":
        from ivpcheck.render.concise import render_concise

        return render_concise(report, lang)
    if fmt == "terminal":
        from ivpcheck.render.terminal import render_terminal

        return render_terminal(report, lang, color=color, show_evidence=show_evidence)
    raise ValueError(f"unknown format: {fmt}")


def wants_color(flag: bool | None = None, stream: TextIO | None = None) -> bool:
    """Whether to colour: --color/--no-color win, then NO_COLOR and FORCE_COLOR (non-empty), else
    colour only when `stream` (standard output) is a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return (stream or sys.stdout).isatty()
