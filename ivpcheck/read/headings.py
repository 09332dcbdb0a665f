"""Headings in a PDF: from the bookmarks when the file has them, else from font size and weight.

Works on `Line`s (furniture, TOC, cover and colophon already marked) and marks heading lines in
place: kind "heading" and a level. A heading set over several lines becomes one line; the lines it
absorbed get kind "merged".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ivpcheck.read.assemble import split_heading_number
from ivpcheck.read.pdf_lines import Line, OutlineItem

MAX_HEADING_WORDS = 16
MAX_HEADING_LINES = 3
MIN_SPACING_JUMP = 2.0  # points of extra space above that set two heading levels apart
NOT_A_WORD = re.compile(r"[^0-9a-zà-ÿ]+")


def body_size(pages: list[list[Line]]) -> float:
    """The character-weighted most common font size of unmarked lines: the body text size."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if not line.kind:
                sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _key(text: str) -> str:
    return NOT_A_WORD.sub("", text.lower())


def _merge(lines: list[Line], start: int, count: int, level: int) -> None:
    """Make lines[start] the heading for lines[start:start+count]; the others become 'merged'."""
    head = lines[start]
    for other in lines[start + 1 : start + count]:
        head.text = f"{head.text} {other.text}"
        head.bottom = max(head.bottom, other.bottom)
        other.kind = "merged"
    head.kind = "heading"
    head.level = level


def _find_on_page(lines: list[Line], title: str) -> tuple[int, int] | None:
    """(index, line count) of the free lines on a page that spell the bookmark title."""
    target = _key(title)
    if not target:
        return None
    for index, line in enumerate(lines):
        if line.kind or not target.startswith(_key(line.text) or "\0"):
            continue
        text = ""
        for count, other in enumerate(lines[index : index + MAX_HEADING_LINES], start=1):
            if other.kind:
                break
            text += _key(other.text)
            if text == target:
                return index, count
            if not target.startswith(text):
                break
    return None


def headings_from_outline(pages: list[list[Line]], outline: list[OutlineItem]) -> int:
    """Mark the lines each bookmark points at as headings; return how many bookmarks were found."""
    found = 0
    for item in outline:
        if item.page is None:
            continue
        for page in (item.page, item.page + 1, item.page - 1):
            if not 1 <= page <= len(pages):
                continue
            hit = _find_on_page(pages[page - 1], item.title)
            if hit is not None:
                _merge(pages[page - 1], hit[0], hit[1], item.level)
                found += 1
                break
    return found


def _numbering_depth(text: str) -> int | None:
    number, _ = split_heading_number(text)
    if number is None or not number[0].isdigit():
        return None
    return number.count(".") + 1


def _is_candidate(line: Line, body: float) -> bool:
    """A free line set larger than the body text, or bold at body size, short and not a sentence."""
    if line.kind or line.cells is not None:
        return False
    text = line.text
    if not text[:1].isalnum() or len(text.split()) > MAX_HEADING_WORDS or text.endswith((",", ";")):
        return False
    larger = line.size >= body + 0.9 or line.size >= body * 1.12
    return larger or (line.bold and line.size >= body - 0.6)


def _gap_above(lines: list[Line], index: int) -> float | None:
    """White space between a line and the line above it in the same column (None at a page top)."""
    line = lines[index]
    for above in reversed(lines[:index]):
        if above.kind not in ("furniture", "merged") and above.column == line.column:
            return line.top - above.bottom
    return None


def headings_from_fonts(pages: list[list[Line]], body: float) -> None:
    """Mark heading lines by size and weight; levels from numbering depth, else from size rank."""
    found: list[_Found] = []
    for lines in pages:
        index = 0
        while index < len(lines):
            line = lines[index]
            if not _is_candidate(line, body):
                index += 1
                continue
            count = 1
            while count < MAX_HEADING_LINES and index + count < len(lines):
                nxt = lines[index + count]
                same_style = nxt.size == line.size and nxt.bold == line.bold and nxt.column == line.column
                close = nxt.top - lines[index + count - 1].bottom < 0.8 * line.size
                if not (same_style and close and _is_candidate(nxt, body)):
                    break
                count += 1
            text = " ".join(x.text for x in lines[index : index + count])
            if not text.rstrip().endswith((".", ":")) and len(text.split()) <= MAX_HEADING_WORDS:
                found.append(_Found(lines, index, count, text, _gap_above(lines, index)))
            index += count
    _assign_levels(found)


@dataclass(slots=True)
class _Found:
    """A heading found by its font: where it is, its text and the white space above it."""

    lines: list[Line]
    index: int
    count: int
    text: str
    gap: float | None

    @property
    def style(self) -> tuple[float, bool]:
        line = self.lines[self.index]
        return round(line.size * 2) / 2, line.bold


def _spacing_ranks(found: list[_Found]) -> dict[int, int]:
    """0 or 1 per heading of one style: 1 when it has clearly less space above it than the rest.

    Headings set in one font at two levels usually differ in the space above them; a heading at
    the top of a page (no space to measure) ranks like the previous heading of its style.
    """
    gaps = sorted(f.gap for f in found if f.gap is not None)
    jumps = [(b - a, (a + b) / 2) for a, b in zip(gaps, gaps[1:], strict=False)]
    jump, threshold = max(jumps, default=(0.0, 0.0))
    ranks: dict[int, int] = {}
    previous = 0
    for item in found:
        if item.gap is not None and jump >= MIN_SPACING_JUMP:
            previous = 0 if item.gap > threshold else 1
        ranks[id(item)] = previous
    return ranks


def _assign_levels(found: list[_Found]) -> None:
    """Numbered headings get their numbering depth; others the level their style has elsewhere."""
    depths: dict[tuple[float, bool], Counter[int]] = defaultdict(Counter)
    for item in found:
        depth = _numbering_depth(item.text)
        if depth is not None:
            depths[item.style][depth] += 1
    known = {style: counter.most_common(1)[0][0] for style, counter in depths.items() if len(counter) == 1}
    ambiguous = {style for style, counter in depths.items() if len(counter) > 1}
    sizes = sorted({item.style[0] for item in found}, reverse=True)
    unnumbered: dict[tuple[float, bool], list[_Found]] = defaultdict(list)
    for item in found:
        if _numbering_depth(item.text) is None and item.style not in known:
            unnumbered[item.style].append(item)
    ranks: dict[int, int] = {}
    for group in unnumbered.values():
        ranks.update(_spacing_ranks(group))
    for item in found:
        level = _numbering_depth(item.text)
        if level is None:
            if item.style in known:
                level = known[item.style]
            elif item.style in ambiguous:
                level = 1
            else:
                larger = [d for (size, _), d in known.items() if size > item.style[0]]
                level = (max(larger) + 1 if larger else sizes.index(item.style[0]) + 1) + ranks[id(item)]
        _merge(item.lines, item.index, item.count, min(level, 6))
