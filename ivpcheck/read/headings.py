"""Headings in a PDF: from the bookmarks when the file has them, else from font size and weight.

Works on `Line`s (furniture, TOC, cover and colophon already marked) and marks heading lines in
place: kind "heading" and a level. A heading set over several lines becomes one line; the lines it
absorbed get kind "merged".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ivpcheck.read.assemble import split_heading_number
from ivpcheck.read.pdf_lines import Line, OutlineItem, body_line_pairs

MAX_HEADING_WORDS = 16
MAX_HEADING_LINES = 3
MIN_SPACING_JUMP = 2.0  # points of extra space above that set two heading levels apart
SUBHEADING_EXTRA_SPACE = 0.35  # ems above a paragraph gap: less marks a lone band as subheadings
NOT_A_WORD = re.compile(r"[^0-9a-zà-ÿ]+")


def body_size(pages: list[list[Line]]) -> float:
    """The character-weighted most common font size of unmarked lines: the body text size."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if not line.kind:
                sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


@lru_cache(maxsize=4096)  # a page's lines are compared with each of its bookmarks
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


def _paragraph_gap(pages: list[list[Line]], body: float) -> float:
    """Typical white space between two paragraphs of body text (box to box)."""
    gaps: Counter[float] = Counter()
    for above, below in body_line_pairs(pages, body):
        gap = below.top - above.bottom
        if 0 <= gap < 3 * body:
            gaps[round(gap, 1)] += 1
    if not gaps:
        return 0.0
    line_gap = gaps.most_common(1)[0][0]
    wider = sorted(gap for gap, n in gaps.items() for _ in range(n) if gap > line_gap + 1)
    return wider[len(wider) // 2] if wider else line_gap


def headings_from_fonts(pages: list[list[Line]], body: float) -> None:
    """Mark heading lines by size and weight; levels from numbering, size and spacing."""
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
    levels = _levels(found, body, _paragraph_gap(pages, body))
    for item in found:
        _merge(item.lines, item.index, item.count, min(levels[id(item)], 6))


@dataclass(slots=True)
class _Found:
    """A heading found by its font: where it is, its text, numbering depth and the space above it."""

    lines: list[Line]
    index: int
    count: int
    text: str
    gap: float | None
    depth: int | None = None

    def __post_init__(self) -> None:
        self.depth = _numbering_depth(self.text)

    @property
    def style(self) -> tuple[float, bool]:
        line = self.lines[self.index]
        return round(line.size * 2) / 2, line.bold


def _levels(found: list[_Found], body: float, paragraph_gap: float) -> dict[int, int]:
    """Level per heading: numbering depth when numbered; otherwise the level its style has among
    numbered headings, or its size rank; headings at body size (bold only) rank by space above."""
    depths: dict[tuple[float, bool], Counter[int]] = defaultdict(Counter)
    groups: dict[tuple[float, bool], list[_Found]] = defaultdict(list)
    for item in found:
        groups[item.style].append(item)
        if item.depth is not None:
            depths[item.style][item.depth] += 1
    known = {style: counter.most_common(1)[0][0] for style, counter in depths.items() if len(counter) == 1}
    sizes = sorted({style[0] for style in groups}, reverse=True)
    levels: dict[int, int] = {}
    for style, group in groups.items():
        larger = [d for (size, _), d in known.items() if size > style[0]]
        base = max(larger) + 1 if larger else sizes.index(style[0]) + 1
        if style[0] <= body + 0.5:
            levels.update(_levels_by_spacing(group, base, paragraph_gap))
            continue
        for item in group:
            if item.depth is not None:
                levels[id(item)] = item.depth
            elif style in known:
                levels[id(item)] = known[style]
            else:
                levels[id(item)] = 1 if style in depths else base
    return levels


def _levels_by_spacing(group: list[_Found], base: int, paragraph_gap: float) -> dict[int, int]:
    """Levels for headings set in one body-size font, from the white space above them.

    Gaps cluster into bands (more space, higher level); numbered headings tie bands to depths. A
    lone band of headings with little extra space above them are subheadings. A heading at a page
    top (nothing to measure) takes the level of the unnumbered heading of this style before it.
    """
    gaps = sorted({round(item.gap, 1) for item in group if item.gap is not None}, reverse=True)
    bands: dict[float, int] = {}
    band = 0
    for index, gap in enumerate(gaps):
        if index and gaps[index - 1] - gap >= MIN_SPACING_JUMP:
            band += 1
        bands[gap] = band
    anchors: dict[int, Counter[int]] = defaultdict(Counter)
    for item in group:
        if item.depth is not None and item.gap is not None:
            anchors[bands[round(item.gap, 1)]][item.depth] += 1
    anchor = {b: counter.most_common(1)[0][0] for b, counter in anchors.items()}
    size = group[0].lines[group[0].index].size
    measured = [item.gap for item in group if item.gap is not None]
    lone_subheadings = (
        band == 0
        and not anchor
        and measured
        and sorted(measured)[len(measured) // 2] - paragraph_gap < SUBHEADING_EXTRA_SPACE * size
    )
    levels: dict[int, int] = {}
    previous = base
    for item in group:
        if item.depth is not None:
            level = item.depth
        elif item.gap is None:
            level = previous
        else:
            b = bands[round(item.gap, 1)]
            if b in anchor:
                level = anchor[b]
            elif anchor:
                nearest = min(anchor, key=lambda a: abs(a - b))
                level = max(1, anchor[nearest] + b - nearest)
            else:
                level = base + b + bool(lone_subheadings)
        levels[id(item)] = level
        if item.depth is None:
            previous = level
    return levels
