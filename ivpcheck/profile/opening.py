"""The document's opening as a reader sees it: its own title, the title block and the first lines.

The title is the document's own (its metadata title, cover, intitulé or first title-like line),
never page or site furniture (breadcrumbs, menus, 'Geldend van' lines, running headers, page
numbers), the issuing organisation's line, a reference to another document ('Raadsvoorstel nr.
2022/0914') or a table-of-contents line. Furniture and reference cues are data
(rules/cues/doctype.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ivpcheck.model.document import Document
from ivpcheck.profile.municipalities import lookup
from ivpcheck.profile.period import RANGE, SINGLE_YEAR
from ivpcheck.profile.text import meta_title
from ivpcheck.text.cues import Cues

OPENING_CHARS = 8000  # the gate reads this much of the text: length-neutral for openings and whole plans
TITLE_SCAN_BLOCKS = 14  # the title sits among the first blocks
MAX_TITLE_WORDS = 20
SNIPPET_JOIN = re.compile(r"(?:\.\.\.|…)(?=\s*\S)")  # '...' with more text after it
SNIPPET_END = re.compile(r"(?:\.\.\.|…)\s*$")  # '...' ending a host's cut-off title
PROSE_WORDS = 25  # a line this long that ends a sentence is the text itself
SENTENCE_TITLE_WORDS = 12  # the longest title typed with a full stop before the contents or foreword
# a sentence's end, not a host's truncation ("Veiligheidsplan - Schouten...")
SENTENCE_END = re.compile(r"(?<!\.\.)[.?]['\"”’)]?$")
# a slogan's '!' ends a title ("Samen werken aan een veilig Woerden!"); two sentences never make one
# ("Ziet u een fout in deze regeling? Meld het ons ...!")
SENTENCES = re.compile(r"[.?!]\s+[A-ZÀ-Ý].*!$")
# a form's fields ("Actualisatie periode: Eenmalig; Werkgroep periode: ..."): two labels on one line
FIELD_LABEL = re.compile(r"[^\W\d_]{3,}:\s")
BLOCK_END = re.compile(  # the contents, a foreword or a chapter (not "1 Title": a page number before a title)
    r"^\s*(?:(?:\d{1,2}\.?\s+)?(?:inhoud|inhoudsopgave|voorwoord|inleiding|samenvatting|leeswijzer|aanleiding)\b"
    r"|(?:[2-9]|1\d)\.?\s+(?-i:[A-Z])|\d{1,2}\.\d{1,2}\.?\s+\S)",
    re.I,
)


@dataclass
class Opening:
    """What the document-type gate and the profile read of a document's start."""

    title: str = ""
    title_source: str = ""
    block: list[str] = field(default_factory=list)  # the other title lines (subtitle, region, year)
    organisation: list[str] = field(default_factory=list)  # lines naming the issuer ("Gemeente Dongen")
    references: list[str] = field(default_factory=list)  # cover lines about other documents
    lines: list[str] = field(default_factory=list)  # the opening's lines, furniture removed
    head: list[str] = field(default_factory=list)  # every line before the contents or the text begins
    words: int = 0  # words of every line read, furniture and contents included (none after a host's list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def title_lines(self) -> list[str]:
        return [self.title, *self.block] if self.title else list(self.block)


