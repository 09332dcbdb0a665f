"""The document-type gate: is this an IVP, and if not, what is it?

Policy: a document is refused (not scored, exit 17) only on strong, specific evidence of another
type that outweighs its evidence of being an IVP; when the evidence is mixed or thin, it is scored
and the report opens with a notice ('dit lijkt geen (volledig) IVP'). A plan is never refused by
doubt. The gate reads the document's own title (profile/opening.py), the opening (the first
~8,000 characters, so an excerpt and a whole plan are judged alike) and the structure: a council
decision followed by plan text is a published IVP; news has a dateline, reported speech and
furniture; a raadsvoorstel has its form fields, a letter its salutation; an uitvoeringsplan names
itself and has action tables. Type words in a table of contents or in a reference to another
document carry no weight. Every cue list and weight is data (rules/cues/doctype.yaml).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ivpcheck.model.document import Document
from ivpcheck.model.report import DocTypeDecision
from ivpcheck.profile.municipalities import lookup
from ivpcheck.profile.opening import BLOCK_END, Opening, OpeningReader
from ivpcheck.profile.period import RANGE, SINGLE_YEAR, year_ranges
from ivpcheck.text.compounds import CompoundExpander
from ivpcheck.text.cues import CuePattern, Cues
from ivpcheck.text.numbers import number
from ivpcheck.text.speech import unquoted
from ivpcheck.text.vocab import Vocabularies

SCORED_TYPES = ("uitvoeringsplan", "evaluatie", "raadsvoorstel", "nieuwsbericht")
OVERIG_KINDS = {
    "regional": "een regionaal plan (politie, veiligheidsregio)",
    "other_policy": "ander gemeentelijk beleid",
    "belgian": "een Belgisch veiligheidsplan",
    "guidance": "een handreiking",
}
TYPE_NAMES = {
    "ivp": "IVP",
    "uitvoeringsplan": "uitvoeringsplan",
    "evaluatie": "evaluatie of rapportage",
    "raadsvoorstel": "raadsstuk",
    "nieuwsbericht": "nieuwsbericht",
    "overig": "ander document",
}
JOINED = re.compile(r"\s(?:&|\+|en|met)\s")  # "plan & programma", "plan en uitvoeringsprogramma"
DATELINE_PARAGRAPH_WORDS = 15  # a dateline opens a paragraph of news, not a heading
HEADLINE_WORDS = 3  # "Veiligheidsplan stelt prioriteiten"
CAPITALS = re.compile(r"\b[A-ZÀ-Ý]{2,}\b")
# "Weert pakt ...", "Gemeente Lopik kondigt ... aan"
MUNICIPAL_SUBJECT = re.compile(r"^(?:Gemeente\s+)?((?:[A-Z][\w'’-]*\s?){1,3}?)\s+(?=[a-z]+t\b)")
# a host joins a cover's lines with '. ' ("Beleidsplan. Integrale Veiligheid"); a space put in its place
# keeps the title's length, so positions found in the one hold in the other
HOST_JOIN = re.compile(r"(?<=[a-zà-ÿ])\.(?= [A-ZÀ-Ý])")
ANTECEDENT_CHARS = 400  # how far back 'dit plan' may point to a plan named in the third person
SENTENCE_BREAK = re.compile(r"[.!?:]\s+|\n\s*\n")
LINE_OR_SENTENCE = re.compile(r"[.!?]\s+|\n")
ENUMERATION = 3  # a sentence naming this many of a document's features enumerates them: it counts once
DECISION_TAIL_WORDS = 150  # plan text after a council decision: a published plan, not a bare decision


@dataclass
class Evidence:
    """The evidence for each type, with a reason (and quote) per item."""

    scores: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    reasons: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    named: set[str] = field(default_factory=set)  # the types the document names itself as ('deze brief')
    # the part of the IVP's score that is only its voice ('wij'), which any municipal text has
    voice: float = 0.0
    title: float = 0.0  # the part of the IVP's score that is its title
    news_form: float = 0.0  # news evidence from the form of news (dateline, section, date, events)
    reports_act: bool = False  # the text reports an act on a plan ("heeft de raad het IVP vastgesteld")
    apart: int = 0  # times the text names the plan as a document apart, showing little of it: about the plan
    headed: list[tuple[str, str]] = field(default_factory=list)  # (type, title line) another type heads
    # the opening shows a document's build (contents, foreword, introduction, numbered chapters), which a
    # plan has and an article or a web page about it mostly has not
    built: bool = False
    identified: bool = False  # the document names itself a plan: a title, 'dit plan', a council decision
    doubt_only: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # never refuses alone
    addressed: bool = False  # it speaks to its reader as 'je': a guide's or a party's voice, not a plan's

    def strongest_other(self) -> tuple[float, str]:
        """The score and name of the strongest type other than an IVP ((0, 'overig') without one)."""
        others = sorted(((score, kind) for kind, score in self.scores.items() if kind != "ivp"), reverse=True)
        return others[0] if others else (0.0, "overig")

    def plan_body(self) -> float:
        """The IVP's evidence from its text: besides its title and its voice."""
        return self.scores.get("ivp", 0.0) - self.title - self.voice

    def add(
        self, kind: str, weight: float, reason: str, doubt_only: bool = False, names: bool = False
    ) -> None:
        """Evidence for a type; `doubt_only` evidence can cast doubt on a plan but never refuse it;
        `names` evidence says what the document is (its title, its name for itself, its decision)."""
        if weight:
            self.scores[kind] += weight
            self.reasons[kind].append(reason)
            if doubt_only:
                self.doubt_only[kind] += weight
            self.identified |= names and kind == "ivp"


