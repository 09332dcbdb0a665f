"""Table-of-contents lines: recognise them and parse them into TocEntry objects.

Format-independent: `parse_toc_lines` takes plain strings (optionally with their indents), so
the PDF and DOCX readers share it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ivpcheck.model.document import TocEntry
from ivpcheck.read.assemble import split_heading_number
from ivpcheck.read.pdf_lines import Line

TOC_TITLES = frozenset({"inhoud", "inhoudsopgave", "inhoudsopgaaf", "inhoudstafel", "inhoudsoverzicht"})
INDENT_STEP = 4.0  # points: indents closer than this are one TOC level
LEADER_CHARS = ".·…_"
PAGELESS_LEADERS = 4  # a wrapped entry without its page number needs a real leader run
PAGE_PREFIXES = (" p.", " blz.")
LAST_CHARS = "-" + LEADER_CHARS  # besides a digit, what a TOC-like line can end with ("-25-", " p.", "....")
HOST_PAGE = re.compile(r"^\d{1,3}\s+")  # a document host's page number before a page's first line
DASHED_PAGE = re.compile(r"\s-(\d{1,3})-$")


def _parts(text: str) -> tuple[str, int | None, int] | None:
    """(title, page, leader characters) of a TOC-like line, or None.

    A TOC-like line is a title followed by dot leaders, a page number, or both:
    "1.2 Aanleiding ........ 5", "Bijlage 21", "2.1 Een lange titel . . . ." (wrapped entry).
    Parsed by hand, not by a regular expression: long leader runs make those backtrack. Most lines of a
    page end in a letter: they are turned down by their last character alone.
    """
    last = text.rstrip()[-1:]
    if not (last.isdecimal() or (last and last in LAST_CHARS)):
        return None
    text = DASHED_PAGE.sub(r" \1", " ".join(text.split()))  # "Veilig uitgaan -25-"
    end = len(text)
    while end and text[end - 1].isdecimal():
        end -= 1
    digits = text[end:]
    page = None
    rest = text
    if digits and len(digits) <= 3 and end > 1 and text[end - 1] in " " + LEADER_CHARS:
        page, rest = int(digits), text[:end].rstrip()  # "Aanleiding 5", "Aanleiding ....5"
    for prefix in PAGE_PREFIXES:
        rest = rest.removesuffix(prefix)
    title = rest.rstrip(" " + LEADER_CHARS)
    tail = rest[len(title) :]  # spaces and leader characters only
    leaders = len(tail) - tail.count(" ")
    if not title or (page is None and leaders < PAGELESS_LEADERS):
        return None  # "Veiligheidsplan 2015-2019 - Schouten..." is a truncated title, not a wrapped entry
    return title, page, leaders


def is_toc_title(text: str) -> bool:
    """True for a TOC page's own heading: "Inhoud", "Inhoudsopgave"... (also after a document host's page
    number: "2 Inhoud")."""
    return HOST_PAGE.sub("", text.strip()).rstrip(":").lower() in TOC_TITLES


def has_leader(text: str) -> bool:
    """True for a line with dot leaders: "1.2 Aanleiding ........ 5"."""
    parts = _parts(text)
    return parts is not None and parts[2] >= 2


def is_toc_line(text: str) -> bool:
    """True for a line that looks like a TOC entry: a title ending in a page number."""
    parts = _parts(text)
    return parts is not None and parts[1] is not None


def parse_toc_lines(lines: Sequence[str], indents: Sequence[float] | None = None) -> list[TocEntry]:
    """Parse TOC lines into entries; a line without a page number is joined to the next one.

    Levels come from the numbering depth ("2.1" -> 2); unnumbered entries take their level
    from their indent relative to the numbered ones when indents are given, else level 1.
    """
    pending: list[str] = []
    pending_indent: float | None = None
    parsed: list[tuple[str, int | None, float | None]] = []
    for index, line in enumerate(lines):
        text = " ".join(line.split())
        if not text or is_toc_title(text):
            continue
        indent = indents[index] if indents is not None else None
        if pending_indent is None:
            pending_indent = indent
        parts = _parts(text)
        if parts is None:
            pending.append(text)
            continue
        parsed.append((" ".join([*pending, parts[0]]), parts[1], pending_indent))
        pending, pending_indent = [], None
    return _with_levels(parsed)


def _with_levels(parsed: list[tuple[str, int | None, float | None]]) -> list[TocEntry]:
    """Entries with levels from numbering depth; unnumbered entries take the depth that numbered
    entries at the same indent have, else the rank of their indent (or level 1 without indents)."""
    ranks = _indent_ranks([indent for _, _, indent in parsed if indent is not None])
    depth_by_rank: dict[int, int] = {}
    entries: list[TocEntry] = []
    for title, page, indent in parsed:
        number, text = split_heading_number(title)
        depth = number.count(".") + 1 if number and number[0].isdigit() else None
        if depth is not None and indent is not None:
            depth_by_rank.setdefault(ranks[indent], depth)
        entries.append(TocEntry(title=text, number=number, page=page, level=depth or 1))
    for entry, (_title, _page, indent) in zip(entries, parsed, strict=True):
        if entry.number is None and indent is not None:
            entry.level = depth_by_rank.get(ranks[indent], ranks[indent] + 1)
    return entries


def _indent_ranks(indents: list[float]) -> dict[float, int]:
    """Cluster indents (values within INDENT_STEP of the previous one) and rank the clusters."""
    ranks: dict[float, int] = {}
    rank, previous = -1, None
    for indent in sorted(set(indents)):
        if previous is None or indent - previous > INDENT_STEP:
            rank += 1
        ranks[indent] = rank
        previous = indent
    return ranks


def _toc_like(line: Line) -> bool:
    return has_leader(line.text) or is_toc_line(line.text)


def mark_toc(pages: list[list[Line]]) -> list[TocEntry]:
    """Mark the plan's table of contents (kind "toc") and parse it into entries.

    A TOC page is headed "Inhoud"/"Inhoudsopgave" or is mostly dot-leader lines; the page after a
    TOC page continues it when it starts with a leader line.
    """
    toc_lines: list[Line] = []
    previous_was_toc = False
    for lines in pages:
        free = [line for line in lines if not line.kind]
        titled = any(is_toc_title(line.text) for line in free[:5])
        leaders = sum(has_leader(line.text) for line in free)
        continued = previous_was_toc and bool(free) and has_leader(free[0].text)
        if not (titled or continued or (leaders >= 5 and leaders >= 0.5 * len(free))):
            previous_was_toc = False
            continue
        started = not titled
        misses = 0
        for line in free:
            if not started:
                started = is_toc_title(line.text)
                if started:
                    line.kind = "toc"
                continue
            misses = 0 if _toc_like(line) else misses + 1
            if misses >= 3:
                break
            line.kind = "toc"
            toc_lines.append(line)
        previous_was_toc = True
    while toc_lines and not _toc_like(toc_lines[-1]):
        toc_lines.pop().kind = ""  # trailing lines after the last entry belong to the body
    left: dict[int, float] = {}
    for line in toc_lines:
        left[line.column] = min(left.get(line.column, line.x0), line.x0)
    indents = [line.x0 - left[line.column] for line in toc_lines]
    return parse_toc_lines([line.text for line in toc_lines], indents)
