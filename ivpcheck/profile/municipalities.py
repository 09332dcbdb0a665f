"""Which municipalities a plan covers: the CBS list (ivpcheck/data/municipalities.csv) and detection.

Title, cover and 'gemeente X' contexts weigh most; passing mentions of neighbours weigh little, so
a neighbour named once or twice does not make a plan joint.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ivpcheck.model.document import Document
from ivpcheck.model.report import Municipality
from ivpcheck.profile.text import meta_title, normalise
from ivpcheck.text.terms import TermMatcher

if TYPE_CHECKING:  # the opening reader itself looks municipalities up
    from ivpcheck.profile.opening import Opening

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_FILE = DATA_DIR / "municipalities.csv"  # today's municipalities (CBS), with G4/G40/P10 flags
FORMER_FILE = DATA_DIR / "former_municipalities.csv"  # merged or renamed since 2000, with successors
NAMES_FILE = DATA_DIR / "municipality_names.csv"  # official and common name variants

NOT_THE_MUNICIPALITY = re.compile(
    r"(?:provincie|regio|veiligheidsregio|eenheid|politie-?eenheid|district|arrondissement|RIEC|basisteam|"
    r"GGD|veiligheidshuis|Veilig\s+Thuis|universiteit|hogeschool|station|FC|Radio|RTV|omroep|parket|rechtbank|"
    r"Midden-|West-|Oost-|Noord-|Zuid-)\s*$",
    re.IGNORECASE,
)
GEMEENTE_CONTEXT = re.compile(
    r"(?:\w*gemeenten?\s*:?|(?:gemeente)?ra(?:ad|den)\s+van(?:\s+de\s+gemeenten?)?|colleges?\s+van|"
    r"burgemeesters?\s+van|inwoners\s+van|begroting\s+van|stad|dorp)\s*(?:[\w'’\-]+(?:\s+[\w'’\-]+){0,3}\s*,\s*|[\w'’\-]+(?:\s+[\w'’\-]+){0,3}\s+en\s+)*$",
    re.IGNORECASE,
)
SIGNATURE_KINDS = {"cover", "colophon"}


@dataclass(frozen=True)
class MunicipalityRecord:
    """One municipality: a row of the list of today's municipalities, or of the former ones."""

    code: str
    name: str
    alt_names: tuple[str, ...]
    province: str
    networks: tuple[str, ...]
    note: str = ""
    end_date: str | None = None  # a former municipality: the day it ceased to exist
    successor: MunicipalityRecord | None = None  # ... and today's municipality it went into

    def to_model(self, name_in_plan: str | None = None, found_in: str | None = None) -> Municipality:
        written = name_in_plan if name_in_plan and name_in_plan != self.name else None
        return Municipality(
            code=self.code,
            name=self.name,
            province=self.province,
            networks=list(self.networks),
            name_in_plan=written,
            current_code=self.successor.code if self.successor else None,
            current_name=self.successor.name if self.successor else None,
            found_in=found_in,
        )


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of one of the shipped CSV files (comment lines starting with '#' skipped)."""
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@lru_cache(maxsize=2)
def load_municipalities(path: Path = DATA_FILE) -> tuple[MunicipalityRecord, ...]:
    """Today's municipalities (data/municipalities.csv), with the name variants of
    data/municipality_names.csv ('Den Haag', 'Nuenen c.a.') as alternative names."""
    variants: dict[str, list[str]] = defaultdict(list)
    for row in _rows(NAMES_FILE):
        if "ambiguous" not in (row.get("note") or ""):
            variants[normalise(row["name"])].append(row["variant"])
    records = []
    for row in _rows(path):
        networks = tuple(net for net in ("G4", "G40", "P10") if row.get(net.lower()) == "1")
        alts = [a for a in (row.get("alt_names") or "").split("|") if a]
        alts += [v for v in variants.get(normalise(row["name"]), []) if v != row["name"]]
        records.append(
            MunicipalityRecord(
                row["code"],
                row["name"],
                tuple(dict.fromkeys(alts)),
                row["province"],
                networks,
                row.get("note") or "",
            )
        )
    return tuple(records)


@lru_cache(maxsize=1)
def load_former() -> tuple[MunicipalityRecord, ...]:
    """Municipalities that merged or were renamed since 2000 (data/former_municipalities.csv), each
    with today's successor (and its province and networks)."""
    today = {r.code: r for r in load_municipalities()}
    records = []
    for row in _rows(FORMER_FILE):
        successor = today.get(row["successor_code"])
        if successor is None or row["name"] in {r.name for r in today.values()}:
            continue  # a renamed municipality whose old name is another's today stays today's
        records.append(
            MunicipalityRecord(
                row["code"], row["name"], (), successor.province, successor.networks,
                row.get("note") or "", end_date=row["end_date"], successor=successor,
            )
        )  # fmt: skip
    return tuple(records)


def name_terms() -> dict[str, MunicipalityRecord]:
    """Every name and alternative name of today's and former municipalities, with its record
    (today's municipality wins a name both use)."""
    by_term: dict[str, MunicipalityRecord] = {}
    for record in (*load_municipalities(), *load_former()):
        for name in (record.name, *record.alt_names):
            by_term.setdefault(name, record)
    return by_term


