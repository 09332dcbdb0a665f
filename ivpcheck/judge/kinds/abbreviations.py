"""`abbreviations`: acronyms used in the text and whether each is explained (L4).

An acronym is a token of two or more capitals (plurals such as BOA's and compounds such as
HIC-delicten included; IJ-words and Roman numerals excluded). It is explained when the long
form stands next to it in parentheses, either way round ("Openbaar Ministerie (OM)",
"RIEC (Regionaal ...)", "(Wet BIBOB)"), or when it is listed in an abbreviation list or table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.model.report import Evidence
from ivpcheck.text.nlp import known_word
from ivpcheck.text.passages import Unit, evidence_for
from ivpcheck.text.terms import as_words, matcher
from ivpcheck.text.vocab import VocabError, Vocabulary

KIND = "abbreviations"
METRICS = {"acronyms", "explained", "unexplained", "unexplained_share", "has_list"}
VALUES = {"unexplained", "explained_list"}

ACRONYM = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]*[A-Z])(?:['’]s|s)?(?!\w)")
ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
AFTER = re.compile(r"\s*\(([^()]{3,160})\)")
SCANNED_KINDS = {"paragraph", "list_item", "table", "caption", "footnote", "heading"}
STOPWORDS = {"de", "het", "een", "van", "en", "voor", "in", "op", "met", "der", "den", "te", "ter", "tot"}


class Params(DetectorParams):
    kind: Literal["abbreviations"]
    list_headings: list[str] = Field(
        default_factory=lambda: [
            "afkorting*",
            "*afkortingen",
            "begrippenlijst",
            "begrippen",
            "*woordenlijst",
            "glossarium",
            "verklarende*",
        ]
    )
    expansions: str | None = Field(default="abbreviations", description="vocabulary of known long forms")
    ignore: list[str] = Field(default_factory=list, description="acronyms that need no explanation")
    max_length: int = Field(default=8, ge=2, description="longer all-caps words are not acronyms")
    limit: int = Field(default=5, ge=1)


def describe(params: Params) -> str:
    return (
        "afkortingen (woorden van twee of meer hoofdletters) en hun uitleg tussen haakjes "
        "of in een afkortingenlijst"
    )


@dataclass
class Usage:
    """One acronym: where it is first used and whether it is explained."""

    first: tuple[Unit, int, int]
    count: int = 0
    explained: Evidence | None = None
    listed: bool = False
    places: list[tuple[Unit, int]] = field(default_factory=list)


def detect(ctx: Context, params: Params) -> Findings:
    known = _known(ctx, params)
    ignore = set(params.ignore) | set(known.extra.get("ignore", []) if known else [])
    list_units = _list_units(ctx, params)
    list_index = {u.index for u in list_units}
    listed = {a for u in list_units for a in _listed_acronyms(u)}
    usages: dict[str, Usage] = {}
    for unit in ctx.view.units:
        if unit.block.kind not in SCANNED_KINDS or _shouting(unit.text) or unit.index in list_index:
            continue
        for match in ACRONYM.finditer(unit.text):
            acronym = match.group(1)
            if (
                acronym in ignore
                or acronym == "IJ"
                or ROMAN.match(acronym)
                or len(acronym) > params.max_length
                or (len(acronym) >= 4 and known_word(acronym))  # a word in capitals ('VISIE')
            ):
                continue
            if _in_url(unit.text, match.start()):
                continue
            usage = usages.setdefault(acronym, Usage(first=(unit, match.start(), match.end())))
            usage.count += 1
            if usage.explained is None and _explained_here(unit.text, match, acronym, known):
                usage.explained = evidence_for(unit, match.start(), match.end(), acronym)
    for acronym, usage in usages.items():
        usage.listed = acronym in listed
    unexplained = [a for a, u in usages.items() if u.explained is None and not u.listed]
    explained = [a for a in usages if a not in unexplained]
    n = len(usages)
    evidence = _evidence(usages, unexplained, explained, list_units, params.limit)
    return Findings(
        found=n > 0 and not unexplained,
        metrics={
            "acronyms": float(n),
            "explained": float(len(explained)),
            "unexplained": float(len(unexplained)),
            "unexplained_share": round(len(unexplained) / n, 2) if n else 0.0,
            "has_list": float(bool(list_units)),
        },
        values={"unexplained": _listing(unexplained, known), "explained_list": ", ".join(explained[:15])},
        evidence=evidence,
        searched=describe(params),
    )


def _known(ctx: Context, params: Params) -> Vocabulary | None:
    if not params.expansions:
        return None
    try:
        return ctx.vocab.get(params.expansions)
    except VocabError:
        return None


def _list_units(ctx: Context, params: Params) -> list[Unit]:
    """Units of an abbreviation list: a section with such a heading, or a table headed 'Afkorting'."""
    heading = matcher(tuple(ctx.terms(params.list_headings)))
    units = []
    for head in ctx.view.heading_units:
        if heading.search(head.text) and len(head.text) < 60:
            units.extend(ctx.view.section_units(head))
    in_table = False
    for unit in ctx.view.units:
        if unit.block.kind != "table":
            in_table = False
            continue
        first_cell = unit.text.split("|")[0].strip().lower()
        if first_cell.startswith("afkorting"):
            in_table = True
        if in_table and all(u.index != unit.index for u in units):
            units.append(unit)
    return units


def _listed_acronyms(unit: Unit) -> set[str]:
    """Acronyms at the start of a list line or in the first cell of a table row."""
    head = re.split(r"[|:=\t]| - | – ", unit.text, maxsplit=1)[0]
    return {m.group(1) for m in ACRONYM.finditer(head)}


def _shouting(text: str) -> bool:
    """A line written entirely in capitals (a cover title or heading), not acronyms."""
    letters = re.findall(r"[^\W\d_]+", text)
    return len(letters) >= 3 and all(w.isupper() for w in letters)


def _in_url(text: str, pos: int) -> bool:
    start = text.rfind(" ", 0, pos) + 1
    token = text[start : text.find(" ", pos) if text.find(" ", pos) > 0 else len(text)]
    return "@" in token or "www." in token.lower() or "://" in token


def _explained_here(text: str, match: re.Match[str], acronym: str, known: Vocabulary | None) -> bool:
    """Whether this occurrence carries its long form in parentheses (either way round)."""
    after = AFTER.match(text, match.end())
    if after and _is_long_form(after.group(1), acronym):
        return True
    open_paren = text.rfind("(", 0, match.start())
    close_paren = text.find(")", match.end())
    if open_paren < 0 or close_paren < 0 or text.rfind(")", 0, match.start()) > open_paren:
        return False
    inside = text[open_paren + 1 : close_paren]
    if len(inside.split()) > 4:
        return False
    before = text[max(0, open_paren - 160) : open_paren]
    return _long_form_before(before, acronym, known)


def _is_long_form(inside: str, acronym: str) -> bool:
    inside = inside.strip()
    if not inside or inside[0].isdigit() or inside.lower().startswith(("zie ", "bijlage", "pagina")):
        return False
    tokens = re.findall(r"[^\W\d_][\w\-]*", inside)
    if all(ACRONYM.fullmatch(t) for t in tokens):
        return False
    return len(tokens) >= 2 or (len(tokens) == 1 and len(tokens[0]) >= 7)


def _long_form_before(before: str, acronym: str, known: Vocabulary | None) -> bool:
    if known and acronym in known.groups:
        for form in known.groups[acronym]:
            if matcher((form,)).search(before):
                return True
    tail = re.split(r"[.;:!?]\s", before)[-1]
    tokens = [t for t in re.findall(r"[^\W\d_][\w\-]*", tail) if t.lower() not in STOPWORDS]
    tokens = tokens[-(len(acronym) + 3) :]
    if len(tokens) < 2 and not (tokens and len(tokens[0]) >= 8):
        return False
    initials = {t[0].lower() for t in tokens}
    return acronym[0].lower() in initials


def _listing(acronyms: list[str], known: Vocabulary | None, limit: int = 12) -> str:
    items = []
    for acronym in acronyms[:limit]:
        if known and acronym in known.groups and known.groups[acronym]:
            items.append(f"{acronym} ({as_words(known.groups[acronym][:1])})")
        else:
            items.append(acronym)
    more = f" en nog {len(acronyms) - limit}" if len(acronyms) > limit else ""
    return ", ".join(items) + more


def _evidence(usages, unexplained, explained, list_units, limit) -> list[Evidence]:
    evidence = []
    for acronym in unexplained[:limit]:
        unit, start, end = usages[acronym].first
        item = evidence_for(unit, start, end, acronym)
        evidence.append(item.model_copy(update={"matched": f"{acronym} (niet toegelicht)"}))
    if list_units:
        head = list_units[0]
        evidence.append(
            Evidence(
                page=head.block.page, section=head.section, quote=head.text[:200], matched="afkortingenlijst"
            )
        )
    for acronym in explained[: max(0, limit - len(evidence))]:
        if usages[acronym].explained is not None:
            evidence.append(usages[acronym].explained)
    return evidence
