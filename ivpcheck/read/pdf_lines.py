"""Page geometry -> lines in reading order: rows, two-column regions and table rows.

Both PDF readers (pypdfium2 and pdfplumber) deliver text *spans* (a run of text in one font on one
baseline) and horizontal rules, in top-down page coordinates; this module turns them into `Line`s
in reading order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ivpcheck.model.document import DocumentMeta
from ivpcheck.read.hyphenation import join_lines

MIN_TEXT_CHARS = 20  # a page with fewer visible characters has no real text layer
SUPERSCRIPT_RATIO = 0.9  # a raised digit span this much smaller than its line is a note reference
SEGMENT_GAP_EM = 0.9  # a horizontal gap this wide (in ems) splits a row into segments
MIN_GAP = 6.0  # narrowest gap between segments (table cells, columns), in points
MARGIN_BAND = 0.08  # top and bottom share of the page left out when looking for columns
NEW_CELL_ROW_EM = 1.45  # without rules, a baseline step above this many ems starts a new table row
CLOSING = (".", ",", ";", ":", ")", "!", "?")
LEADER_END = re.compile(r"(?: *[.·…_]){3,} *$")
LIST_MARKER = re.compile(r"^(?:[•·▪■◦○●\u2013\u2014*-]|\(?\d{1,2}[.)]|\(?[a-z][.)])$")


@dataclass(slots=True)
class Span:
    """A run of text in one font on one baseline; coordinates in points, y grows downwards."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool

    @property
    def top(self) -> float:
        return self.baseline - 0.78 * self.size

    @property
    def bottom(self) -> float:
        return self.baseline + 0.22 * self.size


@dataclass(slots=True)
class Rule:
    """A horizontal rule (table border, separator): its height and horizontal extent."""

    y: float
    x0: float
    x1: float


@dataclass(slots=True)
class RawPage:
    """One page as an extractor saw it: its size, its text spans and its horizontal rules."""

    number: int
    width: float
    height: float
    spans: list[Span]
    rules: list[Rule] = field(default_factory=list)


@dataclass(slots=True)
class OutlineItem:
    """One PDF bookmark: its title, 1-based level and target page (None if unresolved)."""

    title: str
    level: int
    page: int | None


@dataclass(slots=True)
class RawPdf:
    """What an extractor delivers: pages of spans, the bookmarks and file-level facts."""

    pages: list[RawPage]
    outline: list[OutlineItem]
    meta: DocumentMeta


@dataclass(slots=True)
class Line:
    """One line of text on a page, in reading order, with its dominant font size and weight."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    column: int = 0  # 0 full width, 1 left column, 2 right column
    cells: list[str] | None = None  # table row cells when the line is a table row
    kind: str = ""  # set by later stages: furniture, toc, heading, footnote, caption...
    level: int | None = None  # heading level, for headings


def body_line_pairs(pages: list[list[Line]], body: float) -> Iterator[tuple[Line, Line]]:
    """Consecutive lines of plain body text (body size, same column, no kind yet), page by page."""
    for lines in pages:
        for above, below in zip(lines, lines[1:], strict=False):
            same_flow = above.kind == below.kind == "" and above.column == below.column
            if same_flow and abs(above.size - body) < 0.3 and abs(below.size - body) < 0.3:
                yield above, below


@dataclass(slots=True)
class _Row:
    """Spans sharing a baseline band, sorted left to right, split into segments at wide gaps."""

    spans: list[Span]
    segments: list[list[Span]] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(s.top for s in self.spans)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.spans)

    @property
    def baseline(self) -> float:
        return max(self.spans, key=lambda s: len(s.text)).baseline

    @property
    def size(self) -> float:
        return max(self.spans, key=lambda s: len(s.text)).size


def _group_rows(spans: list[Span]) -> list[_Row]:
    """Group spans into rows: a span joins a recent row whose anchor box it overlaps by half."""
    rows: list[_Row] = []
    anchors: list[tuple[float, float]] = []
    for span in sorted(spans, key=lambda s: (s.top, s.x0)):
        span_top, span_bottom = span.top, span.bottom
        for index in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            top, bottom = anchors[index]
            overlap = min(bottom, span_bottom) - max(top, span_top)
            if overlap >= 0.5 * min(bottom - top, span_bottom - span_top):
                rows[index].spans.append(span)
                break
        else:
            rows.append(_Row([span]))
            anchors.append((span.top, span.bottom))
    for row in rows:
        _split(row)
    return rows


def _split(row: _Row) -> _Row:
    """Sort a row's spans left to right and split them at gaps wider than SEGMENT_GAP_EM."""
    row.spans.sort(key=lambda s: s.x0)
    segments = [[row.spans[0]]]
    right = row.spans[0].x1
    for span in row.spans[1:]:
        previous = segments[-1][-1]
        gap = span.x0 - right
        marker = len(segments[-1]) == 1 and gap < 2.5 * span.size and LIST_MARKER.match(previous.text.strip())
        if gap > max(SEGMENT_GAP_EM * max(span.size, previous.size), MIN_GAP) and not marker:
            segments.append([span])
        else:
            segments[-1].append(span)
        right = max(right, span.x1)
    row.segments = segments
    return row


