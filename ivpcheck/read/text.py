"""Plain text and Markdown reader -> Document.

Markdown: ATX (`# Kop`) and setext headings, `-`/`*`/`1.` list items, pipe tables, `[^n]:`
footnotes, fenced divs (`::: colophon`). Plain text without `#` headings: a numbered line such
as "2.1 Aanleiding" standing on its own is a heading (level = depth of the number). Form feeds
split pages; lines with dot leaders and a page number are the plan's table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ivpcheck.model.document import Block, BlockKind, Document, DocumentMeta, TocEntry
from ivpcheck.model.errors import NoTextError
from ivpcheck.read.assemble import assemble_document, split_heading_number
from ivpcheck.read.toc import has_leader, is_toc_line, is_toc_title, parse_toc_lines

ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
BULLET = re.compile(r"^\s*(?:[-*+•▪–]|\d{1,3}[.)]|[a-z][.)])\s+(\S.*)$")
# an item that is only its number or letter ("• 1." on a line of its own, its text on the next: how
# official publication pages render a numbered list as text)
MARKER_ONLY = re.compile(r"^(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]$")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
FENCE = re.compile(r"^:{3,}\s*\{?\s*\.?([\w-]*)[^}]*\}?\s*$")
TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
SECTION_NUMBER = r"\d{1,2}(?:\.\d{1,2})*\.?"  # "4", "4.1", "3.1.2."
ENTRY_NUMBER = re.compile(rf"^\s*{SECTION_NUMBER}\s*$")  # a section number on a line of its own
GAP_THEN_PAGE = re.compile(r"\S(?:\t|[ ]{3,})\d{1,4}$")  # "Inleiding      3" (leaders: toc.has_leader)
FENCE_KINDS: dict[str, BlockKind] = {
    "colophon": "colophon",
    "colofon": "colophon",
    "toc": "toc",
    "cover": "cover",
}
MAX_PLAIN_HEADING_WORDS = 14
MAX_PLAIN_HEADING_CHARS = 70  # a heading directly above text: shorter than a wrapped text line
SHORT_PLAIN_LINE = 50  # characters: a plain-text line this short is a paragraph's last line or a title


def strip_inline(text: str) -> str:
    """Markdown inline markup -> plain text (emphasis, code, links, images, footnote refs, tags)."""
    text = FOOTNOTE_REF.sub("", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    return " ".join(text.split())


def promote_title_heading(blocks: list[Block], title: str | None) -> list[Block]:
    """Make heading levels match the plan's outline.

    A single top-level heading that equals the document title becomes a cover block, and the
    highest remaining heading level becomes level 1.
    """
    headings = [b for b in blocks if b.kind == "heading"]
    tops = [b for b in headings if b.level == 1]
    lower = [b for b in headings if (b.level or 0) > 1]
    if len(tops) == 1 and lower and title and _same_title(tops[0].text, title):
        blocks = [
            b.model_copy(update={"kind": "cover", "level": None}) if b is tops[0] else b for b in blocks
        ]
    levels = [b.level for b in blocks if b.kind == "heading" and b.level]
    shift = min(levels) - 1 if levels else 0
    if not shift:
        return blocks
    return [
        b.model_copy(update={"level": b.level - shift}) if b.kind == "heading" and b.level else b
        for b in blocks
    ]


def _same_title(heading: str, title: str) -> bool:
    """The heading repeats the title (which may carry a site suffix such as ' | Gemeenteblad')."""
    a, b = " ".join(heading.split()).casefold(), " ".join(title.split()).casefold()
    return a == b or b.startswith(a + " ") or a in re.split(r"\s+[|\-–—:]\s+", b)


def mark_toc_titles(blocks: list[Block]) -> list[Block]:
    """A heading or line 'Inhoud(sopgave)' directly before TOC lines belongs to the TOC."""
    out = list(blocks)
    for index, block in enumerate(out[:-1]):
        if out[index + 1].kind == "toc" and block.kind != "toc" and is_toc_title(block.text):
            out[index] = block.model_copy(update={"kind": "toc", "level": None})
    return out


def mark_plain_toc(blocks: list[Block]) -> list[Block]:
    """A contents list typed as plain paragraphs ('Inhoud', then '1 Inleiding 3', '2.1 Aanleiding 4' ...):
    the paragraphs after the title that end in a page number are the table of contents."""
    out = list(blocks)
    for index, block in enumerate(out):
        if block.kind not in ("paragraph", "heading") or not is_toc_title(block.text):
            continue
        follow = index + 1
        while follow < len(out) and out[follow].kind in ("paragraph", "list_item"):
            if not TOC_ENTRY_LINE.match(" ".join(out[follow].text.split())):
                break
            follow += 1
        if follow - index - 1 >= 2:  # two or more entries: a contents list, not a stray line
            out[index:follow] = [
                b.model_copy(update={"kind": "toc", "level": None}) for b in out[index:follow]
            ]
    return out


def toc_from_lines(lines: list[str], levels: list[int | None] | None = None) -> list[TocEntry]:
    """TocEntry items from TOC lines (the 'Inhoud' title is skipped).

    Lines with page numbers go through the shared `parse_toc_lines`; a TOC without page numbers
    (HTML, a Word TOC without page fields) has one entry per line. A structural level (the
    'TOC n' style, the list nesting) wins over the level guessed from the numbering.
    """
    pairs = [
        (" ".join(line.split()), lvl) for line, lvl in zip(lines, levels or [None] * len(lines), strict=True)
    ]
    pairs = [(line, lvl) for line, lvl in pairs if line and not is_toc_title(line)]
    if not pairs:
        return []
    paged = sum(1 for line, _ in pairs if is_toc_line(line) or has_leader(line))
    if paged * 2 >= len(pairs):  # most lines end in a page number
        entries = parse_toc_lines([line for line, _ in pairs])
        if len(entries) != len(pairs):
            return entries
    else:
        entries = []
        for line, _ in pairs:
            number, title = split_heading_number(line)
            depth = number.count(".") + 1 if number and number[0].isdigit() else 1
            entries.append(TocEntry(title=title, number=number, level=depth))
    entries = [
        e.model_copy(update={"level": lvl}) if lvl else e for e, (_, lvl) in zip(entries, pairs, strict=True)
    ]
    return [_dashed_sub_entry(e) for e in entries]


def _dashed_sub_entry(entry: TocEntry) -> TocEntry:
    """'- Ondermijning 8' under 'Onze prioriteiten 8': a sub-entry, one level down, without its dash."""
    if entry.number is None and entry.title[:1] in "-–•·":
        return entry.model_copy(update={"title": entry.title[1:].strip(), "level": entry.level + 1})
    return entry


# ---------------------------------------------------------------------------------------------


@dataclass
class _Lines:
    """Line-by-line parser state."""

    markdown: bool
    blocks: list[Block] = field(default_factory=list)
    page: int = 1
    para: list[str] = field(default_factory=list)
    para_kind: BlockKind = "paragraph"
    fences: list[BlockKind | None] = field(default_factory=list)
    lead_in: bool = False  # plain text: the last paragraph ended with ':' and short lines follow as its list
    in_toc: bool = False  # plain text: the lines after 'Inhoud' that end in a page number are its entries
    # ... or are numbered without page numbers: the first such entry (the contents end at a blank line, a
    # sentence or that entry repeated as the body's first heading)
    pageless: str = ""

    @property
    def context(self) -> BlockKind | None:
        return next((k for k in reversed(self.fences) if k), None)

    def add(self, kind: BlockKind, text: str, level: int | None = None) -> None:
        text = strip_inline(text)
        if text:
            if self.context and kind != "heading":
                kind = self.context
            self.blocks.append(Block(page=self.page, kind=kind, text=text, level=level))

    def add_entry(self, line: str) -> None:
        """A contents entry; "3.1." on the line before it (a Word contents' tab stop) is its number."""
        number = self.para.pop() if self.para[-1:] and ENTRY_NUMBER.match(self.para[-1]) else ""
        self.flush()
        self.add("toc", " ".join(f"{number} {line}".split()))

    def flush(self) -> None:
        if self.para:
            last = self.para[-1]
            self.lead_in = (
                self.para_kind == "paragraph"
                and last.endswith(":")
                or (self.lead_in and self.para_kind == "list_item")
            )
            lines = self.para
            candidate = not self.markdown and self.para_kind == "paragraph"
            candidate = candidate and (len(lines) == 1 or len(lines[0]) <= MAX_PLAIN_HEADING_CHARS)
            if candidate and self._plain_heading(lines[0]):
                lines = lines[1:]  # "1 Inleiding" directly above its first paragraph
            if lines:
                self.add(self.para_kind, " ".join(line.strip() for line in lines))
        self.para, self.para_kind = [], "paragraph"

    def _plain_heading(self, line: str) -> bool:
        """'2.1 Aanleiding' alone on its line: a heading at the depth of its number."""
        number, text = split_heading_number(line)
        if not number or not re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,3}", number) or self.context:
            return False
        if not text[:1].isupper() or text.endswith((".", ";", ",", ":")) and not text.endswith("..."):
            return False
        if len(text.split()) > MAX_PLAIN_HEADING_WORDS:
            return False
        self.blocks.append(
            Block(page=self.page, kind="heading", text=" ".join(line.split()), level=number.count(".") + 1)
        )
        return True


