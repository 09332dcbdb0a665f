"""Page furniture: running headers, footers and page numbers, found by repetition and position.

A line in the top or bottom band of a page is furniture when the same text (digits replaced by
'#', so "Pagina 7 van 30" and "Pagina 8 van 30" match) recurs at about the same height on
several pages, or when it is only a page number.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ivpcheck.read.pdf_lines import Line

BAND = 0.12  # top and bottom share of the page height where furniture lives
Y_TOLERANCE = 6.0  # points
PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:van|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
ROMAN_PAGE = re.compile(r"^[ivxlc]{1,6}$", re.IGNORECASE)


def furniture_key(text: str) -> str:
    """Lowercase, digits as '#', spaces collapsed: the text a running header keeps on every page."""
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _in_band(line: Line, height: float) -> str | None:
    if line.bottom <= height * BAND:
        return "top"
    if line.top >= height * (1 - BAND):
        return "bottom"
    return None


def mark_furniture(pages: list[list[Line]], heights: list[float]) -> None:
    """Set kind "furniture" on running headers, footers and page numbers (in place)."""
    seen: dict[tuple[str, str], list[tuple[Line, float]]] = defaultdict(list)
    for lines, height in zip(pages, heights, strict=True):
        for line in lines:
            band = _in_band(line, height)
            if band is None:
                continue
            if PAGE_NUMBER.match(line.text) or ROMAN_PAGE.match(line.text):
                line.kind = "furniture"
                continue
            y = line.top if band == "top" else height - line.bottom
            seen[(band, furniture_key(line.text))].append((line, y))
    minimum = 2 if len(pages) <= 6 else 3
    for occurrences in seen.values():
        pages_hit = {line.page for line, _ in occurrences}
        if len(pages_hit) < minimum:
            continue
        ys = sorted(y for _, y in occurrences)
        median = ys[len(ys) // 2]
        close = [line for line, y in occurrences if abs(y - median) <= Y_TOLERANCE]
        if len({line.page for line in close}) >= minimum:
            for line in close:
                line.kind = "furniture"