class DocTypeGate:
    """The gate, with the rule pack's cue words compiled once."""

    def __init__(self, cues: Cues) -> None:
        self.cues = cues
        self.opening = OpeningReader(cues)
        self.weights = {k: float(v) for k, v in cues.mapping("weights").items()}
        self.title = {t: cues.pattern(rf"{{{t}_title}}") for t in ("ivp", *SCORED_TYPES)}
        self.title["regional"] = cues.pattern(r"{regional_title}")
        self.title["other_policy"] = cues.pattern(r"{other_policy_title}")
        self.title["belgian"] = cues.pattern(r"{belgian_title}")
        self.title["guidance"] = cues.pattern(r"{guidance_title}")
        self.regional_qualifier = cues.pattern(r"{regional_qualifier}")
        self.breadcrumb = cues.pattern(r"{breadcrumb_separator}")
        self.regional = cues.pattern(r"{regional_structure}")
        self.self_ref = {t: cues.pattern(rf"\b{{{t}_self}}\b") for t in ("ivp", *SCORED_TYPES[:3])}
        self.self_ref["ivp"] = cues.pattern(r"\b(?:{ivp_self}|{ivp_intro})\b")
        self.intro = cues.pattern(r"\b{ivp_intro}\b")
        self.structure = {
            t: cues.pattern(rf"{{{t}_structure}}", re.I | re.M) for t in ("ivp", *SCORED_TYPES[:3])
        }
        self.voice = cues.pattern(r"{ivp_voice}")
        self.headline = cues.pattern(r"\b{headline_verbs}\b|{headline_judgement}")
        self.slogan = cues.pattern(r"{title_slogan}")
        self.title_about = cues.pattern(r"\b{title_about}\s+(?:[\w-]+\s+)?$")
        self.letter = cues.pattern(r"{letter}", re.I | re.M)
        self.decision_open = cues.pattern(r"{decision_open}")
        self.decision_verb = cues.pattern(r"{decision_verb}")
        self.published_name = cues.pattern(r"{published_name}")
        self.dateline = cues.pattern(r"{news_dateline}", flags=0)
        self.dateline_prose = cues.pattern(r"{news_dateline_prose}", flags=0)
        self.dateline_place = cues.pattern(r"{news_dateline_place}", flags=0)
        self.date_line = cues.pattern(r"{news_date_line}")
        self.byline = cues.pattern(r"{news_byline}", re.I | re.M)
        self.news_furniture = cues.pattern(r"{news_furniture}")
        self.speech = cues.pattern(r"{news_speech}")
        self.third_person = cues.pattern(r"{news_third_person}")
        self.plan_named = cues.pattern(r"{plan_named}")
        self.reported_act = cues.pattern(r"{reported_act}")
        self.plan_to_come = cues.pattern(r"{plan_to_come}")
        self.event = cues.pattern(r"{news_event}")
        self.relative_date = cues.pattern(r"{news_relative_date}")
        self.news_section = cues.pattern(r"{news_section}", re.I | re.M)
        self.budget = cues.pattern(r"{budget_structure}")
        self.guidance_author = cues.pattern(r"{guidance_author}|{party_names}")
        self.party_named = cues.pattern(r"{party_names}|{party_member}")
        self.research = cues.pattern(r"{research_byline}", re.I | re.M)
        self.guidance_voice = cues.pattern(r"{guidance_voice}")
        # ... or a party speaks as itself ("Veiligheid is voor D66 ...", "Als VVD staan we ...")
        self.party_voice = cues.pattern(r"{party_voice}|\b(?:als|voor)\s+(?:{party_names})")
        self.guidance_words = cues.pattern(r"{guidance_words}")
        self.decision_title = cues.pattern(r"{decision_title}")
        self.belgian = cues.pattern(r"{belgian}")
        self.about_page = cues.pattern(r"{about_page}", re.I | re.M)
        self.download_link = cues.pattern(r"{download_link}")
        self.about_safety = cues.pattern(r"{about_safety}")
        self.colophon = cues.pattern(r"{colophon_entry}")
        # a plan named in the third person: "het nieuwe integrale veiligheidsplan", "een rampbestrijdingsplan"
        self.antecedent = cues.pattern(
            r"\b(?:het|een|één|de)\s+(?:[\w-]+\s+){{0,3}}[\w-]*(?:{ivp_title}|plan\b)"
        )
        self.chapter = cues.pattern(r"{chapter_self}")
        self.generic_title = cues.pattern(r"{generic_title}")
        self.policy_note = cues.pattern(r"(?:{policy_note})\s+(?:{ivp_title})")
        self.other_subject = cues.pattern(r"{other_subject_plan}")
        self.institution = cues.pattern(r"\b(?:{institution_words})\b")
        self.municipal = cues.pattern(r"\b(?:{municipal_words})\b")
        self.own_municipality = cues.pattern(r"{own_municipality}", flags=0)
        self.compounds = CompoundExpander(cues.words("compound_heads"))
        self.title_heads = cues.words("title_heads")
        self.run_on_clause = cues.pattern(r"\s*(?:{run_on_clause})")
        self.colophon_lead = cues.pattern(r"(?:{colophon_lead})\s+(?:(?:het|de)\s+)?")
        self.ordinal = cues.pattern(r"(?:{ordinal}\s+)?")
        self.plan_programme = cues.pattern(r"\b{plan_programme}")
        # the words before the year start with a letter: "programma Veiligheid 2011 - 2012" spans a period
        self.year_programme = cues.pattern(
            r"(?:{year_programme})\s+(?:[^\W\d][\w-]*\s+){{0,5}}(?:19|20)\d\d\b"
        )

    def classify(self, doc: Document, opening: Opening | None = None) -> DocTypeDecision:
        """The type decision for one document (and its opening, when read already), with reasons."""
        opening = opening or self.opening.read(doc)
        text = opening.text
        read = [text, *opening.head, *(h.text for h in doc.headings)]  # a title or contents on safety count
        if not self.about_safety.search("\n".join(read)):
            return DocTypeDecision(
                type="overig",
                is_ivp=False,
                confidence=0.9,
                reasons=[
                    "gaat niet over (gemeentelijk) veiligheidsbeleid: geen veiligheid, openbare orde of IVP"
                ],
            )
        evidence = self.evidence(doc, opening)
        words = _body_words(opening)
        plan_text = evidence.plan_body() >= self.weights["thin_ivp"]
        plainly_other = evidence.strongest_other()[0] >= self.weights["strong"]
        if words < self.weights["empty_words"] and not plan_text and not plainly_other:
            return _title_only(opening, evidence, words)  # unless it is plainly something else
        return self._decide(evidence)

    def evidence(self, doc: Document, opening: Opening) -> Evidence:
        """The evidence for each type in a document's opening."""
        opening = self._expanded(opening)
        headings = [h.text for h in doc.headings] + [e.title for e in doc.toc]
        lines = (*opening.head, *opening.lines, *headings)  # the head holds a contents list read as furniture
        built = any(BLOCK_END.match(line) for line in lines)  # contents, foreword, introduction, chapters
        evidence = Evidence(headed=self._headed(opening), built=built)
        plan_name = self._plan_name(opening.title)
        self._news(opening, evidence)  # first: a page that reports on a plan is titled by its name
        self._self_and_structure(opening, headings, plan_name, evidence)  # naming itself otherwise too
        self._title(opening, plan_name, evidence)
        self._decision(opening, evidence)
        self._others(opening, evidence)
        self._chapter_of_plan(opening, evidence)
        self._weigh_about_plan(evidence)
        return evidence

    def _expanded(self, opening: Opening) -> Opening:
        """The opening with compounds that share a head written out ('Veiligheids- en
        handhavingsbeleid' names the safety policy as much as the enforcement policy)."""
        expand = self.compounds.expand
        return replace(
            opening,
            title=expand(opening.title),
            block=[expand(line) for line in opening.block],
            head=[expand(line) for line in opening.head],
            lines=[expand(line) for line in opening.lines],
        )

    # --- evidence -----------------------------------------------------------------------------------

    def _headed(self, opening: Opening) -> list[tuple[str, str]]:
        """The title lines headed by another type's noun ("Uitvoeringsprogramma 2016" under the IVP's
        name, "Startnotitie Integraal Veiligheidsplan"): the document is that type, a plan its subject."""
        if not opening.title:
            return []
        # a title split over lines: "Integraal Veiligheidsplan / 2019-2022 & / Uitvoeringsprogramma"
        cover = " ".join(opening.head)
        kinds = [kind for kind in (*SCORED_TYPES, *OVERIG_KINDS) if not self._joined_to_plan(cover, kind)]
        headed = [
            (kind, line)
            for line in opening.title_lines
            for kind in kinds
            if (m := self.title[kind].search(line))
            # "Een evaluatie", "Eerste voortgangsrapportage veiligheidsagenda ..."; a region's or the police's
            # name anywhere on the title block: its issuer ("Beleidsplan 2019-2023 Veiligheidsregio ...")
            and (
                line is opening.title
                or kind == "regional"
                or self.ordinal.fullmatch(line[: m.start()])
                or len(line.split()) <= 3
            )
        ]
        # "Veiligheidsprogramma Gemeente Assen 2015" under "Integraal Veiligheidsbeleid 2012-2016": one
        # year's programme of the plan (a jaarschijf)
        if any(RANGE.search(line) for line in opening.title_lines):
            headed += [
                ("uitvoeringsplan", line) for line in opening.title_lines if self._year_programme(line)
            ]
        return headed

    def _title(self, opening: Opening, plan_name: re.Match[str] | None, evidence: Evidence) -> None:
        """Type words in the document's own title and title block (`plan_name`: the plan's name in the
        title); where the title is not the plan's name, the plan may still be named by the site or a
        run-on head line."""
        w = self.weights
        for kind, line in dict(reversed(evidence.headed)).items():  # one title per type, however often shown
            match = self.title[kind].search(line) or self._year_programme(line)
            reason = f"titel '{line}': '{match.group(0) if match else kind}'"
            if self._doubtful_head(kind, line):  # "Actieprogramma Veiligheid 2010-2014", "Notitie ..."
                evidence.add(kind, w["title_unbuilt"], reason + " (misschien het plan zelf)", doubt_only=True)
            else:
                evidence.add(_type_of(kind), w["title"], reason)
        title = opening.title
        subject = False
        if match := plan_name:
            subject, names_plan = self._plan_is_subject(opening, evidence, match)
            if self._generic(opening):  # a topic's heading, not a plan's own name
                subject, names_plan = True, False
            weight = w["title_subject"] if subject else w["title"] if evidence.built else w["title_unbuilt"]
            evidence.add("ivp", weight, f"titel '{title}': '{match.group(0)}'", names=names_plan)
            evidence.title = weight
        elif not evidence.headed and (plan := self._part_of_plan(opening)):
            evidence.add("ivp", w["part_of_plan"], f"een hoofdstuk of deel van het plan '{plan}'", names=True)
        elif not evidence.headed and (line := self._named_in_head(opening)):
            if self.about_page.search(opening.text) or evidence.reports_act or self._news_form(evidence):
                # a page about the plan or a report on it heads a section with the plan's name
                evidence.add("ivp", w["title_subject"], f"de naam van het plan als kop: '{line[:80]}'")
            else:
                evidence.add("ivp", w["cover"], f"de naam van het plan bovenaan: '{line[:80]}'", names=True)
        self._cover_lines(opening, evidence, plan_is_subject=subject or bool(evidence.headed))

    def _generic(self, opening: Opening, line: str | None = None) -> bool:
        """The title (or another line of its block) is only the generic word ('Veiligheidsbeleid') and nothing
        on the title block makes it a plan's name (a period, the issuing municipality): a topic's heading."""
        bare = self.generic_title.match(opening.title if line is None else line)
        return bool(bare) and not opening.organisation and not any(map(RANGE.search, opening.title_lines))

    def _plan_name(self, title: str) -> re.Match[str] | None:
        """The plan's name in a title, not a tail of another type's word ('Uitvoeringsprogramma Integrale
        veiligheid' is no 'programma integrale veiligheid') nor another subject's safety plan
        ('Veiligheidsplan opstellen voor uw evenement')."""
        if self.other_subject.search(title):
            return None
        title = HOST_JOIN.sub(" ", title)  # "Beleidsplan. Integrale Veiligheid": a host's joined cover lines
        match = self.title["ivp"].search(title)
        for kind in SCORED_TYPES:
            other = self.title[kind].search(title)
            if match and other and other.start() < match.start() < other.end():
                match = self.title["ivp"].search(title, other.end())
        return match

    def _plan_is_subject(
        self, opening: Opening, evidence: Evidence, match: re.Match[str]
    ) -> tuple[bool, bool]:
        """Whether the plan's name in the title is what the document is about rather than its own name
        (a headline, a title about a plan or offering it for download, a regional plan, news, a
        document of another type, a council decision), and whether the title still names the document
        a plan (a regional plan, a decision publishing the plan). A headline or a title about a plan is
        news evidence too; a slogan in capitals before the name is no title about a plan."""
        title = opening.title
        # "Besluit van de gemeenteraad ... houdende regels omtrent het IVP": the decision publishes the plan
        if self.decision_title.search(title):
            return True, True
        # a host's joined cover lines are read one by one: the slogan after a plan's name is no headline
        start, end = next(span for span in _cover_segments(title) if span[0] <= match.start() < span[1])
        headline = self._headline(title[start:end])
        if headline:
            evidence.add("nieuwsbericht", 1.5, f"titel is een kop met een werkwoord: '{title}'")
        linked = self._links_to(opening, match.group(0))  # a page offering the plan for download
        before = title[: match.start()]
        about = (self.title_about.search(before) and not before.isupper()) or linked
        if about and not headline:
            evidence.add("overig" if linked else "nieuwsbericht", 1.0, f"titel gaat over een plan: '{title}'")
        regional = self.regional_qualifier.search(before) or self._supra_local(opening)
        reported = self._news_form(evidence)
        named = evidence.named - {"ivp"}  # "in deze raadsinformatiebrief": the plan is its subject
        headed = [line for kind, line in evidence.headed if not self._doubtful_head(kind, line)]
        other = headed or headline or about or reported or named or evidence.apart
        return bool(other or regional or evidence.headed), not other

    def _cover_lines(self, opening: Opening, evidence: Evidence, plan_is_subject: bool) -> None:
        """Type words in the title block's other lines; the plan's name there adds nothing when the
        plan is the document's subject, and a headline there is news."""
        for line in opening.block:
            for kind in ("ivp", *SCORED_TYPES[:3]):
                decision = self.decision_title.search(line)
                if (kind, line) in evidence.headed or (kind == "ivp" and (plan_is_subject or decision)):
                    continue
                if not (match := self.title[kind].search(line)):
                    continue
                if kind == "ivp" and self._generic(opening, line):
                    continue  # "Openbare orde en veiligheid / Veiligheidsbeleid": a topic's heading
                if kind == "ivp" and self._headline(line):
                    evidence.add("nieuwsbericht", 1.5, f"kop met een werkwoord: '{line}'")
                elif kind == "ivp" and self.title_about.search(line[: match.start()]):
                    continue  # "Opstellen nieuw Integraal Veiligheidsplan ...": a line about a plan
                else:
                    reason = f"titelblad: '{match.group(0)}' in '{line}'"
                    evidence.add(_type_of(kind), self.weights["cover"], reason, names=True)

    def _year_programme(self, line: str) -> re.Match[str] | None:
        """A programme of one year ("Veiligheidsprogramma Gemeente Assen 2015"), not of a period."""
        match = self.year_programme.search(line)
        return match if match and not RANGE.match(line, match.end() - 4) else None

    def _doubtful_head(self, kind: str, line: str) -> bool:
        """Another type's word heading a title that may still be the plan's own name: an action programme
        over a plan's whole period ("Actieprogramma Veiligheid 2010-2014", a large city's name for its plan)
        or a memo named after the policy ("Notitie Integraal veiligheidsbeleid", an older plan's name).
        Such a head casts doubt on the plan, never refuses it."""
        programme = kind == "uitvoeringsplan" and self._plan_long_programme(line)
        return programme or bool(self.policy_note.match(line))

    def _news_form(self, evidence: Evidence) -> bool:
        """The text has the form of news (a dateline, a news section, a date, a date relative to the day of
        writing): a plan's name in it, as its title, a heading or 'dit plan', is what it reports on."""
        return evidence.news_form >= self.weights["reported"]

    def _plan_long_programme(self, line: str) -> bool:
        """An action programme over a plan's whole period ("Actieprogramma Veiligheid 2010-2014"): large
        cities name their plan so, while an execution programme of a plan is headed so more specifically."""
        years = self.weights["plan_years"]
        return bool(self.plan_programme.search(line)) and any(
            end - start >= years for start, end, _ in year_ranges(line)
        )

    def _headline(self, line: str) -> bool:
        """A news headline: three words or more with a finite verb or a judgement, not counting a cover's
        slogan ('... SAMEN WERKEN AAN VEILIGHEID', 'Samen werken aan een veilig Woerden!'); a municipality
        acting is news too ('Hellendoorn vertaalt IVP naar actieplan')."""
        words = self.slogan.sub(" ", CAPITALS.sub(" ", line))
        verb = bool(self.headline.search(words)) or _municipality_acts(line)
        return len(line.split()) >= HEADLINE_WORDS and verb

    def _named_in_head(self, opening: Opening) -> str:
        """A line before the text begins that opens with a plan's name and its period ('Integraal
        veiligheidsbeleid gemeente Steenbergen 2016-2020 in concept opgesteld ...'): the plan's name,
        run on with the lines after it where a host or a text export joined them."""
        for before, line in zip(["", *opening.head], opening.head, strict=False):
            if line in opening.title_lines:
                continue  # the title block is read as such
            if before.rstrip().endswith(":"):
                continue  # an item of a list ("Vastgestelde beleidsnota's:"), a form field's value
            lead = self.colophon_lead.match(line)  # the plan's colophon names it in a sentence of its own
            name = self.title["ivp"].match(line, lead.end() if lead else 0)
            period = name and RANGE.search(line, name.end(), name.end() + 60)
            # not "Kadernota Integrale Veiligheid 2013-2014 is afgelopen.", except in the plan's colophon
            if period and (lead or not self.run_on_clause.match(line, period.end())):
                return line
        return ""

    def _chapter_of_plan(self, opening: Opening, evidence: Evidence) -> None:
        """An opening that is one chapter of a larger document ('Hoofdstuk 5: ...', 'In dit hoofdstuk ...')
        in the plan's own voice, with no title of its own, not speaking to the reader as 'je' (a guide) and
        not a party's or an announcement's (a programme chapter), is a chapter of the plan."""
        if evidence.headed or evidence.title or not evidence.voice or evidence.addressed:
            return
        if "overig" in evidence.named:
            return  # a party's programme speaks of itself: its chapter is the party's
        if match := self.chapter.search(opening.text[: int(self.weights["chapter_head"])]):
            reason = f"een hoofdstuk in de eigen stem van het plan: '{_clean(match.group(0))}'"
            evidence.add("ivp", self.weights["chapter"], reason, names=True)

    def _supra_local(self, opening: Opening) -> bool:
        """A region's or the nation's plan: its text names two of their institutions (the police unit, the
        regional board, the minister); its plan-like title is then no evidence of a municipality's plan."""
        return len(_distinct(self.regional, opening.text)) >= 2

    def _part_of_plan(self, opening: Opening) -> str:
        """The plan a web page belongs to: the site name after its own title, or a breadcrumb's parent."""
        for name in opening.organisation:
            if self.title["ivp"].search(name):
                return name
        for line in opening.head:
            crumbs = self.breadcrumb.split(line)
            if len(crumbs) < 3 or any(len(crumb.split()) > 8 for crumb in crumbs):
                continue  # a trail of short names ("Home > Beleid > ... > 4. Ondermijning"), not a sentence
            parents = crumbs[:-1]
            if match := next((m for part in parents if (m := self.title["ivp"].search(part))), None):
                return match.group(0)
        return ""

    def _joined_to_plan(self, title: str, kind: str) -> bool:
        """'Integraal Veiligheidsplan 2011-2014 & Uitvoeringsprogramma 2011-2012': one document holding
        the plan and its programme; a type named after the plan's name and a conjunction is a part of it."""
        other = self.title[kind].search(title)
        plan = other and self.title["ivp"].search(title[: other.start()])
        return bool(plan and JOINED.search(title[plan.end() : other.start()]))

    def _links_to(self, opening: Opening, name: str) -> bool:
        """The page offers a document of this name as a download: the page is about that document."""
        lowered = name.lower()
        return any(self.download_link.search(line) and lowered in line.lower() for line in opening.lines)

    def _self_and_structure(
        self, opening: Opening, headings: list[str], plan_name: re.Match[str] | None, evidence: Evidence
    ) -> None:
        w = self.weights
        text = opening.text
        # a quoted mayor's "we" and "dit plan" are not the document's own voice, nor is a colophon's "voor
        # deze rapportage is gebruikgemaakt van ..." its name for itself
        own = unquoted("\n".join(line for line in opening.lines if not self.colophon.match(line)))
        # a party speaks ("onze fractie") or is named ("Het CDA deelt de ambitie van het college"): a party's
        # page or a report on the council's politics, whose "we" and "dit plan" are not the plan's own
        party = _add_cues(evidence, "overig", self.party_voice, own, 2.0, 1, "de stem van een partij")
        party += _add_cues(evidence, "overig", self.party_named, text, 1.5, 1, "noemt een politieke partij")
        if speaker := self._site_speaks(opening, own):
            evidence.add("overig", 2.0, f"de site spreekt als zichzelf: '{speaker}'")
            party.append(speaker)
        # ... or it announces the plan still to be written ("De gemeente gaat een nieuw IVP opstellen")
        coming = _add_cues(evidence, "overig", self.plan_to_come, own, 1.5, 1, "over een plan dat nog komt")
        if party or coming:
            evidence.named.add("overig")
        structured = "\n".join([text, *headings])  # one string: each type's pattern prunes its entries on it
        for kind in (*SCORED_TYPES[:3], "ivp"):  # the plan last: another type's document speaks about it
            phrases = sorted(set(self._self_names(kind, own, evidence)))
            if kind == "ivp" and not evidence.headed:
                phrases = sorted({*phrases, *self._title_head_names(opening, plan_name, own)})
            # another type's document, unless the plan introduces itself ("Voor u ligt het IVP ...")
            other_document = (evidence.headed or evidence.named - {"ivp"}) and not self.intro.search(own)
            if phrases and kind == "ivp" and other_document:  # a startnotitie's "dit plan": the plan to come
                reason = "noemt het plan waarover het gaat: " + _quoted(phrases)
                evidence.add(kind, w["title_subject"], reason)
            elif phrases:
                weight = w["self"] if kind == "ivp" else w["self_other"]  # "deze raadsinformatiebrief"
                # "dit actieprogramma" under a title that spans a plan's period: maybe the plan itself
                long_programme = kind == "uitvoeringsplan" and any(
                    self._plan_long_programme(line) for _, line in evidence.headed
                )
                reason = "noemt zichzelf: " + _quoted(phrases)
                evidence.add(
                    kind, weight * min(len(phrases), 3), reason, doubt_only=long_programme, names=True
                )
                evidence.named.add(kind)
            weight = w.get(f"structure_{kind}", w["structure"])
            found, places = _cues_and_places(self.structure[kind], structured)  # enumerations count less
            if places:
                evidence.add(kind, weight * min(places, 4), "kenmerken: " + _quoted(found))
            if kind == "raadsvoorstel" and len(found) >= w["council_form"]:
                evidence.named.add(kind)  # the fixed headings of a council proposal: the plan is its subject
        words = len(text.split())
        voice = len(self.voice.findall(own))
        if words and voice * 1000 / words >= 5:
            evidence.add("ivp", 1.0, f"de eigen stem van het plan ('wij', 'we', 'onze gemeente': {voice}x)")
            evidence.voice = 1.0
        _add_cues(evidence, "raadsvoorstel", self.letter, text, 2.0, 2, "briefvorm")
        self._about_plan(own, evidence)

    def _site_speaks(self, opening: Opening, own: str) -> str:
        """The site's own name (after the page title: a party, an association, a company), not a
        municipality's, written as the text's speaker ("Als Barendrecht Vooruit willen we ...", "Voor X is
        veiligheid ..."): the page is that organisation's, its "we" not a municipality's plan."""
        for name in opening.organisation:
            if lookup(name) or self.opening.organisation.match(name):
                continue  # "Gemeente Velsen", "Westland": a municipality publishes its own plan
            if match := re.search(rf"\b(?:als|voor)\s+{re.escape(name)}\b", own, re.I):
                return match.group(0)
        return ""

    def _reported_acts(self, text: str) -> list[re.Match[str]]:
        """Acts on a plan reported as news ("heeft de gemeenteraad het IVP vastgesteld"), not the plan's
        own history, which dates them with a year ("heeft in 2008 een nota ... vastgesteld")."""
        return [m for m in self.reported_act.finditer(text) if not _dated(m.group(0))]

    def _self_names(self, kind: str, own: str, evidence: Evidence) -> list[str]:
        """The text's names for itself as this type; for the plan, not a "dit plan" later in a paragraph
        that reports an act on a plan ("... heeft de raad het IVP vastgesteld. Dit plan bevat ..."): that
        is the plan reported on, the text's subject."""
        if kind == "ivp" and self._news_form(evidence) and not evidence.built:
            return []  # news without contents: its "dit plan" is the plan it reports on
        acts = [m.end() for m in self._reported_acts(own)] if kind == "ivp" else []
        names, reported, pointing = [], [], []
        for match in self.self_ref[kind].finditer(own):
            after_act = any(end <= match.start() and "\n" not in own[end : match.start()] for end in acts)
            if kind == "ivp" and not after_act and self._points_back(own, match.start(), pointing):
                pointing.append(match.start())  # another plan, named just before
                continue
            (reported if after_act else names).append(match.group(0).lower())
        if reported:
            reason = "noemt het plan waarover het bericht gaat: " + _quoted(sorted(set(reported)))
            evidence.add("ivp", self.weights["title_subject"], reason)
        return names

    def _title_head_names(self, opening: Opening, name: re.Match[str] | None, own: str) -> list[str]:
        """The document naming itself by the head of its own plan title (`name`): 'dit programma' under
        'Lokaal Integraal Veiligheidsprogramma 2001-2005', 'deze visie' under 'Veiligheidsvisie ...'."""
        word = name.group(0).split()[-1].lower() if name else ""
        head = max((h for h in self.title_heads if word.endswith(h)), key=len, default="")
        if not head or self._generic(opening):
            return []
        pattern = re.compile(rf"\b(?:dit|deze)\s+{head}\b", re.I)
        return [m.group(0).lower() for m in pattern.finditer(own)]

    def _points_back(self, own: str, start: int, pointing: list[int]) -> bool:
        """'Dit plan' within two sentences after one that names a plan (of any kind) in the third person
        points back to that plan ('... wordt het nieuwe integrale veiligheidsplan aan de raad voorgelegd.
        Dit beleidsplan is ...', 'een nieuw rampbestrijdingsplan ... Dit plan beschrijft ...'), as does one
        right after such a pointing 'dit plan' (`pointing`: their positions), unless those sentences hold
        the plan introducing itself ('Voor u ligt het IVP ...')."""
        before = own[max(0, start - ANTECEDENT_CHARS) : start]
        ends = [m.end() for m in SENTENCE_BREAK.finditer(before)]
        previous = before[ends[-3] if len(ends) > 2 else 0 :]  # the two sentences before and this one's start
        chained = any(start - len(previous) <= earlier < start for earlier in pointing)
        return (chained or bool(self.antecedent.search(previous))) and not self.intro.search(previous)

    def _about_plan(self, own: str, evidence: Evidence) -> None:
        """A text that names the plan as a document apart ('in het IVP staat', 'het plan') again and
        again, never as itself ('dit plan'), and shows little of the plan's own structure, is about the
        plan: news or a page about it; its plan-like title is then its subject."""
        named = self.plan_named.findall(own)
        w = self.weights
        if "ivp" in evidence.named or len(named) < w["plan_named"] or evidence.plan_body() >= w["apart_body"]:
            return
        evidence.apart = len(named)

    def _weigh_about_plan(self, evidence: Evidence) -> None:
        """A text about the plan counts for the type it otherwise looks most like (doubt only)."""
        if evidence.apart:
            score, kind = evidence.strongest_other()
            reason = f"spreekt over het plan als een ander stuk ({evidence.apart}x)"
            evidence.add(kind if score else "overig", float(min(evidence.apart, 4)), reason, doubt_only=True)

    def _decision(self, opening: Opening, evidence: Evidence) -> None:
        """A council decision followed by the plan is a published IVP; a decision alone is a raadsstuk."""
        text = opening.text
        opened = self.decision_open.search(text)
        verb = self.decision_verb.search(text, opened.end() if opened else 0)
        published = self._published_plan(opening)
        if not opened or not verb:
            if published:  # the publication's own entry for the plan, its decision past the excerpt
                reason = f"officiële publicatie van het plan: '{published}'"
                evidence.add("ivp", self.weights["published"], reason, names=True)
            return
        tail = text[verb.end() :]
        decided = tail[:400]
        # the plan is the first thing adopted ("1. het IVP vast te stellen; 2. ... een uitvoeringsprogramma")
        plan = self.title["ivp"].search(decided)
        others = [m.start() for t in SCORED_TYPES[:3] if (m := self.title[t].search(decided))]
        adopts_plan = bool(plan) and all(start > plan.start() for start in others)
        after = tail[200:]  # past the decision's own articles: the plan's title, voice and chapters
        signs = {_clean(m.group(0)) for m in self.structure["ivp"].finditer(after)}
        signs |= {_clean(m.group(0)) for m in self.self_ref["ivp"].finditer(after)}
        if self.title["ivp"].search(after):
            signs.add("titel")
        if self.voice.search(after):
            signs.add("wij")
        plan_text = len(tail.split()) >= DECISION_TAIL_WORDS and len(signs) >= 2
        weight = self.weights["published"]
        if adopts_plan and plan_text:
            reason = "raadsbesluit tot vaststelling, gevolgd door de tekst van het plan"
            evidence.add("ivp", weight, reason, names=True)
        elif adopts_plan and published:
            evidence.add("ivp", weight, f"officiële publicatie van het plan: '{published}'", names=True)
        elif not plan_text:
            evidence.add("raadsvoorstel", self.weights["strong"], "raadsbesluit zonder de tekst van het plan")
            if self.decision_title.search(opening.title):
                evidence.add(
                    "raadsvoorstel", self.weights["cover"], f"de titel is het besluit: '{opening.title}'"
                )

    def _published_plan(self, opening: Opening) -> str:
        """The name an official publication gives the regulation it publishes, when that is a plan's name."""
        for line in opening.lines:
            label = self.published_name.match(line)
            # the plan's name within the regulation's ("Westlands Veiligheidsbeleid 2023-2026")
            if label and self.title["ivp"].search(name := line[label.end() :]):
                return name
        return ""

    def _news(self, opening: Opening, evidence: Evidence) -> None:
        if any(self._dateline(line) for line in opening.lines[:6]):
            evidence.add("nieuwsbericht", 2.5, "plaatsnaam-aanhef (dateline)")
        if section := self.news_section.search("\n".join(opening.head[:12])):
            evidence.add(
                "nieuwsbericht", 2.0, f"in de nieuwsrubriek van de site: '{_clean(section.group(0))}'"
            )
        # a date line under the title (a bare "13-04-2023" is furniture to the text, not to this cue)
        dates = [line for line in opening.head[:10] if self.date_line.search(line)]
        if dates:
            evidence.add("nieuwsbericht", 1.5, f"publicatiedatum bovenaan: '{dates[0]}'")
        if byline := self.byline.search("\n".join(opening.head[:12])):  # its author's "we" and "dit plan"
            evidence.add(
                "nieuwsbericht", 2.0, f"auteur en datum van een bericht: '{_clean(byline.group(0))}'"
            )
            evidence.named.add("nieuwsbericht")
        # a headline whose subject is a municipality, over a text that is not titled by the plan's name
        acting = [line for line in opening.title_lines if _municipality_acts(line)]
        if acting and not self.title["ivp"].search(acting[0]):
            evidence.add("nieuwsbericht", 1.5, f"kop met de gemeente als onderwerp: '{acting[0]}'")
        text = opening.text
        news = "nieuwsbericht"
        _add_cues(evidence, news, self.news_furniture, text, 1.0, 2, "nieuwskenmerken")
        _add_cues(evidence, news, self.relative_date, text, 2.0, 2, "gedateerd vanaf de dag van schrijven")
        _add_cues(evidence, news, self.event, text, 1.0, 3, "verslag van een gebeurtenis")
        if acts := self._reported_acts(unquoted(text)):
            evidence.add(
                news, 1.0, "bericht over een besluit over het plan: " + _quoted([_clean(acts[0].group(0))])
            )
            evidence.reports_act = True
        evidence.news_form = evidence.scores.get(news, 0.0)  # the form of news, not what a plan also says
        _add_cues(evidence, news, self.speech, text, 1.0, 3, "weergegeven uitspraken")
        _add_cues(evidence, news, self.third_person, text, 1.0, 2, "over het plan in de derde persoon")

    def _dateline(self, line: str) -> bool:
        """A news lead's place: 'ZWOLLE - ...', 'Midden-Groningen – ...' or 'ZEEWOLDE De gemeente ...'."""
        if self.dateline.match(line):
            return True
        if len(line.split()) < DATELINE_PARAGRAPH_WORDS:
            return False
        if self.dateline_prose.match(line):
            return True
        place = self.dateline_place.match(line)
        lead = " ".join(line[place.end() :].split()[:4]) if place else ""
        return bool(place and lookup(place.group(0)) and not self.title["ivp"].search(lead))

    def _others(self, opening: Opening, evidence: Evidence) -> None:
        text = opening.text
        heads = [line for line in opening.lines[:5] if len(line.split()) <= 12]  # bylines, not body text
        byline = "\n".join([*opening.title_lines, *opening.organisation, *opening.references, *heads])
        _add_cues(evidence, "overig", self.guidance_author, byline, 2.0, 2, "uitgegeven door")
        research = "\n".join(opening.head[:20])  # authors, institute and client on a report's cover
        _add_cues(evidence, "evaluatie", self.research, research, 1.5, 3, "een onderzoeksrapport")
        voice = len(self.guidance_voice.findall(text))
        if voice >= 3:
            evidence.add("overig", 1.5, f"spreekt de lezer aan met 'je' ({voice}x)")
            evidence.addressed = True
        _add_cues(evidence, "overig", self.guidance_words, text, 1.0, 3, "handreiking")
        belgian = _distinct(self.belgian, text)
        if belgian:
            # a Belgian plan is out of scope however plan-like it is: two of its own institutions decide
            weight = self.weights["strong"] + 8.0 if len(belgian) >= 2 else 2.0
            evidence.add("overig", weight, "Belgisch (politiezone): " + _quoted(belgian))
        head = text[: int(self.weights["other_subject_head"])]
        if subject := _distinct(self.other_subject, head):
            reason = "een veiligheidsplan van een evenement, school of bedrijf: " + _quoted(subject)
            evidence.add("overig", self.weights["other_subject"] * min(len(subject), 2), reason)
        self._institution(text, evidence)
        _add_cues(evidence, "overig", self.budget, text, 1.0, 3, "een pagina van de begroting")
        frame = bool(self.own_municipality.search(text))  # a municipality's plan explaining its frame
        _add_cues(evidence, "overig", self.regional, text, 1.5, 1 if frame else 3, "een regionaal plan")
        _add_cues(evidence, "overig", self.about_page, text, 1.5, 3, "een pagina over het plan")

    def _institution(self, text: str, evidence: Evidence) -> None:
        """A school's, club's or college's own safety plan: its words again and again ('School en
        omgangsregels', 'de vereniging', 'leerlingen'), the municipality's hardly ever."""
        words = [_clean(m.group(0)) for m in self.institution.finditer(text)]
        w = self.weights
        if (
            len(words) >= w["institution_words"]
            and len(self.municipal.findall(text)) <= w["institution_municipal"]
        ):
            reason = (
                f"een veiligheidsplan van een school, vereniging of instelling: {_quoted(sorted(set(words)))}"
            )
            evidence.add("overig", 2 * w["other_subject"], reason + f" ({len(words)}x)")  # its title no IVP's

    # --- decision ---------------------------------------------------------------------------------

    def _decide(self, evidence: Evidence) -> DocTypeDecision:
        w = self.weights
        ivp = evidence.scores.get("ivp", 0.0)
        other, kind = evidence.strongest_other()
        firm = other - evidence.doubt_only.get(kind, 0.0)
        if firm >= w["strong"] and other >= ivp + w["margin"]:
            confidence = _confidence(other, ivp)
            return DocTypeDecision(
                type=kind, is_ivp=False, confidence=confidence, reasons=_reasons(evidence, kind, "ivp")
            )
        # mixed: another type's evidence is both real and not far behind (a plan that mentions the budget
        # and the police unit in passing is not in doubt)
        doubt = ivp < w["clear_ivp"] or (other >= w["doubt"] and other >= w["doubt_share"] * ivp)
        # the evidence against a plan, whatever type it points to, leads: scored, but the answer is the
        # strongest other type (a report of news with a researcher's byline is no plan either)
        against = other + w["pooled"] * (sum(v for k, v in evidence.scores.items() if k != "ivp") - other)
        if against > ivp or (against == ivp and kind in evidence.named):  # its own name breaks a tie
            return DocTypeDecision(
                type=kind,
                is_ivp=True,
                confidence=_confidence(other, ivp),
                reasons=_reasons(evidence, kind, "ivp"),
                doubt=True,
            )
        reasons = _reasons(evidence, "ivp", kind if other else None)
        # nothing of a plan but 'wij', or a few of its words without anything that names it a plan (a title,
        # 'dit plan', a council decision): scored, but not recognised as a plan
        thin = ivp - evidence.voice < w["thin_ivp"] or (not evidence.identified and ivp < w["unnamed_plan"])
        # a plan's name over a text that shows nothing of the plan itself, neither its voice nor its build
        # nor its name for itself: a text about the plan under the plan's name (a notice, a news item)
        title_alone = not (evidence.voice or evidence.built) and evidence.plan_body() < w["thin_ivp"]
        found = ""
        if thin:
            found = "nauwelijks kenmerken van een IVP (geen titel, opbouw of zelfverwijzing van een plan)"
        elif evidence.title and title_alone:
            found = (
                "alleen de naam van een plan als titel, verder niets van het plan zelf (geen eigen "
                "stem, opbouw of zelfverwijzing): een tekst over het plan?"
            )
        if found:
            reasons.append(found)
            looks_like = kind if other else "overig"  # the type its other evidence points to, if any
            return DocTypeDecision(type=looks_like, is_ivp=True, confidence=0.5, reasons=reasons, doubt=True)
        if doubt and not other:
            reasons.append("weinig kenmerken van een IVP (een fragment of een kort stuk?)")
        return DocTypeDecision(
            type="ivp", is_ivp=True, confidence=_confidence(ivp, other), reasons=reasons, doubt=doubt
        )


