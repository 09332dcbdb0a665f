"""A renderer-neutral view of a Report: what an advisor reads, in reading order.

Every renderer (terminal, Markdown, HTML) formats this one view, so ordering rules (sections,
improvement points by weight) and wording live in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ivpcheck.model.report import CriterionResult, Evidence, Report
from ivpcheck.render.labels import BANDS, DOC_TYPES, SECTIONS, VERDICT_SYMBOLS, VERDICTS, labels
from ivpcheck.text.numbers import number

SEVERITY = {"ontbreekt": 0, "deels": 1, "voldoet": 2, "n.v.t.": 3}
MAX_EVIDENCE = 3  # evidence items shown per improvement point; the JSON report holds them all


def display_score(value: float | None) -> int | None:
    """A 0-100 score as shown to the user (half up), the value --fail-under compares."""
    return None if value is None else int(math.floor(value + 0.5))


@dataclass
class EvidenceView:
    """One place in the plan: page, section heading and quote."""

    page: int | None
    section: str | None
    quote: str
    matched: str | None = None


@dataclass
class CriterionRow:
    """One line of a section table."""

    id: str
    title: str
    weight: int
    kernelement: bool
    verdict: str
    verdict_label: str
    symbol: str
    page: int | None
    waived: str | None
    advisor: str | None = None  # '◐ deels': the advisor's verdict, when it differs from the tool's
    evidence: list[EvidenceView] = field(default_factory=list)  # where the verdict was found
    more_evidence: int = 0
    searched: str | None = None


@dataclass
class ReviewView:
    """A criterion where the advisor overruled the tool: both verdicts and the advisor's reason."""

    id: str
    title: str
    tool: str
    advisor: str
    reason: str


@dataclass
class SectionView:
    """A checklist section with its score and criteria."""

    letter: str
    name: str
    score: int | None
    rows: list[CriterionRow] = field(default_factory=list)


@dataclass
class ImprovementView:
    """An improvement point with the evidence behind it."""

    rank: int
    id: str
    title: str
    weight: int
    kernelement: bool
    verdict: str
    verdict_label: str
    symbol: str
    text: str
    evidence: list[EvidenceView]
    searched: str | None
    more_evidence: int = 0


@dataclass
class Notice:
    """A reservation shown above the score: a title, a lead and optional reasons."""

    title: str
    lead: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class ReportView:
    """Everything a human-readable report shows."""

    lang: str
    L: dict[str, str]
    file: str
    path: str
    format: str
    pages: int
    sha256: str
    plan_title: str | None
    municipalities: list[str]
    joint: bool
    period: str | None
    doc_type: str | None
    check_date: str
    tool_version: str
    rulepack_version: str
    schema_version: str
    scored: bool
    total: int | None
    band: str | None
    band_key: str | None
    capped_by: list[str]
    sections: list[SectionView]
    improvements: list[ImprovementView]
    waived: list[tuple[str, str, str]]
    reviewed: list[ReviewView] = field(default_factory=list)
    not_ivp_what: str | None = None
    not_ivp_reasons: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # shown above the score
    ocr: str | None = None  # which pages OCR read, and its mean confidence

    @property
    def file_facts(self) -> str:
        """Format and page count of the checked file, and what OCR read of it."""
        facts = f"{self.format}, {self.pages} {self.L['pages']}"
        return f"{facts}; {self.ocr}" if self.ocr else facts

    @property
    def generated_by(self) -> str:
        """The footer line."""
        return self.L["generated_by"].format(
            version=self.tool_version, rulepack=self.rulepack_version, schema=self.schema_version
        )


def _evidence(items: list[Evidence]) -> list[EvidenceView]:
    return [EvidenceView(e.page, e.section, " ".join(e.quote.split()), e.matched) for e in items]


def _first_page(result: CriterionResult) -> int | None:
    return next((e.page for e in result.evidence if e.page is not None), None)


def verdict_label(verdict: str, lang: str) -> str:
    """A verdict with its symbol, e.g. '◐ deels'."""
    return f"{VERDICT_SYMBOLS[verdict]} {VERDICTS.get(lang, VERDICTS['nl'])[verdict]}"


def improvement_order(criteria: list[CriterionResult]) -> list[CriterionResult]:
    """Criteria that need an improvement point (by the verdict that counts, the advisor's when
    reviewed): heaviest weight first, then the worst verdict, then kernelementen, then checklist order."""
    todo = [c for c in criteria if c.final_verdict in ("deels", "ontbreekt") and not c.waived]
    indexed = sorted(
        enumerate(todo),
        key=lambda ic: (-ic[1].weight, SEVERITY[ic[1].final_verdict], not ic[1].kernelement, ic[0]),
    )
    return [c for _, c in indexed]