def _extent(segment: list[Span]) -> tuple[float, float]:
    return segment[0].x0, max(s.x1 for s in segment)


def _find_gutter(rows: list[_Row], width: float, height: float, rules: list[Rule]) -> float | None:
    """The x of a column gutter: few rows cross it and several rows lie on each side of it; a
    table's horizontal rules cross its own column gaps, never the page's gutter.

    Rows and rules in the top and bottom margins (running headers, centred page numbers) do not vote.
    """
    rows = [row for row in rows if row.bottom > MARGIN_BAND * height and row.top < (1 - MARGIN_BAND) * height]
    body_rules = [r for r in rules if MARGIN_BAND * height < r.y < (1 - MARGIN_BAND) * height]
    if not rows:
        return None
    extents = [_extent(seg) for row in rows for seg in row.segments]
    starts = sorted(x0 for x0, _ in extents)
    ends = sorted(x1 for _, x1 in extents)
    row_left = sorted(_extent(row.segments[0])[0] for row in rows)
    row_right = sorted(_extent(row.segments[-1])[1] for row in rows)
    edges = sorted({round(x, 1) for pair in extents for x in pair if width * 0.3 <= x <= width * 0.7})
    best: tuple[int, float, float] | None = None  # (score, gap width, x)
    for a, b in zip(edges, edges[1:], strict=False):
        x = (a + b) / 2
        crossing = bisect_left(starts, x) - bisect_right(ends, x) + sum(r.x0 < x < r.x1 for r in body_rules)
        left = bisect_left(row_left, x) - crossing
        right = len(row_right) - bisect_right(row_right, x) - crossing
        candidate = (min(left, right) - 2 * crossing, b - a, x)
        if candidate[0] >= 2 and (best is None or candidate > best):
            best = candidate
    return best[2] if best else None


def _crosses(row: _Row, x: float) -> bool:
    return any(a < x < b for a, b in map(_extent, row.segments))


def _is_prose_columns(rows: list[_Row], x: float, x_min: float, x_max: float, rules: list[Rule]) -> bool:
    """True when each side of the gutter has unbroken lines that fill their column, as running
    text does; table rows (several cells on a side) do not count — unless that table is ruled
    within its own side: a table in one column beside running text in the other."""
    wide = [0, 0]
    cells = [0, 0]
    for row in rows:
        for side, segments in enumerate(
            ([s for s in row.segments if s[0].x0 < x], [s for s in row.segments if s[0].x0 >= x])
        ):
            cells[side] += len(segments) >= 2
            if len(segments) == 1:
                x0, x1 = _extent(segments[0])
                wide[side] += x1 - x0 >= 0.6 * ((x - x_min) if side == 0 else (x_max - x))
    if min(wide) >= 2:
        return True
    top, bottom = rows[0].top, rows[-1].bottom
    for table in (0, 1):
        within = [
            r
            for r in rules
            if top - 2 <= r.y <= bottom + 2 and (r.x1 <= x + 2 if table == 0 else r.x0 >= x - 2)
        ]
        if cells[table] >= 2 and wide[1 - table] >= 3 and len(within) >= 2:
            return True
    return False


def _line(page: int, spans: list[Span], column: int = 0) -> Line:
    """Join spans (left to right) into one Line, dropping raised note-reference digits."""
    size, kept = spans[0].size, spans
    if any(span.size != size for span in spans):  # spans of one size hold no raised note marks
        size, kept = _without_note_marks(spans)
    parts: list[str] = []
    bold_chars = chars = 0
    previous: Span | None = None
    for span in kept:
        gap = span.x0 - previous.x1 if previous is not None else 0.0
        if gap > 0.12 * size and not span.text.startswith(CLOSING):
            parts.append(" ")
        parts.append(span.text)
        n = len(span.text.strip())
        chars += n
        bold_chars += n if span.bold else 0
        previous = span
    return Line(
        page=page,
        text=" ".join("".join(parts).split()),
        x0=min(s.x0 for s in kept),
        x1=max(s.x1 for s in kept),
        top=min(s.top for s in kept),
        bottom=max(s.bottom for s in kept),
        size=size,
        bold=chars > 0 and bold_chars >= 0.6 * chars,
        column=column,
    )


def _without_note_marks(spans: list[Span]) -> tuple[float, list[Span]]:
    """The line's text size (of most of its characters) and its spans but raised note-reference digits."""
    sizes: Counter[float] = Counter()
    for span in spans:
        sizes[span.size] += len(span.text.strip())
    size = sizes.most_common(1)[0][0]
    baseline = max((s for s in spans if s.size == size), key=lambda s: len(s.text)).baseline
    kept = [
        s
        for s in spans
        if not (
            s.size < SUPERSCRIPT_RATIO * size
            and s.baseline < baseline - 0.15 * size
            and s.text.strip().isdigit()
        )
    ]
    return size, kept or spans