def _table_row(state: _Lines, stripped: str, next_line: str) -> bool:
    """A pipe-table row: '| a | b |', or 'Nr. | Prioriteit | Toelichting' without outer pipes when the row
    above or below has as many cells (a table typed as text)."""
    cells = stripped.count("|")
    if stripped.startswith("|") and cells >= 2:
        return True
    if cells < 2 or state.para:
        return False
    after_table = bool(state.blocks) and state.blocks[-1].kind == "table"
    return after_table or next_line.strip().count("|") == cells


def _pageless_entry(state: _Lines, line: str) -> bool:
    """A contents entry without a page number: numbered ('4.1 Ondermijning'), or, once such entries run,
    any short title-like line ('Veiligheidsmonitor', 'Bijlage: politiecijfers') until the first entry comes
    again as the body's first heading."""
    if state.pageless:
        if line == state.pageless:
            return False
        return len(line.split()) <= PAGELESS_WORDS and not line.endswith(".") and not line.endswith(":")
    return bool(PAGELESS_ENTRY.match(line))


def _feed(state: _Lines, line: str, next_line: str) -> bool:
    """Handle one line; True when the next line was consumed too (setext underline)."""
    if not state.markdown:
        line = unspace_letters(line)
    stripped = line.strip()
    if not stripped and _awaits_text(state):
        return False  # "• 1." then a blank line: its text follows
    if not stripped:
        state.flush()
        if state.blocks and state.blocks[-1].kind == "list_item":
            state.lead_in = False  # a blank line after the items ends the list
        if state.pageless:
            state.in_toc, state.pageless = False, ""  # a contents without page numbers ends at its blank line
        return False
    if fence := FENCE.match(stripped):
        state.flush()
        name = fence.group(1).lower()
        if name:
            state.fences.append(FENCE_KINDS.get(name))
        elif state.fences:
            state.fences.pop()
        return False
    if state.markdown and (heading := ATX_HEADING.match(line)):
        state.flush()
        state.add("heading", heading.group(2), level=len(heading.group(1)))
        return False
    if (
        state.markdown
        and not state.para
        and (rule := SETEXT_RULE.match(next_line))
        and not BULLET.match(line)
        and not stripped.startswith("|")
    ):
        state.add("heading", stripped, level=1 if rule.group(1)[0] == "=" else 2)
        return True
    if note := FOOTNOTE_DEF.match(stripped):
        state.flush()
        state.para, state.para_kind = [f"{note.group(1)} {note.group(2)}"], "footnote"
        return False
    if _table_row(state, stripped, next_line):
        state.flush()
        if not TABLE_SEP.match(stripped):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", stripped.strip("|"))]
            state.add("table", " | ".join(strip_inline(c) for c in cells))
        return False
    if GAP_THEN_PAGE.search(stripped) or has_leader(stripped):
        state.add_entry(stripped)
        return False
    if not state.markdown and state.in_toc and ENTRY_NUMBER.match(stripped):
        state.flush()
        state.para = [stripped]  # the next entry's number, on a line of its own
        return False
    if not state.markdown and state.in_toc and TOC_ENTRY_LINE.match(stripped):
        state.add_entry(stripped)  # "1. Inleiding 3" under 'Inhoud': a contents line without dot leaders
        return False
    if not state.markdown and state.in_toc and _pageless_entry(state, stripped):
        state.add_entry(stripped)  # "4.1 Ondermijning" under 'Inhoud', no page numbers at all
        state.pageless = state.pageless or stripped
        return False
    state.in_toc = not state.markdown and is_toc_title(stripped)
    state.pageless = ""  # any other line ends the contents
    if not state.markdown and (entries := run_on_toc(stripped)):
        state.flush()  # a document host's contents on one line: "Inhoudsopgave 1 Inleiding 3 1.1 ..."
        for entry in entries:
            state.add("toc", entry)
        return False
    if not state.markdown and state.lead_in and _plain_item(stripped):
        state.flush()  # a short line after "De prioriteiten zijn:" is an item of that list
        bullet = BULLET.match(line)
        state.para, state.para_kind = [bullet.group(1) if bullet else stripped], "list_item"
        return False
    item = BULLET.match(line)
    if item and (state.markdown or not _standalone(line, next_line, state)):
        state.flush()
        state.para, state.para_kind = [item.group(1)], "list_item"
        return False
    if _awaits_text(state):
        state.para = [stripped]  # the item's text in place of its number, as a one-line "1. Text" reads
        return False
    if (
        state.para_kind == "footnote"
        and not line[:1].isspace()
        and state.para
        or not state.markdown
        and state.para
        and _ends_plain_paragraph(state.para[-1], stripped)
    ):
        state.flush()
    state.para.append(stripped)
    return False