@lru_cache(maxsize=1)
def _name_index() -> tuple[TermMatcher, dict[str, MunicipalityRecord]]:
    by_term = name_terms()
    return TermMatcher(by_term), by_term


@lru_cache(maxsize=1)
def _by_normalised_name() -> dict[str, MunicipalityRecord]:
    """Every name in its normalised form, today's municipality before a former one."""
    return {normalise(name): record for name, record in reversed(name_terms().items())}


def lookup(name: str) -> MunicipalityRecord | None:
    """The municipality (today's, else a former one) with this official or alternative name
    (case- and accent-insensitive)."""
    return _by_normalised_name().get(normalise(name))


def _weight(text: str, start: int, kind: str, is_heading: bool, on_front: bool) -> float:
    before = text[max(0, start - 60) : start]
    if NOT_THE_MUNICIPALITY.search(before):
        return 0.0
    if kind in SIGNATURE_KINDS or on_front:
        return 6.0
    if is_heading:
        return 3.0 if len(text) < 40 else 1.5
    if GEMEENTE_CONTEXT.search(before):
        return 3.0
    return 0.5


ONLY_NAME_MENTIONS = 2  # the only municipality a text names, this often, is the plan's own
NEIGHBOURS = re.compile(r"grens|buur|naburig|omliggend|samen\s+met|net\s+als|ander\w*\s+gemeenten", re.I)
SEPARATOR = r"\s*(?:,|en|&|,\s*en|·|•|\||/|[-–—])\s*"


def _paired(text: str, matcher: TermMatcher, by_term: dict[str, MunicipalityRecord]) -> set[str]:
    """Municipalities written directly together: "Hollands Kroon en Schagen", "Bladel, Eersel",
    "Brunssum · Kerkrade · Landgraaf", "De Wolden - Meppel - Westerveld"."""
    hits = [h for h in matcher.finditer(text) if h.text[:1].isupper() or h.text[:1] in "'’"]
    paired: set[str] = set()
    for left, right in zip(hits, hits[1:], strict=False):
        between = text[left.end : right.start]
        codes = by_term[left.term].code, by_term[right.term].code
        if codes[0] != codes[1] and re.fullmatch(SEPARATOR, between):
            paired.update(codes)
    return paired


def _member_lists(lines: list[str], matcher: TermMatcher, by_term: dict[str, MunicipalityRecord]) -> set[str]:
    """Codes of municipalities listed as members: a line of names only ("Brunssum · Kerkrade ·
    Landgraaf", "Gemeente Bergeijk"), two or more such lines or table rows in a row, or a sentence
    listing 'gemeenten' ("de vijf Heuvellandgemeenten: A, B en C")."""
    members: set[str] = set()
    run: list[str] = []
    for line in [*lines, ""]:
        first_cell = line.split("|")[0] if "|" in line and not re.match(r"^\s*\|", line) else line
        names = [
            h
            for h in matcher.finditer(first_cell)
            if (h.text[:1].isupper() or h.text[:1] in "'’") and normalise(h.text) == normalise(h.term)
        ]
        rest = first_cell
        for hit in reversed(names):
            rest = rest[: hit.start] + rest[hit.end :]
        rest = re.sub(r"(?i)\b(?:de\s+)?gemeenten?\b|[\W\d_]", " ", rest).split()
        codes = [by_term[h.term].code for h in names]
        if codes and len(rest) <= 1:
            if len(set(codes)) >= 2:
                members.update(codes)  # one line of names
            run.extend(codes)
            continue
        if len(set(run)) >= 2:
            members.update(run)  # names one per line (a list, table rows or 'Gemeente X' lines)
        run = []
        members.update(_listed_after_gemeenten(line, names, by_term))
    return members


def _listed_after_gemeenten(line: str, names: list, by_term: dict[str, MunicipalityRecord]) -> set[str]:
    """A run of names right after '...gemeenten' ("de vijf Heuvellandgemeenten: A, B en C"), unless the
    sentence speaks of neighbours ("grenst aan de gemeenten A en B")."""
    for index, first in enumerate(names):
        before = line[max(0, first.start - 60) : first.start]
        if not re.search(r"gemeenten\s*:?\s*$", before, re.I) or NEIGHBOURS.search(before):
            continue
        run = [first]
        for hit in names[index + 1 :]:
            if not re.fullmatch(SEPARATOR, line[run[-1].end : hit.start]):
                break
            run.append(hit)
        codes = {by_term[h.term].code for h in run}
        if len(codes) >= 2:
            return codes
    return set()


def _short_name(written: str, record: MunicipalityRecord) -> bool:
    """A clipped form of a longer official name ('Valkenburg' for 'Valkenburg aan de Geul')."""
    official, short = normalise(record.name), normalise(written)
    return short != official and official.startswith(short + " ")


