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

from ivpcheck.model.document import Document
from ivpcheck.model.report import Municipality
from ivpcheck.profile.text import meta_title, normalise
from ivpcheck.text.terms import TermMatcher

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"

NOT_THE_MUNICIPALITY = re.compile(
    r"(?:provincie|regio|veiligheidsregio|eenheid|politie-?eenheid|district|arrondissement|RIEC|basisteam|"
    r"GGD|veiligheidshuis|Veilig\s+Thuis|universiteit|hogeschool|station|FC|Radio|RTV|omroep|parket|rechtbank|"
    r"Midden-|West-|Oost-|Noord-|Zuid-)\s*$",
    re.IGNORECASE,
)
GEMEENTE_CONTEXT = re.compile(
    r"(?:gemeenten?|(?:gemeente)?ra(?:ad|den)\s+van(?:\s+de\s+gemeenten?)?|colleges?\s+van|"
    r"burgemeesters?\s+van|inwoners\s+van|begroting\s+van|stad|dorp)\s*(?:[\w'’\-]+(?:\s+[\w'’\-]+){0,3}\s*,\s*|[\w'’\-]+(?:\s+[\w'’\-]+){0,3}\s+en\s+)*$",
    re.IGNORECASE,
)
SIGNATURE_KINDS = {"cover", "colophon"}


@dataclass(frozen=True)
class MunicipalityRecord:
    """One row of the municipalities list."""

    code: str
    name: str
    alt_names: tuple[str, ...]
    province: str
    networks: tuple[str, ...]
    note: str = ""

    def to_model(self) -> Municipality:
        return Municipality(
            code=self.code, name=self.name, province=self.province, networks=list(self.networks)
        )


@lru_cache(maxsize=2)
def load_municipalities(path: Path = DATA_FILE) -> tuple[MunicipalityRecord, ...]:
    """All municipalities from the CSV (comment lines starting with '#' are skipped)."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    records = []
    for row in csv.DictReader(lines):
        networks = tuple(net for net in ("G4", "G40", "P10") if row.get(net.lower()) == "1")
        alts = tuple(a for a in (row.get("alt_names") or "").split("|") if a)
        records.append(
            MunicipalityRecord(
                row["code"], row["name"], alts, row["province"], networks, row.get("note") or ""
            )
        )
    return tuple(records)


def name_terms() -> dict[str, MunicipalityRecord]:
    """Every municipality name and alternative name, with its record."""
    by_term: dict[str, MunicipalityRecord] = {}
    for record in load_municipalities():
        for name in (record.name, *record.alt_names):
            by_term.setdefault(name, record)
    return by_term


@lru_cache(maxsize=1)
def _name_index() -> tuple[TermMatcher, dict[str, MunicipalityRecord]]:
    by_term = name_terms()
    return TermMatcher(by_term), by_term


def lookup(name: str) -> MunicipalityRecord | None:
    """The municipality with this official or alternative name (case- and accent-insensitive)."""
    key = normalise(name)
    for record in load_municipalities():
        if key in {normalise(n) for n in (record.name, *record.alt_names)}:
            return record
    return None


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


def _paired(text: str, matcher: TermMatcher, by_term: dict[str, MunicipalityRecord]) -> set[str]:
    """Municipalities written directly together: "Hollands Kroon en Schagen", "Bladel, Eersel"."""
    hits = [h for h in matcher.finditer(text) if h.text[:1].isupper() or h.text[:1] in "'’"]
    paired: set[str] = set()
    for left, right in zip(hits, hits[1:], strict=False):
        between = text[left.end : right.start]
        codes = by_term[left.term].code, by_term[right.term].code
        if codes[0] != codes[1] and re.fullmatch(r"\s*(?:,|en|&|,\s*en)\s*", between):
            paired.update(codes)
    return paired


def detect_municipalities(doc: Document) -> list[Municipality]:
    """The municipalities the document covers, in document order (the cover's order for joint plans).

    A municipality counts when it scores enough AND has structural evidence: it is on the cover, the
    first page or in a heading (front), it is listed with others ("de gemeenten A, B en C"), or it is
    named as "gemeente X" at least three times. Passing mentions of neighbours have none of these.
    """
    matcher, by_term = _name_index()
    strong: dict[str, float] = defaultdict(float)
    weak: dict[str, float] = defaultdict(float)
    evidence: dict[str, set[str]] = defaultdict(set)
    context_count: dict[str, int] = defaultdict(int)
    pair_count: dict[str, int] = defaultdict(int)
    first_seen: dict[str, int] = {}
    front_page = min((b.page for b in doc.blocks), default=1)
    texts = [
        (b.text, b.kind, b.kind == "heading", b.page == front_page and b.kind in ("heading", "cover"))
        for b in doc.blocks
        if b.kind != "toc"
    ]
    if meta_title(doc):
        texts.insert(0, (meta_title(doc), "cover", False, True))
    position = 0
    for text, kind, is_heading, on_front in texts:
        in_block: list[tuple[str, float]] = []
        for hit in matcher.finditer(text):
            if not hit.text[:1].isupper() and hit.text[:1] not in "'’":
                continue  # "buren", "best", "houten" as ordinary words
            code = by_term[hit.term].code
            weight = _weight(text, hit.start, kind, is_heading, on_front)
            (strong if weight >= 1.5 else weak)[code] += weight
            if weight >= 6.0 or (is_heading and weight >= 3.0):
                evidence[code].add("front")
            elif weight >= 3.0:
                context_count[code] += 1
            in_block.append((code, weight))
            first_seen.setdefault(code, position)
            position += 1
        listed = {code for code, weight in in_block if weight >= 3.0}
        if len(listed) >= 2 and re.search(r"\bgemeenten\b", text, re.I):
            for code in listed:
                evidence[code].add("list")
        for code in _paired(text, matcher, by_term):
            pair_count[code] += 1
    for code, count in context_count.items():
        if count >= 3:
            evidence[code].add("context")
    for code, count in pair_count.items():
        if count >= 3:  # "Hollands Kroon en Schagen" again and again: a joint plan
            evidence[code].add("list")
            strong[code] += 1.5 * count
    scores = {code: strong[code] + min(weak[code], 4.0) for code in set(strong) | set(weak)}
    if not scores:
        return []
    top = max(scores.values())
    threshold = max(4.5, 0.3 * top)
    chosen = [code for code, score in scores.items() if score >= threshold and evidence[code]]
    if not chosen:  # no structural evidence at all: the most named municipality, if named as such
        best = max(scores, key=lambda code: scores[code])
        chosen = [best] if strong[best] > 0 and scores[best] >= 3.0 else []
    chosen.sort(key=lambda code: first_seen[code])
    records = {r.code: r for r in load_municipalities()}
    return [records[code].to_model() for code in chosen]