def _awaits_text(state: _Lines) -> bool:
    """The paragraph so far is a list item's number or letter alone: the next text line is its text."""
    return state.para_kind == "list_item" and len(state.para) == 1 and bool(MARKER_ONLY.match(state.para[0]))


def _ends_plain_paragraph(line: str, next_line: str) -> bool:
    """In plain text without blank lines (copied web pages, text extracted from a PDF), a line that
    ends a sentence or falls well short of the text width ends its paragraph; so does a title-length
    line followed by a line that starts with a capital (a title, then its subtitle)."""
    if line.endswith((".", "!", "?", ":", ";", '"', "”")) or len(line) < SHORT_PLAIN_LINE:
        return True
    return len(line) <= MAX_PLAIN_HEADING_CHARS and next_line[:1].isupper() and not line.endswith((",", "-"))


def unspace_letters(line: str) -> str:
    """Undo letter-spacing and drop caps of document hosts: 'I N T E G R A A L   V E I L I G' ->
    'INTEGRAAL VEILIG', 'K ADERNOTA I NTEGRALE' -> 'KADERNOTA INTEGRALE'."""
    tokens = line.split()
    if len(tokens) >= 6 and sum(len(t) == 1 for t in tokens) >= 0.8 * len(tokens):
        return " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", line.strip()))
    if line.isupper():
        return re.sub(r"\b([A-Z]) (?=[A-Z]{2,}\b)", r"\1", line)
    return line