def _has_leader(row: _Row) -> bool:
    return any(LEADER_END.search("".join(s.text for s in segment)) for segment in row.segments)


def _table_runs(rows: list[_Row]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of rows forming tables: ≥2 multi-cell rows with aligned cells.

    A row with a cell ending in dot leaders is a TOC line, never a table row.
    """
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(rows):
        if len(rows[index].segments) < 2 or _has_leader(rows[index]):
            index += 1
            continue
        starts = [seg[0].x0 for seg in rows[index].segments]
        end, multi = index + 1, 1
        while end < len(rows):
            row = rows[end]
            if row.top - rows[end - 1].bottom > 2.5 * row.size:
                break
            aligned = all(any(abs(seg[0].x0 - x) < 3 for x in starts) for seg in row.segments)
            if _has_leader(row) or not aligned:
                break
            multi += len(row.segments) >= 2
            end += 1
        if multi >= 2:
            runs.append((index, end))
        index = end
    return runs


def _ruled(rules: list[Rule], above: _Row, below: _Row) -> bool:
    """True when a horizontal rule runs between two rows."""
    x = below.segments[0][0].x0 + 1
    return any(above.baseline < r.y < below.baseline - 0.5 * below.size and r.x0 <= x <= r.x1 for r in rules)


def _table_lines(page: int, rows: list[_Row], rules: list[Rule], column: int) -> list[Line]:
    """One Line per table row (cells joined with " | "); wrapped cell lines join their row."""
    columns: list[float] = []
    for x in sorted(seg[0].x0 for row in rows for seg in row.segments):
        if not columns or x - columns[-1] >= 3:
            columns.append(x)
    ruled = any(_ruled(rules, a, b) for a, b in zip(rows, rows[1:], strict=False))
    groups: list[list[_Row]] = []
    for row in rows:
        if groups:
            above = groups[-1][-1]
            if ruled:
                new_row = _ruled(rules, above, row)
            else:
                step = row.baseline - above.baseline
                new_row = step > NEW_CELL_ROW_EM * row.size or abs(row.segments[0][0].x0 - columns[0]) < 3
            if not new_row:
                groups[-1].append(row)
                continue
        groups.append([row])
    lines: list[Line] = []
    for group in groups:
        cells: list[str] = [""] * len(columns)
        for row in group:
            for segment in row.segments:
                col = min(range(len(columns)), key=lambda i: abs(columns[i] - segment[0].x0))
                cells[col] = join_lines(cells[col], _line(page, segment).text)
        line = _line(page, [s for row in group for s in row.spans], column)
        line.cells = cells
        line.text = " | ".join(cells)
        lines.append(line)
    return lines


def _flow_lines(page: RawPage, rows: list[_Row], column: int = 0) -> list[Line]:
    """Lines for rows in one flow (a column or the full width), table rows joined into cells."""
    lines: list[Line] = []
    index = 0
    for start, end in [*_table_runs(rows), (len(rows), len(rows))]:
        lines.extend(_line(page.number, row.spans, column) for row in rows[index:start])
        if end > start:
            lines.extend(_table_lines(page.number, rows[start:end], page.rules, column))
        index = end
    return lines


def _column_lines(page: RawPage, rows: list[_Row], x: float) -> list[Line]:
    """Lines of a two-column region: the left column top-down, then the right column."""
    lines: list[Line] = []
    for column, keep in ((1, lambda s: s.x1 <= x), (2, lambda s: s.x1 > x)):
        part = _group_rows([s for row in rows for s in row.spans if keep(s)])
        lines.extend(_flow_lines(page, part, column))
    return lines


def page_lines(page: RawPage) -> list[Line]:
    """The page's lines in reading order: full-width text top-down, two-column regions left first."""
    spans = [s for s in page.spans if s.text.strip()]
    if not spans:
        return []
    rows = _group_rows(spans)
    x = _find_gutter(rows, page.width, page.height, page.rules)
    if x is None:
        return _flow_lines(page, rows)
    x_min, x_max = min(s.x0 for s in spans), max(s.x1 for s in spans)
    lines: list[Line] = []
    flow: list[_Row] = []  # full-width rows waiting to become lines (a table needs all its rows)
    run: list[_Row] = []
    for row in [*rows, None]:
        if row is not None and not _crosses(row, x):
            run.append(row)
            continue
        if run and _is_prose_columns(run, x, x_min, x_max, page.rules):
            lines.extend(_flow_lines(page, flow))
            lines.extend(_column_lines(page, run, x))
            flow = []
        else:
            flow.extend(run)
        run = []
        if row is not None:
            flow.append(row)
    lines.extend(_flow_lines(page, flow))
    return lines