def _plan_year(doc: Document, opening: Opening | None, period_start: int | None) -> int | None:
    """The year the plan speaks from: its period's start, else the first year in its title."""
    if period_start:
        return period_start
    title = " ".join(opening.title_lines) if opening else (meta_title(doc) or "")
    match = re.search(r"\b(19[89]\d|20\d\d)\b", title)
    return int(match.group(1)) if match else None


def detect_municipalities(
    doc: Document, opening: Opening | None = None, period_start: int | None = None
) -> list[Municipality]:
    """The municipalities the document covers, in document order (the cover's order for joint plans).

    A municipality counts when it scores enough AND has structural evidence: it is in the title, on
    the cover or the issuing organisation's line (front), it is listed with others in the opening
    ("Brunssum · Kerkrade · Landgraaf", "de gemeenten A, B en C") or repeatedly, or it is named as
    "gemeente X" at least three times. Passing mentions of neighbours have none of these. A former
    municipality counts only for a plan from before its merger; it is reported with its successor.
    """
    matcher, by_term = _name_index()
    year = _plan_year(doc, opening, period_start)
    strong: dict[str, float] = defaultdict(float)
    weak: dict[str, float] = defaultdict(float)
    evidence: dict[str, set[str]] = defaultdict(set)
    context_count: dict[str, int] = defaultdict(int)
    pair_count: dict[str, int] = defaultdict(int)
    first_seen: dict[str, int] = {}
    mentions: dict[str, int] = defaultdict(int)
    written: dict[str, str] = {}
    found_in: dict[str, str] = {}
    front_page = min((b.page for b in doc.blocks), default=1)
    texts = [
        (b.text, b.kind, b.kind == "heading", b.page == front_page and b.kind in ("heading", "cover"))
        for b in doc.blocks
        if b.kind != "toc"
    ]
    if meta_title(doc):
        texts.insert(0, (meta_title(doc), "cover", False, True))
    if opening:  # the title block and the issuing organisation: the plan's own name for itself
        texts[:0] = [(line, "cover", False, True) for line in [*opening.title_lines, *opening.organisation]]
    records = {r.code: r for r in (*load_municipalities(), *load_former())}
    position = 0
    for text, kind, is_heading, on_front in texts:
        in_block: list[tuple[str, float]] = []
        for hit in matcher.finditer(text):
            if not hit.text[:1].isupper() and hit.text[:1] not in "'’":
                continue  # "buren", "best", "houten" as ordinary words
            record = by_term[hit.term]
            if normalise(hit.text) != normalise(hit.term):
                continue  # names do not inflect: "Beste inwoner" is not Best
            if record.end_date and year and year >= int(record.end_date[:4]):
                continue  # a village or district that was a municipality before this plan's time
            code = record.code
            weight = _weight(text, hit.start, kind, is_heading, on_front)
            if _short_name(hit.text, record) and not re.search(r"gemeente\s*$", text[: hit.start], re.I):
                weight = min(weight, 0.5)  # 'Valkenburg' may be Katwijk's village, 'Bergen' is two places
            (strong if weight >= 1.5 else weak)[code] += weight
            if weight >= 6.0 or (is_heading and weight >= 3.0):
                evidence[code].add("front")
                found_in.setdefault(code, "titel")
            elif weight >= 3.0:
                context_count[code] += 1
            in_block.append((code, weight))
            mentions[code] += weight > 0
            first_seen.setdefault(code, position)
            written.setdefault(code, hit.text)
            position += 1
        listed = {code for code, weight in in_block if weight >= 3.0}
        if len(listed) >= 2 and re.search(r"gemeenten\b", text, re.I):
            for code in listed:
                evidence[code].add("list")
        for code in _paired(text, matcher, by_term):
            pair_count[code] += 1
    members = _member_lists(opening.lines[:60], matcher, by_term) & set(first_seen) if opening else set()
    for code in members:  # a list of members in the opening is enough: "Ermelo | Harderwijk | Putten"
        evidence[code].add("list")
        strong[code] += 4.5
        found_in.setdefault(code, "lijst")
    for code, count in context_count.items():
        if count >= 3:
            evidence[code].add("context")
    for code, count in pair_count.items():
        if count >= 3:  # "Hollands Kroon en Schagen" again and again: a joint plan
            evidence[code].add("list")
            found_in.setdefault(code, "lijst")
            strong[code] += 1.5 * count
    scores = {code: strong[code] + min(weak[code], 4.0) for code in set(strong) | set(weak)}
    if not scores:
        return []
    top = max(scores.values())
    threshold = max(4.5, 0.3 * top)
    chosen = [c for c, score in scores.items() if (score >= threshold or c in members) and evidence[c]]
    if not chosen:  # no structural evidence at all: the most named municipality, if named as such
        best = max(scores, key=lambda code: (scores[code], -first_seen[code]))
        named_as_such = strong[best] > 0 and scores[best] >= 3.0
        only_one = len(scores) == 1 and mentions[best] >= ONLY_NAME_MENTIONS  # no other place is named
        chosen = [best] if named_as_such or only_one else []
    chosen.sort(key=lambda code: (first_seen[code], code))
    return [records[code].to_model(written.get(code), found_in.get(code, "tekst")) for code in chosen]