PAGELESS_WORDS = 14  # the longest unnumbered line read as an entry of a contents without page numbers
# "4.1 Ondermijning": a numbered contents entry without a page number (short, no sentence)
PAGELESS_ENTRY = re.compile(rf"^{SECTION_NUMBER}\s+[^\W\d_][^.!]{{0,70}}$")
TOC_ENTRY_LINE = re.compile(rf"^(?:{SECTION_NUMBER}\s+)?\S.{{0,90}}?\s-?\d{{1,3}}-?$")  # "... 19", "... -19-"
RUN_ON_TOC_ENTRY = re.compile(  # "1.1 Aanleiding 3", "5.1 Veilige wijken p. 12", "3.1 Veilig uitgaan -19-"
    r"((?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|Bijlage\s+\w+:?)\s+[^\d\s](?:[^\d]|\d+:){1,80}?)"
    r"\s+(?:(?:p|blz)\.\s*)?-?(\d{1,3})-?(?=\s|$)"
)
RUN_ON_COVERAGE = 0.9  # without an 'Inhoud' head, the entries must make up the whole line


def run_on_toc(line: str) -> list[str]:
    """The entries of a table of contents run together on one line ("Inhoudsopgave 1 Inleiding 3 1.1
    Aanleiding 3 2 Kaders 4", or a host's "5. Prioriteiten p. 12 5.1 Wijken p. 12 5.2 Jeugd p. 13"), each
    as "1.1 Aanleiding 3"; [] for any other line."""
    head = re.match(r"^(?:\d{1,3}\s+)?(inhoudsopgave|inhoud)\b\s*", line, re.I)
    start = head.end() if head else 0
    matches = list(RUN_ON_TOC_ENTRY.finditer(line, start))
    entries = [f"{m.group(1).strip()} {m.group(2)}" for m in matches]
    if head:
        return entries if len(entries) >= 3 else []
    covered = sum(m.end() - m.start() for m in matches)
    whole = len(entries) >= 2 and matches[0].start() == 0 and covered >= RUN_ON_COVERAGE * len(line.rstrip())
    return entries if whole else []


