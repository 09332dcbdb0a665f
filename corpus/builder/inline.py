"""Inline markup (**bold**, *italic*, [^n] footnote refs) as spans, and footnote numbering."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .source import Container, ListBlock, Para, Source, Table

_TOKEN = re.compile(r"\*\*|(?<![\s*])\*|\*(?=\S)|\[\^([^\]]+)\]")


@dataclass(frozen=True)
class Span:
    """A run of text with emphasis, or a footnote reference (`note` set, `text` empty)."""

    text: str
    bold: bool = False
    italic: bool = False
    note: str | None = None


def spans(text: str) -> list[Span]:
    """Split inline markup into spans; unbalanced markers end with the text."""
    out: list[Span] = []
    bold = italic = False
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos : m.start()], bold, italic))
        token = m.group(0)
        if m.group(1) is not None:
            out.append(Span("", bold, italic, note=m.group(1)))
        elif token == "**":
            bold = not bold
        else:
            italic = not italic
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:], bold, italic))
    return out


def plain(text: str) -> str:
    """Text without markup and without footnote references."""
    return "".join(s.text for s in spans(text))


def _texts(source: Source):
    """Every inline text of the body in document order."""
    for block in source.walk():
        if isinstance(block, Para):
            yield block.text
        elif isinstance(block, ListBlock):
            yield from (item.text for item in block.items)
        elif isinstance(block, Table):
            yield from block.header
            for row in block.rows:
                yield from row
        elif not isinstance(block, Container) and hasattr(block, "text"):
            yield block.text


def note_numbers(source: Source) -> dict[str, int]:
    """Footnote label -> printed number, numbered 1.. in order of first reference."""
    numbers: dict[str, int] = {}
    for text in _texts(source):
        for span in spans(text):
            if span.note and span.note in source.footnotes and span.note not in numbers:
                numbers[span.note] = len(numbers) + 1
    return numbers


def notes_in(texts: list[str], numbers: dict[str, int]) -> list[str]:
    """Footnote labels referenced in `texts`, in order, without repeats."""
    seen: list[str] = []
    for text in texts:
        for span in spans(text):
            if span.note in numbers and span.note not in seen:
                seen.append(span.note)
    return seen


Sup = str | Callable[[int], str]


def to_markup(text: str, numbers: dict[str, int], sup: Sup = "<super>{n}</super>") -> str:
    """Inline text as reportlab/HTML-ish markup: <b>, <i>, note numbers via `sup` (format or callable)."""
    out = []
    for span in spans(text):
        if span.note is not None:
            n = numbers.get(span.note)
            if n:
                out.append(sup.format(n=n, label=span.note) if isinstance(sup, str) else sup(n))
            continue
        piece = html.escape(span.text, quote=False)
        if span.italic:
            piece = f"<i>{piece}</i>"
        if span.bold:
            piece = f"<b>{piece}</b>"
        out.append(piece)
    return "".join(out)
