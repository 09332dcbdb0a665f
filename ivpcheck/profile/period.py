"""The plan's own period (start and end year) and the date the council adopted it."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ivpcheck.model.document import Document
from ivpcheck.profile.text import cover_text
from ivpcheck.text.cues import Cues
from ivpcheck.text.nlp import sentences
from ivpcheck.text.vocab import Vocabularies

YEAR = r"(20\d\d|19\d\d)"
RANGE = re.compile(
    rf"(?<![\d.,]){YEAR}\s*(?:(?:[-–—/]\s*(?:'|’)?(?P<short>\d\d)(?![\d.,]\d))|"
    rf"(?:[-–—/]|t/m|t\.m\.|tm|tot\s+en\s+met|tot|en)\s*(?P<long>20\d\d)(?![\d.,]\d))",
    re.IGNORECASE,
)
SINGLE_YEAR = re.compile(rf"(?<![\d.,]){YEAR}(?![\d.,]\d)")
MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
DATE = re.compile(
    r"(?P<d>\d{1,2})(?:e)?\s+(?P<m>"
    + "|".join(MONTHS)
    + r")\s+(?P<y>20\d\d)|(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>20\d\d)",
    re.IGNORECASE,
)
DATE_LINE = re.compile(
    r"^\s*(?:\d{1,2}\s+)?(?:" + "|".join(MONTHS) + r")\s+20\d\d\s*$|^\s*\d{1,2}[-/.]\d{1,2}[-/.]20\d\d\s*$",
    re.IGNORECASE,
)


class PeriodCues:
    """The period and adoption cue words of the rule pack (rules/cues/period.yaml) in their patterns."""

    def __init__(self, cues: Cues) -> None:
        self.period = cues.pattern(r"{period}")
        self.other = cues.pattern(r"{other}")
        self.adoption = cues.pattern(r"{adoption}")
        self.adopted_firmly = cues.pattern(r"{adopted_firmly}")
        self.formal = cues.pattern(r"{formal}")
        self.council = cues.pattern(r"{council}")
        self.college = cues.pattern(r"{college}")
        self.self_reference = cues.pattern(r"\b(?:dit|deze)\s+(?:\w+\s+){{0,2}}{self_nouns}\b")
        self.not_adopted = cues.pattern(r"{not_adopted}")
        self.documents = {kind: cues.pattern(rf"{{doc_{kind}}}") for kind in DOCUMENT_KINDS}


DOCUMENT_KINDS = ("ivp", "uitvoeringsplan", "raadsvoorstel", "evaluatie")


@lru_cache(maxsize=8)
def period_cues(vocab: Vocabularies) -> PeriodCues:
    """The period cues of a loaded rule pack (cached per pack)."""
    return PeriodCues(vocab.cues("period"))


@dataclass(frozen=True)
class Period:
    """A period found in the text, with its score."""

    start: int
    end: int
    score: float


def year_ranges(text: str) -> list[tuple[int, int, int]]:
    """(start, end, offset) of each plausible year range in the text."""
    found = []
    for match in RANGE.finditer(text):
        start = int(match.group(1))
        long_end, short_end = match.group("long"), match.group("short")
        end = int(long_end) if long_end else (start // 100) * 100 + int(short_end)
        if 1 <= end - start <= 8:
            found.append((start, end, match.start()))
    return found


def find_period(
    doc: Document, cues: PeriodCues, title_year_first: bool = False
) -> tuple[int | None, int | None]:
    """The plan's own period: title and cover weigh most, then period cues; previous plans weigh less.

    With `title_year_first` (reports, UVPs: documents about one year) a single year in the title
    without a range ("Veiligheidsrapportage 2023") is the period.
    """
    scores: dict[tuple[int, int], float] = defaultdict(float)
    cover = cover_text(doc)
    title_lines = "\n".join(line for line in cover.split("\n") if not DATE_LINE.match(line))
    title_years = {int(y) for y in SINGLE_YEAR.findall(title_lines)}
    if title_year_first and len(title_years) == 1 and not year_ranges(title_lines):
        year = title_years.pop()
        return year, year
    for start, end, _ in year_ranges(cover):
        scores[(start, end)] += 10
    for heading in doc.headings[:40]:
        for start, end, _ in year_ranges(heading.text):
            scores[(start, end)] += _context_weight(cues, heading.text, 3.0, heading.text)
    for block in doc.body_blocks():
        if block.kind == "heading":
            continue
        for sentence in (s.text for s in sentences(block.text)):
            for start, end, offset in year_ranges(sentence):
                scores[(start, end)] += _context_weight(cues, sentence[:offset], 1.0, sentence)
    if scores:
        (start, end), score = max(scores.items(), key=lambda item: (item[1], item[0][1] - item[0][0]))
        if score > 0:
            return start, end
    return None, None


def _context_weight(cues: PeriodCues, before: str, base: float, sentence: str) -> float:
    """How much a range counts, from the words around it."""
    weight = base
    if cues.period.search(sentence):
        weight += 2.0
    if cues.other.search(before[-60:]):
        return 0.0  # another plan's or the data's period
    return weight


def find_adoption(
    doc: Document,
    cues: PeriodCues,
    doc_type: str | None = None,
    period: tuple[int | None, int | None] = (None, None),
) -> str | None:
    """ISO date on which this document was adopted (by the council; by the college when that is all).

    Dates of other documents are skipped: a sentence naming another kind of document (the IVP in a
    UVP) without 'dit/deze', or a period other than this document's own.
    """
    best: tuple[float, str] | None = None
    for block in doc.blocks:
        if block.kind == "toc":
            continue
        for sentence in (s.text for s in sentences(block.text)):
            if not cues.adoption.search(sentence) or not (
                cues.council.search(sentence) or cues.college.search(sentence)
            ):
                continue
            if _about_other_document(cues, sentence, doc_type, period):
                continue
            for match in DATE.finditer(sentence):
                before = sentence[: match.start()]
                after = sentence[match.end() : match.end() + 40]
                if cues.not_adopted.search(before[-90:]) or cues.not_adopted.search(after):
                    continue
                iso = _iso(match)
                if iso is None:
                    continue
                score = 1.0 if cues.council.search(sentence) else 0.5
                score += 2.0 if cues.adopted_firmly.search(sentence) else 0.0
                score += 1.0 if cues.formal.search(sentence) else 0.0
                score += 1.0 if cues.self_reference.search(sentence) else 0.0
                if best is None or score > best[0]:
                    best = (score, iso)
    return best[1] if best else None


def _about_other_document(
    cues: PeriodCues, sentence: str, doc_type: str | None, period: tuple[int | None, int | None]
) -> bool:
    if cues.self_reference.search(sentence):
        return False
    if doc_type and any(
        kind != doc_type and pattern.search(sentence) for kind, pattern in cues.documents.items()
    ):
        return True
    own = period[0]
    return any(own and (start, end) != period for start, end, _ in year_ranges(sentence))


def _iso(match: re.Match[str]) -> str | None:
    if match.group("d"):
        day, month, year = int(match.group("d")), MONTHS[match.group("m").lower()], int(match.group("y"))
    else:
        day, month, year = int(match.group("d2")), int(match.group("m2")), int(match.group("y2"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