def _title_only(opening: Opening, evidence: Evidence, words: int) -> DocTypeDecision:
    """A title without a document: a host's page of the plan when the title is the plan's own name and
    nothing firm on the page points elsewhere (its text did not come through: scored, in doubt); else
    an empty page, a reference or a short item about the plan."""
    # doubt alone ("Notitie Integraal veiligheidsbeleid") points nowhere
    other, kind = evidence.strongest_other()
    own_name = evidence.title > 0 and evidence.identified and other <= evidence.doubt_only.get(kind, 0.0)
    found = f"bijna geen tekst naast de titel ({words} woorden)"
    named = kind in evidence.named and not own_name  # "In deze raadsinformatiebrief ...": a short one
    if own_name:
        reason = f"{found}: de pagina van het plan '{opening.title[:80]}', zonder de tekst ervan"
    elif named:
        reason = f"{found}: een kort stuk dat zichzelf een ander document noemt"
    else:
        reason = f"{found}: een lege pagina of een verwijzing"
    answer = "ivp" if own_name else kind if named else "overig"
    return DocTypeDecision(type=answer, is_ivp=True, confidence=0.6, reasons=[reason], doubt=True)


def _cover_segments(title: str) -> list[tuple[int, int]]:
    """The spans of a title's lines where a host joined them with '. ' (the whole title otherwise)."""
    cuts = [m.start() for m in HOST_JOIN.finditer(title)]
    return list(zip([0, *(cut + 1 for cut in cuts)], [*cuts, len(title)], strict=True))