def build_view(
    report: Report, lang: str | None = None, max_evidence: int | None = MAX_EVIDENCE
) -> ReportView:
    """The view of one report in the given language (default: the report's own)."""
    lang = lang or report.language
    L = labels(lang)
    verdicts = VERDICTS.get(lang, VERDICTS["nl"])
    profile = report.profile
    period = None
    if profile and (profile.period_start or profile.period_end):
        period = f"{profile.period_start or '?'}-{profile.period_end or '?'}"
    doc_type = None
    if profile:
        doc_type = DOC_TYPES.get(lang, DOC_TYPES["nl"]).get(profile.doc_type.type, profile.doc_type.type)

    sections = _sections(report, lang, verdicts)
    improvements = [
        ImprovementView(
            rank=i,
            id=c.id,
            title=c.title,
            weight=c.weight,
            kernelement=c.kernelement,
            verdict=c.final_verdict,
            verdict_label=verdicts[c.final_verdict],
            symbol=VERDICT_SYMBOLS[c.final_verdict],
            text=c.improvement or "",
            evidence=_evidence(c.evidence[:max_evidence]),
            searched=c.searched,
            more_evidence=len(c.evidence) - len(c.evidence[:max_evidence]),
        )
        for i, c in enumerate(improvement_order(report.criteria), start=1)
    ]
    view = ReportView(
        lang=lang,
        L=L,
        file=report.input.path.replace("\\", "/").rsplit("/", 1)[-1],
        path=report.input.path,
        format=report.input.format,
        pages=report.input.pages,
        sha256=report.input.sha256,
        plan_title=profile.title if profile else None,
        municipalities=[m.name for m in profile.municipalities] if profile else [],
        joint=bool(profile and profile.joint),
        period=period,
        doc_type=doc_type,
        check_date=report.check_date,
        tool_version=report.tool_version,
        rulepack_version=report.rulepack_version,
        schema_version=report.schema_version,
        scored=report.scored,
        total=display_score(report.total),
        band=BANDS.get(lang, BANDS["nl"]).get(report.band, report.band) if report.band else None,
        band_key=report.band,
        capped_by=list(report.band_capped_by),
        sections=sections,
        improvements=improvements,
        waived=[(c.id, c.title, c.waived) for c in report.criteria if c.waived],
        reviewed=[
            ReviewView(
                c.id,
                c.title,
                verdict_label(c.verdict, lang),
                verdict_label(c.final_verdict, lang),
                c.advisor_reason or "",
            )
            for c in report.criteria
            if c.overruled
        ],
    )
    if not report.scored and profile:
        view.not_ivp_what = DOC_TYPES.get(lang, DOC_TYPES["nl"]).get(profile.doc_type.type)
        view.not_ivp_reasons = list(profile.doc_type.reasons)
    elif not report.scored:
        view.not_ivp_what = L["unknown"]
    if report.scored and profile and profile.doc_type.doubt:
        decision = profile.doc_type
        confidence = number(decision.confidence, lang, 2)
        if decision.type == "ivp":
            title, lead = L["doubt_title"], L["doubt_lead"].format(confidence=confidence)
        else:
            what = DOC_TYPES.get(lang, DOC_TYPES["nl"]).get(decision.type, decision.type)
            title, lead = L["other_title"].format(what=what), L["other_lead"].format(confidence=confidence)
        view.notices.append(Notice(title, lead, list(decision.reasons)))
    if report.input.ocr_pages:
        pages = ", ".join(str(p) for p in report.input.ocr_pages)
        confidence = number(report.input.ocr_confidence or 0, lang, 0)
        view.ocr = L["ocr_facts"].format(pages=pages, confidence=confidence)
        if report.scored and report.input.ocr_doubtful:
            lead = L["ocr_lead"].format(confidence=confidence, pages=pages)
            view.notices.append(Notice(L["ocr_title"], lead))
    return view


def _sections(report: Report, lang: str, verdicts: dict[str, str]) -> list[SectionView]:
    names = SECTIONS.get(lang, SECTIONS["nl"])
    views: dict[str, SectionView] = {}
    for s in report.sections:
        name = names.get(s.section, s.name) if lang != "nl" else (s.name or names.get(s.section, s.section))
        views[s.section] = SectionView(s.section, name, display_score(s.score))
    for c in report.criteria:
        if c.section not in views:
            views[c.section] = SectionView(c.section, names.get(c.section, c.section), None)
        views[c.section].rows.append(
            CriterionRow(
                id=c.id,
                title=c.title,
                weight=c.weight,
                kernelement=c.kernelement,
                verdict=c.verdict,
                verdict_label=verdicts[c.verdict],
                symbol=VERDICT_SYMBOLS[c.verdict],
                page=_first_page(c),
                waived=c.waived,
                advisor=verdict_label(c.final_verdict, lang) if c.overruled else None,
                evidence=_evidence(c.evidence[:MAX_EVIDENCE]),
                more_evidence=len(c.evidence) - len(c.evidence[:MAX_EVIDENCE]),
                searched=c.searched,
            )
        )
    return [v for v in views.values() if v.rows]