class OpeningReader:
    """Finds the opening of a document with the rule pack's furniture and reference cues."""

    def __init__(self, cues: Cues) -> None:
        self.furniture = cues.pattern(r"{furniture}")
        self.furniture_heading = cues.pattern(r"{furniture_heading}")
        self.related = cues.pattern(r"{related_list}")
        self.organisation = cues.pattern(r"{organisation_line}", flags=0)
        self.reference = cues.pattern(r"{reference_line}")
        self.date_line = cues.pattern(r"{news_date_line}")

    def is_furniture(self, line: str) -> bool:
        """Page or site furniture: never a title, never evidence. A heading that a host ran on with the
        text ('Colofon Het Integraal Veiligheidsplan De Kempen ...') is text."""
        heading = len(line.split()) < PROSE_WORDS and self.furniture_heading.search(line)
        return bool(self.furniture.search(line) or heading) or not re.search(r"[^\W\d_]{2}", line)

    def read(self, doc: Document) -> Opening:
        """The opening of a document."""
        opening = Opening()
        candidates: list[tuple[str, str]] = []  # (line, source)
        if title := meta_title(doc):
            own, site = _split_site_name(title)
            candidates.append((own, "metadata"))
            opening.organisation += site  # "... - Het CCV": who publishes the page (and the plan it is of)
        size = 0
        index = -1  # blocks with text of their own: a host's furniture blocks do not count
        for block in doc.blocks:
            if block.kind == "toc":
                opening.words += len(block.text.split())
                continue
            texts, ended = self._before_related(block.text)
            opening.words += sum(len(text.split()) for text in texts)
            if _period_of(texts, candidates):  # "Programma Veiligheid" / "2007-2010": a name and its period
                _join_period(opening, candidates, texts[0].strip())
                continue
            lines = [(line, self.is_furniture(line)) for line in texts if line]
            lines = [(line, furniture) for line, furniture in lines if not furniture or BLOCK_END.match(line)]
            index += bool(lines)
            if index < TITLE_SCAN_BLOCKS and not any(source == "einde" for _, source in candidates):
                opening.head += [line for line in texts if line]
            for line, furniture in lines:
                if size < OPENING_CHARS and not furniture:
                    opening.lines.append(line)
                    size += len(line) + 1
                if index < TITLE_SCAN_BLOCKS and BLOCK_END.match(line):
                    candidates.append((line, "einde"))  # contents, foreword, a chapter: title block over
                elif index < TITLE_SCAN_BLOCKS:
                    source = {"cover": "omslag", "heading": "kop"}.get(block.kind, "eerste regels")
                    candidates.append((line, source))
            if ended or (size >= OPENING_CHARS and index >= TITLE_SCAN_BLOCKS):
                break
        self._title_block(opening, candidates, has_cover=any(b.kind == "cover" for b in doc.blocks))
        return opening

    def _before_related(self, text: str) -> tuple[list[str], bool]:
        """A block's lines up to a host's list of other documents, and whether that list began."""
        lines = []
        for line in (" ".join(line.split()) for line in text.split("\n")):
            if related := self.related.search(line):
                lines.append(line[: related.start()].strip())
                return [line for line in lines if line], True
            lines.append(line)
        return [line for line in lines if line], False

    def _title_block(self, opening: Opening, candidates: list[tuple[str, str]], has_cover: bool) -> None:
        """The first title-like line is the title; title-like lines right after it form the block."""
        for index, (line, source) in enumerate(candidates):
            if source == "einde":
                if opening.title:
                    break
                continue
            if has_cover and source == "eerste regels" and opening.title:
                break  # a cover holds the whole title block
            if (self.organisation.match(line) and len(line.split()) <= 8) or _municipality_only(line):
                opening.organisation.append(line)
                continue
            if line.count("|") >= 2 or len(FIELD_LABEL.findall(line)) >= 2:
                continue  # a table row or a form's fields (a publication's metadata), never a title
            short = len(line.split()) <= MAX_TITLE_WORDS
            if short and (self.reference.search(line) or self.date_line.search(line)):
                opening.references.append(line)
                continue
            title_like = short and not SENTENCE_END.search(line) and not SENTENCES.search(line)
            first = all(earlier == "metadata" for _, earlier in candidates[:index])  # the text's first line
            if short and first and _stands_alone(line, candidates[index + 1 : index + 2]):
                # "Beleidsplan Veiligheid X 2010 t/m 2014." above "VOORWOORD"
                line, title_like = line[:-1].rstrip(), True
            if not title_like:
                if opening.title or len(line.split()) >= PROSE_WORDS:
                    break  # the text has begun: a heading further on is not the document's title
                continue
            if not opening.title:
                opening.title, opening.title_source = _first_snippet(line), source
            elif line != opening.title and len(opening.block) < 3 and source != "metadata":
                opening.block.append(line)


def _stands_alone(line: str, following: list[tuple[str, str]]) -> bool:
    """A short line ending in one full stop right before the contents, a foreword or a chapter: a title
    typed as a sentence, not the text's first sentence (that runs on into more text)."""
    one_stop = line.endswith(".") and not line.endswith("..")
    before_end = bool(following) and following[0][1] == "einde"
    return one_stop and before_end and len(line.split()) <= SENTENCE_TITLE_WORDS


def _period_of(texts: list[str], candidates: list[tuple[str, str]]) -> bool:
    """A block that is only a period, right after a short title-like line: the period of that name (a cover's
    "Programma Veiligheid" / "2007-2010"), which alone would be furniture (it has no words)."""
    if len(texts) != 1 or not RANGE.fullmatch(texts[0].strip()) or not candidates:
        return False
    line, source = candidates[-1]
    return source != "einde" and len(line.split()) <= MAX_TITLE_WORDS - 2 and not RANGE.search(line)


def _join_period(opening: Opening, candidates: list[tuple[str, str]], period: str) -> None:
    """The period joined to the title-like line before it, wherever that line was read."""
    line, source = candidates[-1]
    candidates[-1] = (f"{line} {period}", source)
    for read in (opening.lines, opening.head):
        if read[-1:] == [line]:
            read[-1] = candidates[-1][0]


def _first_snippet(line: str) -> str:
    """A host's title joins snippets of several documents with '...': 'molenwaard veilig 2015-2018 - het
    ccv...veiligheidsrapportage politie 2014...' is the first one's; a title cut off with '...' after a
    ' · ' is the document's title and a snippet of its text ('Kadernota Integraal Veiligheidsbeleid |
    2013-2016 · werkveld en neemt deze ...')."""
    first = SNIPPET_JOIN.split(line, maxsplit=1)[0].strip() or line
    if SNIPPET_END.search(first) and " · " in first:
        first = first.split(" · ", 1)[0].strip()
    return first


def _municipality_only(line: str) -> bool:
    """A line that is just a municipality's name ('Westland' above a publication's title): the issuer."""
    return len(line.split()) <= 4 and lookup(line) is not None


def _split_site_name(title: str) -> tuple[str, list[str]]:
    """A web page's own title and the names after it: the site, and a plan with its period in between.
    "5. Overige thema's - Integraal Veiligheidsplan 2024-2027 | Gemeente Velsen" -> ("5. Overige thema's",
    ['Integraal Veiligheidsplan 2024-2027', 'Gemeente Velsen']); 'Prioriteiten en doelen - Integraal
    veiligheidsbeleid - Het CCV' -> ('Prioriteiten en doelen', ['Het CCV']): a topic, not a plan."""
    parts = [part.strip() for part in re.split(r"\s+[|–—]\s+|\s+-\s+(?=\D)", title) if part.strip()]
    if len(parts) > 1 and len(parts[-1].split()) <= 6:
        return parts[0], [part for part in parts[1:-1] if SINGLE_YEAR.search(part)] + [parts[-1]]
    return title.strip(), []
