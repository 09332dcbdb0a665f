"""Lines in reading order -> Blocks: paragraphs, list items, table rows, headings and notes.

Lines of one paragraph are joined (undoing line-end hyphenation). A paragraph that runs on across
a column or page break stays one block when its last line stops mid-sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ivpcheck.model.document import Block
from ivpcheck.read.hyphenation import HYPHENS, join_lines
from ivpcheck.read.notes import NOTE_START
from ivpcheck.read.pdf_lines import Line, body_line_pairs

BULLET = re.compile(r"^[•·▪■◦○●\u2013\u2014*-]\s+")
NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]\s+\S")
SENTENCE_END = (".", "!", "?", ":", ";")
PARAGRAPH_STEP = 1.22  # a baseline step this much above the usual leading starts a new paragraph
SHORT_LINE = 0.85  # a line ending a sentence before this share of the column width ends a paragraph
SKIPPED = frozenset({"furniture", "merged"})


@dataclass(slots=True)
class _Open:
    """The block being built and the last line added to it."""

    block: Block
    last: Line
    indent: float


def typical_step(pages: list[list[Line]], body: float) -> float:
    """The most common baseline-to-baseline distance between consecutive body-size lines."""
    steps: Counter[float] = Counter()
    for above, below in body_line_pairs(pages, body):
        step = below.top - above.top
        if 0 < step < 3 * body:
            steps[round(step * 2) / 2] += 1
    return steps.most_common(1)[0][0] if steps else 1.3 * body


def _kind(line: Line) -> str:
    if line.kind:
        return line.kind
    if line.cells is not None:
        return "table"
    return "list_item" if BULLET.match(line.text) or NUMBERED.match(line.text) else "paragraph"


def _flow_right(lines: list[Line]) -> dict[int, float]:
    """Right edge of each column's text on a page."""
    right: dict[int, float] = {}
    for line in lines:
        if not line.kind and line.cells is None:
            right[line.column] = max(right.get(line.column, 0.0), line.x1)
    return right


class _Builder:
    """Accumulates blocks; keeps the open paragraph so it can run on past notes and breaks."""

    def __init__(self, step: float, body: float) -> None:
        self.step = step
        self.body = body
        self.blocks: list[Block] = []
        self.current: _Open | None = None  # block of any kind that the next line may continue
        self.prose: _Open | None = None  # paragraph or list item that may run on across a break

    def start(self, line: Line, kind: str) -> None:
        text = BULLET.sub("", line.text) if kind == "list_item" else line.text
        block = Block(
            page=line.page, kind=kind, text=text, font_size=line.size, bold=line.bold, level=line.level
        )
        self.blocks.append(block)
        self.current = _Open(block, line, line.x0)
        if kind in ("paragraph", "list_item"):
            self.prose = self.current
        elif kind not in ("footnote", "caption"):
            self.prose = None

    def extend(self, opened: _Open, line: Line) -> None:
        opened.block.text = join_lines(opened.block.text, line.text)
        opened.last = line
        self.current = opened

    def same_flow(self, opened: _Open, line: Line, kind: str, right: dict[int, float]) -> bool:
        """True when `line` continues `opened` within one column of one page."""
        last = opened.last
        if last.page != line.page or last.column != line.column or abs(last.size - line.size) > 0.5:
            return False
        if line.top - last.top > PARAGRAPH_STEP * self.step * max(line.size / self.body, 1.0):
            return False
        if kind == "footnote":
            return not NOTE_START.match(line.text) or line.x0 > opened.indent + 1
        if kind == "list_item":
            return False  # a marker always starts a new item
        if opened.block.kind == "list_item":
            return line.x0 > opened.indent + 2
        width = right.get(line.column, last.x1) - opened.indent
        ended = last.text.endswith(SENTENCE_END) and last.x1 - opened.indent < SHORT_LINE * width
        return not ended

    def runs_on(self, line: Line, kind: str) -> bool:
        """True when the open paragraph continues after a column or page break."""
        prose = self.prose
        if prose is None or kind != "paragraph" or abs(prose.last.size - line.size) > 0.5:
            return False
        if (prose.last.page, prose.last.column) == (line.page, line.column):
            return False
        return not prose.block.text.endswith(SENTENCE_END) or prose.block.text.endswith(HYPHENS)

    def add(self, line: Line, right: dict[int, float]) -> None:
        kind = _kind(line)
        current = self.current
        if kind in ("heading", "table", "toc"):
            self.start(line, kind)
            self.current = None
            return
        continues = current is not None and current.block.kind in (
            kind,
            "list_item" if kind == "paragraph" else kind,
        )
        if continues and self.same_flow(current, line, kind, right):
            self.extend(current, line)
            return
        if self.runs_on(line, kind):
            self.extend(self.prose, line)
            return
        self.start(line, kind)


def build_blocks(pages: list[list[Line]], body: float) -> list[Block]:
    """Blocks in reading order from marked lines (furniture and merged heading lines dropped)."""
    builder = _Builder(typical_step(pages, body), body)
    for lines in pages:
        right = _flow_right(lines)
        for line in lines:
            if line.kind not in SKIPPED and line.text:
                builder.add(line, right)
    return builder.blocks
