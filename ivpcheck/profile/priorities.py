"""The plan's priorities as it writes them: from headings, priority chapters, lists or the TOC."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ivpcheck.model.document import Block, Document, Section
from ivpcheck.model.report import Municipality, Priority
from ivpcheck.profile.fields import classify
from ivpcheck.profile.text import normalise
from ivpcheck.profile.vocab import FieldVocab

PREFIX = re.compile(
    r"^(?:(?:lokale|regionale|gezamenlijke|gemeentelijke|subregionale)\s+)?"
    r"(?:prioriteit|speerpunt|focusthema|focuspunt|focusgebied|kernopgave|prioritair\s+thema)"
    r"\s*(?:\d{1,2}|[IVX]{1,4}|[A-H])?\s*[:.\-–—]\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
CONTAINER = re.compile(
    r"\b(?:prioriteiten|speerpunten|focus|focusthema'?s|focuspunten|prioritaire\s+thema'?s|kernthema'?s|"
    r"accenten|onze\s+keuzes|hoofdthema'?s|opgaven)\b",
    re.IGNORECASE,
)
EXCLUDED_CONTAINER = re.compile(
    r"vorig|terugblik|evaluatie|basisteam|politie|landelijk|veiligheidsstrategie|overige|beheersniveau|"
    r"basisniveau|keuze|totstandkoming|hoe\s+(?:kom|zijn|hebben)|selectie|analyse|samenvatting|"
    r"inleiding|in\s+het\s+kort|bijlage|trends|verantwoording|monitoring",
    re.IGNORECASE,
)
NOT_A_PRIORITY = re.compile(
    r"^(?:inleiding|overzicht|samenhang|indicator|streefwaarde|nulmeting|doelen|doelstellingen|monitoring|"
    r"aanpak|werkwijze|toelichting|leeswijzer|keuze|verantwoording|middelen|financi|planning|tot\s+slot|"
    r"conclusie|samenvatting|uitgangspunt|waarom|wat\s+willen|wat\s+gaan|wat\s+doen|partners|overige|"
    r"beheersniveau|basisniveau|begroting|rol\s+van|samenwerking|afsluiting|slot|tabel|kader|hoe\s|relatie|"
    r"koppeling|prioritering|onderbouwing|verantwoording|totstandkoming|selectie|"
    r"(?:de\s+)?(?:prioriteiten|speerpunten)\s+(?:in|op)\s+(?:het|een)\s+)",
    re.IGNORECASE,
)
NOT_A_PRIORITY_ANYWHERE = re.compile(r"indicator|streefwaarde|nulmeting|overzicht|in\s+één\s+oogopslag", re.I)
NOT_CURRENT = re.compile(r"vorig|terugblik|evaluatie|bijlage|overige|beheersniveau|basisniveau", re.I)
SCOPE_REGIONAL = re.compile(r"gezamenlijk|gemeenschappelijk|regionaal|regionale|subregion|basisteam", re.I)
SCOPE_LOCAL = re.compile(r"\blokale?\b|gemeentelijke|per\s+gemeente", re.I)
LIST_CUE = re.compile(
    r"\b(?:prioriteiten|speerpunten|focusthema'?s|focuspunten|prioriteit\s+aan|kiezen\s+(?:we|wij)\s+voor)\b",
    re.I,
)
ITEM_SPLIT = re.compile(r"\s*(?::|\s[–—-]\s|\.\s)\s*")


@dataclass
class Candidate:
    """A priority before classification."""

    title: str
    page: int | None
    section: str | None
    body: str = ""
    scope_hint: str = ""
    municipality: str | None = None
    prefixed: bool = False  # written as 'Prioriteit 2: X'


def _walk(sections: list[Section], ancestors: tuple[Section, ...] = ()) -> Iterator[tuple[Section, tuple]]:
    for section in sections:
        yield section, ancestors
        yield from _walk(section.children, (*ancestors, section))


def is_container(text: str) -> bool:
    """A heading that announces the priorities ("Prioriteiten 2024-2027", "Onze focus", "Lokale accenten")."""
    if not CONTAINER.search(text) or EXCLUDED_CONTAINER.search(text) or re.search(r"focus\s+op", text, re.I):
        return False
    words = re.findall(r"[^\W\d_]+", re.sub(r"^\s*(?:hoofdstuk\s+)?\d+(?:\.\d+)*[.)]?", "", text, flags=re.I))
    return len(words) <= 7


def _excluded_by_ancestor(ancestors: tuple[Section, ...]) -> bool:
    return any(NOT_CURRENT.search(a.heading.text) for a in ancestors)


def clean_title(text: str) -> str:
    """A priority title without its 'Prioriteit 1:' prefix, numbering, or trailing punctuation."""
    text = " ".join(text.split())
    match = PREFIX.match(text)
    if match:
        text = match.group("title")
    text = re.sub(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+", "", text)
    return text.strip(" .;:,–—-")


def _municipality_name(text: str, names: dict[str, str]) -> str | None:
    key = normalise(
        re.sub(r"^(?:gemeente|lokale?\s+(?:accenten|prioriteiten)|accenten)\s*", "", text, flags=re.I)
    )
    return names.get(key)


def _from_headings(doc: Document, names: dict[str, str]) -> list[Candidate]:
    found: list[Candidate] = []
    for section, ancestors in _walk(doc.sections):
        if _excluded_by_ancestor(ancestors):
            continue
        heading = section.heading
        if PREFIX.match(heading.text):
            found.append(_candidate(section, ancestors, names))
        elif is_container(heading.text):
            found.extend(_from_container(doc, section, ancestors, names))
    return found


def _from_container(
    doc: Document, section: Section, ancestors: tuple, names: dict[str, str]
) -> list[Candidate]:
    found: list[Candidate] = []
    for child in section.children:
        text = child.heading.text
        if PREFIX.match(text):
            continue  # picked up by the heading pass
        municipality = _municipality_name(text, names)
        if municipality or is_container(text):
            inner = _from_container(doc, child, (*ancestors, section), names)
            for candidate in inner:
                candidate.municipality = candidate.municipality or municipality
            found.extend(inner)
            continue
        if NOT_A_PRIORITY.match(text) or NOT_A_PRIORITY_ANYWHERE.search(text):
            continue
        found.append(_candidate(child, (*ancestors, section), names))
    if not section.children:
        found.extend(_from_list(doc, section, ancestors))
    return found


def _from_list(doc: Document, section: Section, ancestors: tuple) -> list[Candidate]:
    """List items directly under a priority heading (a container without sub-headings)."""
    label = normalise(section.heading.label)
    items = [b for b in doc.blocks if b.kind == "list_item" and normalise(b.section or "") == label]
    hint = " ".join(a.heading.text for a in (*ancestors, section))
    cue = Block(page=section.page_start, kind="paragraph", text=hint)
    candidates = [_item_candidate(item, cue) for item in items]
    candidates = [c for c in candidates if c.title]
    return candidates if len(candidates) <= 12 else []


def _candidate(section: Section, ancestors: tuple, names: dict[str, str]) -> Candidate:
    chain = " ".join(a.heading.text for a in ancestors)
    municipality = next(
        (m for a in reversed(ancestors) if (m := _municipality_name(a.heading.text, names))), None
    )
    return Candidate(
        title=clean_title(section.heading.text),
        page=section.heading.page,
        section=section.heading.label,
        body=section.full_text(),
        scope_hint=f"{chain} {section.heading.text}",
        municipality=municipality,
    )


def _list_candidates(doc: Document) -> list[Candidate]:
    """Priorities listed as bullets after a cue sentence ("We kiezen vijf prioriteiten:")."""
    blocks = [b for b in doc.blocks if b.kind != "toc"]
    best: list[Candidate] = []
    for index, block in enumerate(blocks):
        cue_block = block.kind in ("paragraph", "heading") and LIST_CUE.search(block.text)
        if not cue_block or NOT_CURRENT.search(block.section or ""):
            continue
        if block.kind == "paragraph" and re.search(r"vorig|terugblik|liep|kende", block.text, re.I):
            continue
        items: list[Block] = []
        for follower in blocks[index + 1 :]:
            if follower.kind == "list_item":
                items.append(follower)
            elif items or follower.kind == "heading":
                break
        candidates = [_item_candidate(item, block) for item in items]
        candidates = [c for c in candidates if c.title]
        if 2 <= len(candidates) <= 12 and len(candidates) > len(best):
            best = candidates
    return best


def _item_candidate(item: Block, cue: Block) -> Candidate:
    text = " ".join(item.text.split())
    head = ITEM_SPLIT.split(text, maxsplit=1)[0]
    title = clean_title(head if len(head.split()) <= 8 else text)
    if len(title.split()) > 10:
        title = ""
    return Candidate(title=title, page=item.page, section=item.section, body=text, scope_hint=cue.text)


def _toc_candidates(doc: Document) -> list[Candidate]:
    """Priorities from the plan's own table of contents: 'Prioriteit 2: X' entries, or the entries
    one level below a priorities chapter (used when the reader missed the headings themselves)."""
    found: list[Candidate] = []
    container_level: int | None = None
    for entry in doc.toc:
        label = f"{entry.number} {entry.title}" if entry.number else entry.title
        if container_level is not None and entry.level <= container_level:
            container_level = None
        if PREFIX.match(entry.title):
            found.append(Candidate(clean_title(entry.title), entry.page, label, prefixed=True))
        elif is_container(entry.title) and not NOT_CURRENT.search(entry.title):
            container_level = entry.level
        elif (
            container_level is not None
            and entry.level == container_level + 1
            and not (NOT_A_PRIORITY.match(entry.title) or NOT_A_PRIORITY_ANYWHERE.search(entry.title))
        ):
            found.append(Candidate(title=clean_title(entry.title), page=entry.page, section=label))
    return found


def _table_candidates(doc: Document) -> list[Candidate]:
    """Priorities as the first column of a table headed 'Prioriteit' / 'Speerpunt'."""
    found: list[Candidate] = []
    in_table = False
    for block in doc.blocks:
        if block.kind != "table":
            in_table = False
            continue
        cells = [c.strip() for c in block.text.split("|")]
        if not in_table:
            in_table = True
            header_is_priority = bool(re.match(r"(?:\w+\s+)?(?:prioriteit|speerpunt|focus)", cells[0], re.I))
            continue
        if (
            header_is_priority
            and cells[0]
            and len(cells[0].split()) <= 10
            and not NOT_CURRENT.search(block.section or "")
        ):
            found.append(
                Candidate(
                    title=clean_title(cells[0]), page=block.page, section=block.section, body=block.text
                )
            )
    return found


INLINE_LIST = re.compile(
    r"(?:prioriteiten|speerpunten|focusthema'?s)\b[^:.]{0,60}:\s*(?P<items>[^.]+)", re.IGNORECASE
)


def _inline_candidates(doc: Document) -> list[Candidate]:
    """Priorities named in one sentence: 'Onze prioriteiten zijn: ondermijning, jeugd en zorg.'"""
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item") or NOT_CURRENT.search(block.section or ""):
            continue
        if re.search(r"vorig|terugblik|liep|kende|regionale", block.text, re.I):
            continue
        match = INLINE_LIST.search(block.text)
        if not match:
            continue
        parts = [p.strip() for p in re.split(r"[,;]", match.group("items")) if p.strip()]
        if len(parts) >= 2 and " en " in parts[-1]:
            parts[-1:] = parts[-1].split(" en ", 1)
        parts = [clean_title(p) for p in parts]
        if 2 <= len(parts) <= 9 and all(1 <= len(p.split()) <= 6 for p in parts):
            return [
                Candidate(title=p[:1].upper() + p[1:], page=block.page, section=block.section) for p in parts
            ]
    return []


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per title (and municipality): the TOC entry, the summary's mention and the
    chapter heading of one priority are one; the version with the most text (the chapter) is kept."""
    kept: list[Candidate] = []
    for candidate in candidates:
        key = (normalise(candidate.title), candidate.municipality)
        if not key[0]:
            continue
        index = next((i for i, k in enumerate(kept) if (normalise(k.title), k.municipality) == key), None)
        if index is None:
            kept.append(candidate)
        elif len(candidate.body) > len(kept[index].body):
            kept[index] = candidate
    return kept


