"""Front and back matter of a PDF: the cover page and the colophon."""

from __future__ import annotations

import re

from ivpcheck.read.pdf_lines import Line

COVER_TITLE_RATIO = 1.6  # a cover title is set at least this much larger than the body text
COVER_MAX_BODY_CHARS = 400
COLOPHON_TITLE = re.compile(r"^colo(?:f|ph)on$", re.IGNORECASE)
COLOPHON_FIELD = re.compile(
    r"^(?:uitgave|uitgegeven door|vormgeving|contact|tekst|redactie|fotografie|foto's|druk|drukwerk|"
    r"opdrachtgever|samenstelling|ontwerp|illustraties|informatie)\b\s*:?",
    re.IGNORECASE,
)


def mark_cover(pages: list[list[Line]], body: float) -> int | None:
    """Mark page 1 as the cover (kind "cover") when it has a large title and little body text."""
    if not pages:
        return None
    free = [line for line in pages[0] if not line.kind]
    large = any(line.size >= COVER_TITLE_RATIO * body for line in free)
    body_chars = sum(len(line.text) for line in free if line.size < body * 1.2)
    if not (large and body_chars <= COVER_MAX_BODY_CHARS):
        return None
    for line in free:
        line.kind = "cover"
    return 1


def mark_colophon(pages: list[list[Line]]) -> int | None:
    """Mark the colophon (kind "colophon"): from a "Colofon" line, or from the first of at least
    two imprint fields ("Uitgave:", "Vormgeving:", "Contact:") on one of the last two pages."""
    for number in range(len(pages), 0, -1):
        free = [line for line in pages[number - 1] if not line.kind]
        start = next((i for i, line in enumerate(free) if COLOPHON_TITLE.match(line.text.strip())), None)
        if start is None and number >= len(pages) - 1:
            fields = [i for i, line in enumerate(free) if COLOPHON_FIELD.match(line.text)]
            if len(fields) >= 2:
                start = fields[0]
        if start is not None:
            for line in free[start:]:
                line.kind = "colophon"
            return number
    return None
