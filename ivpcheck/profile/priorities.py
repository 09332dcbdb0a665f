"""The plan's priorities as it writes them: from headings, priority chapters, lists or the TOC."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ivpcheck.model.document import Block, Document, Section
from ivpcheck.model.report import Municipality, Priority
from ivpcheck.profile.fields import classify
from ivpcheck.profile.text import normalise
from ivpcheck.profile.vocab import FieldVocab
from ivpcheck.text.cues import CuePattern, Cues
from ivpcheck.text.nlp import sentences
from ivpcheck.text.terms import TermMatcher, matcher
from ivpcheck.text.vocab import Vocabularies

NUMBERING = re.compile(r"^[\dIVX.]+\s+")
WORD = re.compile(r"[^\W\d_][\w\-]*")


class PriorityCues:
    """The priority cue words of the rule pack (rules/cues/priorities.yaml) in their patterns."""

    def __init__(self, cues: Cues) -> None:
        self.prefix = cues.pattern(
            r"^(?:{prefix_qualifiers}\s+)?{prefix}\s*(?:\d{{1,2}}|[IVX]{{1,4}}|[A-H])?"
            r"(?:\s*[:.\-–—]\s*|\s+(?!(?:en|van|voor|in|is|bij|op|de|het|een)\b)(?=[^\W\d_]))(?P<title>\S.*)$"
        )
        self.container = cues.pattern(r"\b{containers}\b")
        self.not_container = cues.pattern(r"{not_containers}|focus\s+op")
        self.not_a_priority = cues.pattern(r"^{not_a_priority_start}|{not_a_priority_anywhere}")
        self.not_current = cues.pattern(r"{not_current}")
        self.past = cues.pattern(r"{past_or_regional}")
        self.past_or_regional = cues.pattern(r"{past_or_regional}|{regional_mention}")
        self.scope_regional = cues.pattern(r"{scope_regional}")
        self.scope_local = cues.pattern(r"{scope_local}")
        self.list_cue = cues.pattern(r"{list_cues}")
        # "Onze prioriteiten zijn: a, b en c", "naast onze drie prioriteiten (a, b en c)"
        self.inline_list = cues.pattern(r"{inline_list}\b[^:.(]{{0,60}}(?::|\()\s*(?P<items>[^.)]+)")
        self.own_list = cues.pattern(r"\bonze\s+(?:\w+\s+)?{inline_list}\b")
        # where "a en b" joins two names: not "jeugdoverlast en -criminaliteit", "jeugd en veiligheid"
        self.and_joint = cues.pattern(r" en (?!-|(?:{name_tails})(?:$| en\b))")
        self.inline_run_on = cues.pattern(r"\b(?:{inline_run_on})\s+(?P<items>[^.]+)")
        self.table_header = cues.pattern(r"(?:\w+\s+)?{table_header}")
        self.marker = cues.pattern(r"\(?{table_marker}\)?")
        self.suffix = cues.pattern(r"\s*\(\s*{table_marker}\s*\)\s*$")  # "4.2 Geweld (prioriteit)"
        self.focus_after = cues.pattern(r"{implicit_focus}\s+(?:voor|aan)\s+(?P<theme>[^.;:()]{{3,90}})")
        self.focus_subject = cues.pattern(
            r"^(?P<theme>[^.;:()]{{3,90}}?)\s+(?:\w+\s+){{0,2}}?{implicit_verbs}\b[^.]*?\b{implicit_focus}"
        )
        self.implicit_lead = cues.pattern(r"^(?:{implicit_lead})+")
        self.generic = frozenset(cues.words("generic_words"))
        self.compound_heads = cues.mapping("compound_heads")

    @lru_cache(maxsize=8192)  # noqa: B019  (one PriorityCues per rule pack, kept for the process)
    def key(self, text: str) -> str:
        """A priority name for comparing: numbering, the 'Prioriteit 1:' prefix and case removed."""
        text = NUMBERING.sub("", " ".join(text.split()))
        match = self.prefix.match(text)
        return " ".join((match.group("title") if match else text).lower().split()).strip(" .:")

    @lru_cache(maxsize=8192)  # noqa: B019  (asked for every heading a priority is compared with)
    def key_words(self, key: str) -> tuple[str, ...]:
        """The words of a priority key that identify it (not generic, at least three letters)."""
        return tuple(w for w in WORD.findall(key) if w not in self.generic and len(w) >= 3)

    def keywords(self, name: str, matched: list[str]) -> TermMatcher | None:
        """Terms that find mentions of a priority: its own words (stemmed), compound heads, field terms."""
        words = WORD.findall(self.key(name))
        terms = [_stem(w) for w in words if w.lower() not in self.generic and len(w) >= 3]
        for word in words:  # 'woninginbraak' is also named as 'inbraken'
            terms += [
                stem
                for head, stem in self.compound_heads.items()
                if word.endswith(head) and len(word) > len(head) + 2
            ]
        terms += [t for t in matched if t]
        return matcher(tuple(dict.fromkeys(terms))) if terms else None

    def heading_names(self, label: str, name: str, keywords: TermMatcher | None) -> bool:
        """Whether a heading is about the priority called `name`."""
        heading, wanted = self.key(label), self.key(name)
        if not heading or not wanted:
            return False
        if wanted in heading or (
            len(heading) >= 5 and heading in wanted and heading.split()[0] not in self.generic
        ):
            return True
        if keywords is None:
            return False
        words = self.key_words(wanted)
        hits = sum(1 for w in words if matcher((_stem(w),)).search(heading))
        return bool(words) and hits / len(words) >= 0.6


def _cue_sentence(text: str, cue: CuePattern) -> str:
    """The sentence of a paragraph that holds the list cue (the last one that does)."""
    with_cue = [s.text for s in sentences(text) if cue.search(s.text)]
    return with_cue[-1] if with_cue else text


def _stem(word: str) -> str:
    return word if len(word) <= 5 else word[: max(5, min(len(word) - 2, 8))] + "*"


@lru_cache(maxsize=8)
def priority_cues(vocab: Vocabularies) -> PriorityCues:
    """The priority cues of a loaded rule pack (cached per pack)."""
    return PriorityCues(vocab.cues("priorities"))


ITEM_SPLIT = re.compile(r"\s*(?::|\s[–—-]\s|\.\s)\s*")
RUN_ON_LIST = re.compile(r":\s*(?P<items>1[.)]\s.+)$")  # "...prioriteiten: 1. A 2. B 3. C"
RUN_ON_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s")
QUOTES = "‘’“”'\""
RUN_ON_END = re.compile(r"\s(?:De|Het|Een|Deze|Dit|Die|We|Wij|Ook|Daarnaast|Andere|Naast|Voor|In)\s")


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
    found_in: str = "kop"  # kop | inhoudsopgave | opsomming | tabel | tekst
    implicit: bool = False  # a focus theme, not named a priority by the plan


class _Finder:
    """Finds one document's priority candidates with the rule pack's cue words."""

    def __init__(self, cues: PriorityCues, vocab: FieldVocab) -> None:
        self.c = cues
        self.vocab = vocab

    def _walk(
        self, sections: list[Section], ancestors: tuple[Section, ...] = ()
    ) -> Iterator[tuple[Section, tuple]]:
        for section in sections:
            yield section, ancestors
            yield from self._walk(section.children, (*ancestors, section))

    def is_container(self, text: str) -> bool:
        """A heading that announces the priorities ("Prioriteiten 2024-2027", "Onze focus", "Accenten")."""
        if not self.c.container.search(text) or self.c.not_container.search(text):
            return False
        words = re.findall(
            r"[^\W\d_]+", re.sub(r"^\s*(?:hoofdstuk\s+)?\d+(?:\.\d+)*[.)]?", "", text, flags=re.I)
        )
        return len(words) <= 7

    def _excluded_by_ancestor(self, ancestors: tuple[Section, ...]) -> bool:
        return any(self.c.not_current.search(a.heading.text) for a in ancestors)

    def clean_title(self, text: str) -> str:
        """A priority title without its 'Prioriteit 1:' prefix, numbering, or trailing punctuation."""
        text = " ".join(text.split())
        match = self.c.prefix.match(text)
        if match:
            text = match.group("title")
        text = re.sub(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+", "", text)
        return self.c.suffix.sub("", text).strip(" .;:,–—-")

    def _municipality_name(self, text: str, names: dict[str, str]) -> str | None:
        key = normalise(
            re.sub(r"^(?:gemeente|lokale?\s+(?:accenten|prioriteiten)|accenten)\s*", "", text, flags=re.I)
        )
        return names.get(key)

    def _from_headings(self, doc: Document, names: dict[str, str]) -> list[Candidate]:
        found: list[Candidate] = []
        for section, ancestors in self._walk(doc.sections):
            if self._excluded_by_ancestor(ancestors):
                continue
            heading = section.heading
            if self.c.prefix.match(heading.text) or self.c.suffix.search(heading.text):
                found.append(self._candidate(section, ancestors, names))
            elif self.is_container(heading.text):
                found.extend(self._from_container(doc, section, ancestors, names))
        return found

    def _from_container(
        self, doc: Document, section: Section, ancestors: tuple, names: dict[str, str]
    ) -> list[Candidate]:
        found: list[Candidate] = []
        for child in section.children:
            text = child.heading.text
            if self.c.prefix.match(text):
                continue  # picked up by the heading pass
            municipality = self._municipality_name(text, names)
            if municipality or self.is_container(text):
                inner = self._from_container(doc, child, (*ancestors, section), names)
                for candidate in inner:
                    candidate.municipality = candidate.municipality or municipality
                found.extend(inner)
                continue
            if self.c.not_a_priority.search(text):
                continue
            found.append(self._candidate(child, (*ancestors, section), names))
        if not section.children:
            found.extend(self._from_list(doc, section, ancestors))
        return found

    def _from_list(self, doc: Document, section: Section, ancestors: tuple) -> list[Candidate]:
        """List items directly under a priority heading (a container without sub-headings)."""
        label = normalise(section.heading.label)
        items = [b for b in doc.blocks if b.kind == "list_item" and normalise(b.section or "") == label]
        hint = " ".join(a.heading.text for a in (*ancestors, section))
        cue = Block(page=section.page_start, kind="paragraph", text=hint)
        candidates = [self._item_candidate(item, cue) for item in items]
        candidates = [c for c in candidates if c.title]
        return candidates if len(candidates) <= 12 else []

    def _candidate(self, section: Section, ancestors: tuple, names: dict[str, str]) -> Candidate:
        chain = " ".join(a.heading.text for a in ancestors)
        municipality = next(
            (m for a in reversed(ancestors) if (m := self._municipality_name(a.heading.text, names))), None
        )
        return Candidate(
            title=self.clean_title(section.heading.text),
            page=section.heading.page,
            section=section.heading.label,
            body=section.full_text(),
            scope_hint=f"{chain} {section.heading.text}",
            municipality=municipality,
        )

    def _list_candidates(self, doc: Document) -> list[Candidate]:
        """Priorities listed as bullets after a cue sentence ("We kiezen vijf prioriteiten:")."""
        blocks = [b for b in doc.blocks if b.kind != "toc"]
        best: list[Candidate] = []
        for index, block in enumerate(blocks):
            kinds = ("paragraph", "heading", "list_item")
            cue_block = block.kind in kinds and self.c.list_cue.search(block.text)
            # '4. Keuzes voor 2025-2028' typed as a numbered line: a heading over the bullets below it
            titled = (
                block.kind == "list_item" and len(block.text.split()) <= 6 and self.is_container(block.text)
            )
            if not cue_block or self.c.not_current.search(block.section or ""):
                continue
            if block.kind == "paragraph" and self.c.past.search(_cue_sentence(block.text, self.c.list_cue)):
                continue  # "Het vorige plan kende vier prioriteiten:" (a paragraph may look back first)
            own = next((b.level or 0 for b in reversed(blocks[:index]) if b.kind == "heading"), 0)
            listed = block.kind != "list_item" or titled
            items = self._listed_after(blocks[index + 1 :], block, own) if listed else []
            candidates = [self._item_candidate(item, block) for item in items]
            if not candidates and block.kind != "heading":
                candidates = self._numbered_run_on(block)
            candidates = [c for c in candidates if c.title]
            if 2 <= len(candidates) <= 12 and len(candidates) > len(best):
                best = candidates
        return best

    def _listed_after(self, followers: list[Block], cue: Block, own_level: int) -> list[Block]:
        """The items under a cue: the bullets right after it, or, after a cue paragraph that announces a
        list ("kiest Nuenen voor de volgende prioriteiten:"), the sub-headings that follow it (deeper than
        the cue's own section), text between them."""
        items: list[Block] = []
        level = followers[0].level if followers and followers[0].kind == "heading" else None
        announces = cue.kind == "paragraph" and cue.text.rstrip().endswith(":")
        if level is not None and not (announces and level > own_level):
            return []
        for follower in followers:
            if level is not None:
                if follower.kind == "heading" and (follower.level or 0) < level:
                    break
                if follower.kind == "heading" and follower.level == level:
                    items.append(follower)
                continue
            if follower.kind == "list_item":
                items.append(follower)
            elif items or follower.kind == "heading":
                break
        return items[:12]

    def _numbered_run_on(self, block: Block) -> list[Candidate]:
        """A numbered list run on in the cue's paragraph: 'kiezen we voor drie prioriteiten: 1. Veilig
        toerisme 2. Woninginbraak 3. Alcohol en drugs De andere thema's ...' (numbers 1, 2, 3 in turn)."""
        match = RUN_ON_LIST.search(" ".join(block.text.split()))
        if not match:
            return []
        items, expected = match.group("items"), 1
        numbers = list(RUN_ON_NUMBER.finditer(items))
        parts = []
        for index, number in enumerate(numbers):
            if int(number.group(1)) != expected:
                break
            expected += 1
            end = numbers[index + 1].start() if index + 1 < len(numbers) else len(items)
            parts.append(items[number.end() : end].strip())
        if parts and (cut := RUN_ON_END.search(parts[-1])) is not None:
            # "... onder jongeren De andere thema's": a new sentence ends the last item
            parts[-1] = parts[-1][: cut.start()].strip()
        titles = [self.clean_title(part) for part in parts]
        if not 2 <= len(titles) <= 12 or not all(1 <= len(t.split()) <= 8 for t in titles):
            return []
        return [Candidate(t, block.page, block.section, found_in="opsomming") for t in titles]

    def _prefixed_candidates(self, doc: Document) -> list[Candidate]:
        """Paragraphs written as a priority's label: 'Prioriteit 1: Woninginbraak en oplichting'."""
        found = []
        for block in doc.blocks:
            text = " ".join(block.text.split())
            if block.kind not in ("paragraph", "list_item") or len(text.split()) > 14:
                continue
            if self.c.not_current.search(block.section or "") or not self.c.prefix.match(text):
                continue
            found.append(
                Candidate(self.clean_title(text), block.page, block.section, prefixed=True, found_in="tekst")
            )
        return found

    def _item_candidate(self, item: Block, cue: Block) -> Candidate:
        text = " ".join(item.text.split())
        if prefixed := self.c.prefix.match(text):  # "Prioriteit 1 – Ondermijning": the title follows
            text = prefixed.group("title")
        head = ITEM_SPLIT.split(text, maxsplit=1)[0]
        title = self.clean_title(head if len(head.split()) <= 8 else text)
        if len(title.split()) > 10:
            title = ""
        return Candidate(
            title=title,
            page=item.page,
            section=item.section,
            body=text,
            scope_hint=cue.text,
            found_in="opsomming",
        )

    def _toc_candidates(self, doc: Document) -> list[Candidate]:
        """Priorities from the plan's own table of contents: 'Prioriteit 2: X' entries, or the entries
        one level below a priorities chapter (used when the reader missed the headings themselves)."""
        found: list[Candidate] = []
        container_level: int | None = None
        for entry in doc.toc:
            label = f"{entry.number} {entry.title}" if entry.number else entry.title
            if container_level is not None and entry.level <= container_level:
                container_level = None
            if self.c.prefix.match(entry.title):
                found.append(
                    Candidate(
                        self.clean_title(entry.title),
                        entry.page,
                        label,
                        prefixed=True,
                        found_in="inhoudsopgave",
                    )
                )
            elif self.is_container(entry.title) and not self.c.not_current.search(entry.title):
                container_level = entry.level
            elif (
                container_level is not None
                and entry.level == container_level + 1
                and not (self.c.not_a_priority.search(entry.title))
            ):
                title = self.clean_title(entry.title)
                found.append(Candidate(title=title, page=entry.page, section=label, found_in="inhoudsopgave"))
        return found

    def _table_candidates(self, doc: Document) -> list[Candidate]:
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
                # the column headed 'Prioriteit' ('Nr. | Prioriteit | Waarom?'), if any
                column = next((i for i, cell in enumerate(cells) if self.c.table_header.match(cell)), None)
                if column is not None or not self._marked_cell(cells):
                    continue  # the header row (a table continued on the next page has none)
            if self.c.not_current.search(block.section or ""):
                continue
            named = cells[column] if column is not None and column < len(cells) else None
            title = named or self._marked_cell(cells)
            if title and len(title.split()) <= 10:
                found.append(
                    Candidate(
                        self.clean_title(title), block.page, block.section, body=block.text, found_in="tabel"
                    )
                )
        return found

    def _marked_cell(self, cells: list[str]) -> str | None:
        """In a table of themes with a marker column ('Thema | Status' rows '... | prioriteit'), the theme
        cell just before a cell that only says 'prioriteit'."""
        for index, cell in enumerate(cells[1:], start=1):
            if self.c.marker.fullmatch(cell) and cells[index - 1]:
                return cells[index - 1]
        return None

    def _inline_candidates(self, doc: Document) -> list[Candidate]:
        """Priorities named in one sentence: 'Onze prioriteiten zijn: ondermijning, jeugd en zorg.'"""
        for block in doc.blocks:
            if block.kind not in ("paragraph", "list_item"):
                continue
            own = self.c.own_list.search(block.text)  # "naast onze prioriteiten (...)" in any section
            if not own and self.c.not_current.search(block.section or ""):
                continue
            if match := self.c.inline_list.search(block.text):
                if self.c.past_or_regional.search(block.text):
                    continue
                parts = self._enumeration(match.group("items"), last_and=False)
            elif match := self.c.inline_run_on.search(block.text):  # "zetten we in op a, b en c"
                if self.c.past_or_regional.search(_cue_sentence(block.text, self.c.inline_run_on)):
                    continue  # (a look back in the paragraph's other sentences is no matter)
                parts = self._enumeration(match.group("items"), last_and=True)
                parts = (
                    parts if len(parts) >= 3 and all(self.vocab.matcher.find_all(p) for p in parts) else []
                )
            else:
                continue
            if 2 <= len(parts) <= 9 and all(1 <= len(p.split()) <= 6 for p in parts):
                return [
                    Candidate(
                        title=p[:1].upper() + p[1:], page=block.page, section=block.section, found_in="tekst"
                    )
                    for p in parts
                ]
        return []

    def _enumeration(self, items: str, last_and: bool) -> list[str]:
        """The names of 'a, b en c': split at commas, the last part at its first ' en ' (or, with
        `last_and`, its last: 'jeugdoverlast en drugs en digitale veiligheid'), never inside a name
        ('jeugdoverlast en -criminaliteit', 'zorg en veiligheid')."""
        parts = [p.strip() for p in re.split(r"[,;]", items) if p.strip()]
        if len(parts) >= 2:
            joints = [m.start() for m in self.c.and_joint.finditer(parts[-1])]
            if joints:
                at = joints[-1] if last_and else joints[0]
                parts[-1:] = [parts[-1][:at], parts[-1][at + len(" en ") :]]
        return [self.clean_title(p.strip(QUOTES)) for p in parts]  # "‘Jeugd en veiligheid’, ..."

    def _implicit_candidates(self, doc: Document) -> list[Candidate]:
        """Focus themes named inside the chapters of a plan that names no priorities: its implicit
        priorities ("De stijging van het aantal woninginbraken verdient bijzondere aandacht")."""
        found: list[Candidate] = []
        for block in doc.blocks:
            if block.kind not in ("paragraph", "list_item") or self.c.not_current.search(block.section or ""):
                continue
            for sentence in sentences(block.text):
                match = self.c.focus_after.search(sentence.text) or self.c.focus_subject.search(sentence.text)
                if not match:
                    continue
                theme = self._theme_name(match.group("theme"))
                if theme:
                    found.append(
                        Candidate(
                            theme, block.page, block.section, body=block.text, found_in="tekst", implicit=True
                        )
                    )
        return found if len(found) <= 9 else []

    def _theme_name(self, phrase: str) -> str | None:
        """The safety theme a focus phrase names: its first clause up to the last field term in it
        ("Huiselijk geweld komt ook in Bedum voor, en ..." -> "Huiselijk geweld"); None without one."""
        clause = self.c.implicit_lead.sub("", phrase.split(",")[0].strip())
        hits = self.vocab.matcher.find_all(clause)
        if not hits:
            return None
        name = clause[: max(hit.end for hit in hits)].strip()
        return name if 1 <= len(name.split()) <= 10 else None

    def _dedupe(self, candidates: list[Candidate]) -> list[Candidate]:
        """One candidate per title (and municipality): the TOC entry, the summary's mention and the
        chapter heading of one priority are one; the version with the most text (the chapter) is kept."""
        kept: list[Candidate] = []
        for candidate in candidates:
            key = (normalise(candidate.title), candidate.municipality)
            if not re.search(r"[^\W\d_]{3}", candidate.title):
                continue  # a number or a letter is not a priority's name
            index = next((i for i, k in enumerate(kept) if (normalise(k.title), k.municipality) == key), None)
            if index is None:
                kept.append(candidate)
            elif len(candidate.body) > len(kept[index].body):
                kept[index] = candidate
        return kept

    def _scope(self, candidate: Candidate, joint: bool) -> str:
        if candidate.municipality:
            return "lokaal"
        if self.c.scope_local.search(candidate.scope_hint):
            return "lokaal"
        if self.c.scope_regional.search(candidate.scope_hint):
            return "gezamenlijk" if joint else "regionaal"
        return "gezamenlijk" if joint else "lokaal"

    def _body_for(self, doc: Document, title: str) -> str:
        """The text of the section whose heading names this priority, when there is one."""
        key = normalise(title)
        for section in doc.all_sections():
            heading = normalise(self.clean_title(section.heading.text))
            if heading == key or (len(key) > 6 and key in heading):
                return section.full_text()
        return ""


def extract_priorities(
    doc: Document, vocab: FieldVocab, cues: PriorityCues, municipalities: list[Municipality] | None = None
) -> list[Priority]:
    """The priorities of the plan, deduplicated, each with page, section label, field and scope."""
    finder = _Finder(cues, vocab)
    municipalities = municipalities or []
    names = {normalise(m.name): m.name for m in municipalities}
    joint = len(municipalities) > 1
    candidates = finder._dedupe(finder._from_headings(doc, names))
    if candidates:
        # the TOC may name priorities whose headings the reader missed; same title = same priority
        candidates = finder._dedupe(candidates + [c for c in finder._toc_candidates(doc) if c.prefixed])
    for fallback in (  # the contents before a list under a cue sentence (a summary's, a host's bullets)
        finder._toc_candidates,
        finder._prefixed_candidates,
        finder._list_candidates,
        finder._table_candidates,
        finder._inline_candidates,
        finder._implicit_candidates,
    ):
        if candidates:
            break
        candidates = finder._dedupe(fallback(doc))
    for candidate in candidates:
        if not candidate.body:
            candidate.body = finder._body_for(doc, candidate.title)
    priorities = []
    for candidate in candidates:
        field_id, matched = classify(vocab, candidate.title, candidate.body)
        priorities.append(
            Priority(
                text=candidate.title,
                field=field_id,
                matched=matched,
                scope=finder._scope(candidate, joint),
                municipality=candidate.municipality,
                page=candidate.page,
                section=candidate.section,
                found_in=candidate.found_in,
                implicit=candidate.implicit,
            )
        )
    return priorities