def _scope(candidate: Candidate, joint: bool) -> str:
    if candidate.municipality:
        return "lokaal"
    if SCOPE_LOCAL.search(candidate.scope_hint):
        return "lokaal"
    if SCOPE_REGIONAL.search(candidate.scope_hint):
        return "gezamenlijk" if joint else "regionaal"
    return "gezamenlijk" if joint else "lokaal"


def _body_for(doc: Document, title: str) -> str:
    """The text of the section whose heading names this priority, when there is one."""
    key = normalise(title)
    for section in doc.all_sections():
        heading = normalise(clean_title(section.heading.text))
        if heading == key or (len(key) > 6 and key in heading):
            return section.full_text()
    return ""


def extract_priorities(
    doc: Document, vocab: FieldVocab, municipalities: list[Municipality] | None = None
) -> list[Priority]:
    """The priorities of the plan, deduplicated, each with page, section label, field and scope."""
    municipalities = municipalities or []
    names = {normalise(m.name): m.name for m in municipalities}
    joint = len(municipalities) > 1
    candidates = _dedupe(_from_headings(doc, names))
    if candidates:
        # the TOC may name priorities whose headings the reader missed; same title = same priority
        candidates = _dedupe(candidates + [c for c in _toc_candidates(doc) if c.prefixed])
    for fallback in (_list_candidates, _toc_candidates, _table_candidates, _inline_candidates):
        if candidates:
            break
        candidates = _dedupe(fallback(doc))
    for candidate in candidates:
        if not candidate.body:
            candidate.body = _body_for(doc, candidate.title)
    priorities = []
    for candidate in candidates:
        field_id, matched = classify(vocab, candidate.title, candidate.body)
        priorities.append(
            Priority(
                text=candidate.title,
                field=field_id,
                matched=matched,
                scope=_scope(candidate, joint),
                municipality=candidate.municipality,
                page=candidate.page,
                section=candidate.section,
            )
        )
    return priorities