def _plain_item(line: str) -> bool:
    """A short line without sentence punctuation or heading number: an item of the list its lead-in
    announced."""
    if re.match(rf"{SECTION_NUMBER}\s", line):
        return False  # "1.4 Totstandkoming": a heading, the list has ended
    return len(line) <= MAX_PLAIN_HEADING_CHARS and not line.endswith((".", ":", "?", "!"))


def _standalone(line: str, next_line: str, state: _Lines) -> bool:
    """A numbered line with blank lines around it in plain text: a heading candidate, not a list item."""
    return not state.para and not next_line.strip() and bool(re.match(r"^\s*\d", line))


def _front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter between '---' lines (if any) and the rest of the text."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for index in range(1, min(len(lines), 200)):
        if lines[index].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:index]))
            except yaml.YAMLError:
                return {}, text
            return (meta if isinstance(meta, dict) else {}), "\n".join(lines[index + 1 :])
    return {}, text


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(path: Path, data: bytes, sha256: str) -> Document:
    """Read a plain-text or Markdown file into a Document."""
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    front, body = _front_matter(text)
    markdown = any(ATX_HEADING.match(line) for line in body.split("\n"))  # else: numbered lines
    state = _Lines(markdown=markdown)
    for page_number, page_text in enumerate(body.split("\f"), start=1):
        state.flush()
        state.page = page_number
        lines = page_text.split("\n")
        skip = False
        for index, line in enumerate(lines):
            if skip:
                skip = False
                continue
            skip = _feed(state, line, lines[index + 1] if index + 1 < len(lines) else "")
    state.flush()
    title = str(front.get("title") or "").strip() or None
    blocks = mark_toc_titles(state.blocks)  # in Markdown, a '#' line is the author's heading
    if not any(b.kind != "toc" for b in blocks):
        raise NoTextError(str(path))
    lang = front.get("lang") or front.get("language")
    meta = DocumentMeta(
        title=title or next((b.text for b in blocks if b.kind == "cover"), None),
        language=str(lang) if lang else None,
        has_outline=False,
        colophon_page=next((b.page for b in blocks if b.kind == "colophon"), None),
        reader="text",
    )
    return assemble_document(
        source=str(path),
        fmt="text",
        sha256=sha256,
        blocks=blocks,
        meta=meta,
        toc=toc_from_lines([b.text for b in blocks if b.kind == "toc"]),
        page_count=body.count("\f") + 1,
    )
