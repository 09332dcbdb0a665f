"""Footnotes (small type at the foot of a page or column) and captions/source lines."""

from __future__ import annotations

import re

from ivpcheck.read.pdf_lines import Line

NOTE_START = re.compile(r"^(?:\d{1,3}|\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*\S")
CAPTION_START = re.compile(
    r"^(?:bron(?:nen)?\s*:|(?:tabel|figuur|grafiek|afbeelding|kaart|illustratie|foto)\s+\d+[.:]?\s)",
    re.IGNORECASE,
)
TERMINAL = (".", "!", "?")


def mark_footnotes(pages: list[list[Line]], body: float) -> None:
    """Mark the block of small-type lines closing a page (or column) that starts with a number."""
    for lines in pages:
        for column in {line.column for line in lines}:
            flow = [line for line in lines if line.column == column and line.kind != "furniture"]
            tail: list[Line] = []
            for line in reversed(flow):
                small = line.size <= body - 0.4 and line.size <= body * 0.92
                if line.kind or not small or line.cells is not None:
                    break
                tail.append(line)
            tail.reverse()
            while tail and not NOTE_START.match(tail[0].text):
                tail.pop(0)
            for line in tail:
                line.kind = "footnote"


def mark_captions(pages: list[list[Line]], body: float) -> None:
    """Mark caption and source lines: "Bron: ...", "Tabel 3 ...", or small type right under a
    table, and the lines that continue them."""
    for lines in pages:
        open_caption: Line | None = None
        previous: Line | None = None
        for line in lines:
            if line.kind:
                open_caption = None if line.kind != "merged" else open_caption
                previous = line
                continue
            under_table = (
                previous is not None
                and previous.cells is not None
                and line.cells is None
                and line.size <= body - 0.4
                and line.top - previous.bottom < 1.5 * line.size
            )
            continues = (
                open_caption is not None
                and line.column == open_caption.column
                and abs(line.size - open_caption.size) < 0.5
                and line.top - open_caption.bottom < 0.6 * line.size
                and not open_caption.text.endswith(TERMINAL)
            )
            if CAPTION_START.match(line.text) or under_table or continues:
                line.kind = "caption"
                open_caption = line
            else:
                open_caption = None
            previous = line