def _municipality_acts(line: str) -> bool:
    """A headline whose subject is a municipality, its verb in the present tense ('Culemborg pakt
    ondermijning aan', 'Hellendoorn vertaalt IVP naar actieplan'): no plan's title has that form."""
    subject = MUNICIPAL_SUBJECT.match(line)
    return bool(subject) and lookup(subject.group(1)) is not None


def _dated(text: str) -> bool:
    """A year of its own in the text, not one of a period ("in 2008", not "IVP 2019-2022")."""
    periods = [(m.start(), m.end()) for m in RANGE.finditer(text)]
    return any(not any(a <= m.start() < b for a, b in periods) for m in SINGLE_YEAR.finditer(text))


def _body_words(opening: Opening) -> int:
    """Words read of the document besides its title block, organisation and reference lines."""
    heading = [*opening.title_lines, *opening.organisation, *opening.references]
    return opening.words - sum(len(line.split()) for line in heading)


def _distinct(pattern: CuePattern, text: str) -> list[str]:
    """The distinct cues of a pattern in a text, cleaned and sorted."""
    return sorted({_clean(m.group(0)) for m in pattern.finditer(text)})


def _cues_and_places(pattern: CuePattern, text: str) -> tuple[list[str], int]:
    """A text's distinct cues, and how many of them count as features of its own: a sentence or line that
    names three or more ("Dit plan bevat de visie, doelen, uitgangspunten en prioriteiten") enumerates what
    such a document holds, and counts once."""
    matches = list(pattern.finditer(text))
    if not matches:
        return [], 0
    ends = [m.end() for m in LINE_OR_SENTENCE.finditer(text)]
    places: defaultdict[int, set[str]] = defaultdict(set)
    for match in matches:
        places[bisect_right(ends, match.start())].add(_clean(match.group(0)))
    found = sorted(set().union(*places.values()))
    shown = sum(1 if len(cues) >= ENUMERATION else len(cues) for cues in places.values())
    return found, min(len(found), shown)


