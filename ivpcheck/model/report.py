"""The Report model: ivpcheck's public, versioned output contract (`ivpcheck schema`).

Schema versioning: REPORT_SCHEMA_VERSION follows semver. Adding optional fields is a minor
change; renaming or removing a field, or changing a field's meaning, is a major change.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ivpcheck.model.checklist import FIELD_IDS
from ivpcheck.model.paths import DisplayPath

# 1.1.0: Profile.doc_type.doubt; 1.2.0: where names were found (found_in), implicit priorities;
# 1.3.0: the advisor's review (CriterionResult.advisor_verdict, advisor_reason);
# 1.4.0: InputInfo.ocr_pages and ocr_confidence; 1.5.0: a doubted document's doc_type.type names the
# type it looks like (it is scored all the same)
REPORT_SCHEMA_VERSION = "1.5.0"
LOW_OCR_CONFIDENCE = 70.0  # below this mean word confidence the report warns that verdicts may suffer

Verdict = Literal["voldoet", "deels", "ontbreekt", "n.v.t."]
Band = Literal["goed", "voldoende", "matig", "onvoldoende"]
Field5 = Literal[FIELD_IDS]  # the five veiligheidsvelden and 'dwarsdoorsnijdend'
DocType = Literal[
    "ivp",  # integraal veiligheidsplan or kadernota integrale veiligheid
    "uitvoeringsplan",  # uitvoeringsplan/-programma, jaarschijf
    "raadsvoorstel",  # startnotitie or raadsvoorstel/raadsbesluit about an IVP
    "evaluatie",  # evaluation, jaarverslag, veiligheidsrapportage, monitor
    "nieuwsbericht",  # news article
    "overig",  # any other document
]

VERDICT_SCORES: dict[str, float | None] = {
    "voldoet": 1.0,
    "deels": 0.5,
    "ontbreekt": 0.0,
    "n.v.t.": None,
}


class Evidence(BaseModel):
    """Where a finding was made: page, section heading, quote and what matched."""

    page: int | None = None
    section: str | None = None
    quote: str = Field(default="", max_length=200)
    matched: str | None = Field(default=None, description="term or pattern that matched")


class CriterionResult(BaseModel):
    """The verdict on one checklist criterion (K1..L7 or a user-defined rule)."""

    id: str
    slug: str
    title: str
    section: str = Field(description="section letter: K, A, V, P, U, M, S or L")
    weight: int
    kernelement: bool = False
    verdict: Verdict
    score: float | None = Field(description="1.0, 0.5, 0.0 or null for n.v.t.")
    evidence: list[Evidence] = Field(default_factory=list)
    searched: str | None = Field(default=None, description="for ontbreekt: what was looked for, and where")
    improvement: str | None = Field(
        default=None,
        description="improvement point (verbeterpunt) in the report language (Dutch unless lang is en)",
    )
    waived: str | None = Field(default=None, description="reason, when an advisor waived this criterion")
    advisor_verdict: Verdict | None = Field(
        default=None,
        description="the advisor's verdict (review file); when set it counts in the score, not verdict",
    )
    advisor_reason: str | None = Field(default=None, description="the advisor's reason for advisor_verdict")
    details: dict[str, object] = Field(default_factory=dict, description="measured values")

    @property
    def final_verdict(self) -> Verdict:
        """The verdict that counts: the advisor's when reviewed, else the tool's."""
        return self.advisor_verdict or self.verdict

    @property
    def final_score(self) -> float | None:
        """The score of the verdict that counts."""
        return VERDICT_SCORES[self.final_verdict]

    @property
    def overruled(self) -> bool:
        """Whether the advisor's verdict differs from the tool's."""
        return self.advisor_verdict is not None and self.advisor_verdict != self.verdict


class SectionScore(BaseModel):
    """The weighted score of one checklist section."""

    section: str
    name: str
    score: float | None = Field(description="0-100, null when nothing in the section is scored")
    weight: int = 0


class Municipality(BaseModel):
    """A Dutch municipality the plan covers."""

    code: str = Field(description="CBS code, e.g. GM0363 (a former municipality's own code)")
    name: str = Field(description="the official name (of the former municipality, for a plan of one)")
    province: str
    networks: list[str] = Field(default_factory=list, description="G4, G40, P10")
    name_in_plan: str | None = Field(default=None, description="the name as the plan writes it ('Den Haag')")
    current_code: str | None = Field(
        default=None, description="for a municipality that has since merged or was renamed: today's successor"
    )
    current_name: str | None = None
    found_in: str | None = Field(default=None, description="where the plan names it: titel, lijst, tekst")


class Priority(BaseModel):
    """A priority (speerpunt) as the plan writes it, classified into a veiligheidsveld."""

    text: str
    field: Field5 | None = None
    matched: list[str] = Field(default_factory=list, description="vocabulary that decided the field")
    scope: Literal["lokaal", "regionaal", "gezamenlijk"] | None = None
    municipality: str | None = None
    page: int | None = None
    section: str | None = Field(default=None, description="label of the heading of the priority's section")
    found_in: str | None = Field(
        default=None, description="where the plan names it: kop, inhoudsopgave, opsomming, tabel, tekst"
    )
    implicit: bool = Field(
        default=False,
        description="a focus theme of a plan that names no priorities ('krijgt bijzondere aandacht'); "
        "judged as a priority by P3, P8 and U2, not counted as a named priority (P1, P2)",
    )


class Target(BaseModel):
    """A measurable target sentence."""

    sentence: str
    quantity: float | None = None
    unit: str | None = None
    target_year: int | None = None
    baseline: str | None = None
    page: int | None = None
    section: str | None = None


class DocTypeDecision(BaseModel):
    """What kind of document this is, and why."""

    type: DocType = Field(
        description="the gate's answer: 'ivp', or the type the document looks like; with `doubt` the "
        "document is scored even when this names another type"
    )
    is_ivp: bool = Field(description="scored as an IVP (also when in doubt); false = refused, not scored")
    confidence: float = 0.0
    reasons: list[str] = Field(default_factory=list)
    doubt: bool = Field(
        default=False,
        description="scored, but the evidence is mixed: the report opens with a notice "
        "('dit lijkt geen (volledig) IVP') giving the reasons and the confidence",
    )


class Profile(BaseModel):
    """Facts about the plan, for national analysis."""

    doc_type: DocTypeDecision
    title: str | None = None
    municipalities: list[Municipality] = Field(default_factory=list)
    joint: bool = False
    period_start: int | None = None
    period_end: int | None = None
    adopted_on: str | None = Field(default=None, description="ISO date of adoption by the council")
    priorities: list[Priority] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)


class InputInfo(BaseModel):
    """The checked file."""

    path: DisplayPath
    sha256: str
    format: str
    pages: int
    ocr_pages: list[int] = Field(default_factory=list, description="pages read by OCR (1-based)")
    ocr_confidence: float | None = Field(
        default=None, description="mean Tesseract word confidence (0-100) over the OCR'd pages"
    )

    @property
    def ocr_doubtful(self) -> bool:
        """OCR read pages with a low mean confidence: the report carries a notice."""
        return self.ocr_confidence is not None and self.ocr_confidence < LOW_OCR_CONFIDENCE


class Report(BaseModel):
    """The complete result of checking one plan."""

    schema_version: str = REPORT_SCHEMA_VERSION
    tool_version: str
    rulepack_version: str
    check_date: str = Field(description="ISO date the plan was checked against (K6)")
    language: Literal["nl", "en"] = "nl"
    input: InputInfo
    profile: Profile | None = None
    scored: bool = Field(default=True, description="false when the document is not an IVP")
    criteria: list[CriterionResult] = Field(default_factory=list)
    sections: list[SectionScore] = Field(default_factory=list)
    total: float | None = Field(default=None, description="weighted total 0-100")
    band: Band | None = None
    band_capped_by: list[str] = Field(
        default_factory=list, description="kernelementen that are 'ontbreekt' and cap the band"
    )