def _add_cues(
    evidence: Evidence, kind: str, pattern: CuePattern, text: str, each: float, cap: int, label: str
) -> list[str]:
    """Evidence for a type from the distinct cues of one list: `each` per cue, at most `cap` cues; the
    cues found."""
    if found := _distinct(pattern, text):
        evidence.add(kind, each * min(len(found), cap), f"{label}: " + _quoted(found))
    return found


def _type_of(kind: str) -> str:
    return "overig" if kind in OVERIG_KINDS else kind


def _clean(text: str) -> str:
    return " ".join(text.lower().split()).strip(" :")


def _quoted(items: list[str], limit: int = 4) -> str:
    return ", ".join(f"'{item}'" for item in items[:limit]) + (" …" if len(items) > limit else "")


def _confidence(best: float, rival: float) -> float:
    """How far the winning evidence is ahead: 0.5 (a tie) to 0.99."""
    return round(min(0.99, 0.5 + 0.5 * (best - rival) / (best + rival + 1.0)), 2)


def _reasons(evidence: Evidence, kind: str, rival: str | None) -> list[str]:
    """The reasons for the winning type, then the strongest counter-evidence."""
    reasons = [f"{TYPE_NAMES[kind]}: {r}" for r in evidence.reasons.get(kind, [])][:6]
    if rival and evidence.reasons.get(rival):
        score = evidence.scores[rival]
        weight = number(score, "nl", 1, whole_plain=False)
        reasons += [f"maar {TYPE_NAMES[rival]} ({weight}): {r}" for r in evidence.reasons[rival][:3]]
    return reasons


@lru_cache(maxsize=8)
def doctype_gate(vocab: Vocabularies) -> DocTypeGate:
    """The gate for a loaded rule pack (cached per pack)."""
    return DocTypeGate(vocab.cues("doctype"))


def classify_document(doc: Document, vocab: Vocabularies) -> DocTypeDecision:
    """What kind of document this is (see the module docstring for the policy)."""
    return doctype_gate(vocab).classify(doc)
