"""The rule-pack schema (pydantic): a rule, its decision, texts and examples; a pack file; a pack.

Every model here builds its validator on first use (`defer_build`): a check whose rule pack comes from
the per-user cache validates none of them, and building them costs ~15 ms of a cold start."""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from ivpcheck.judge.kinds import AnyParams
from ivpcheck.judge.pack.conditions import ConditionError, parse_condition
from ivpcheck.model.errors import UsageError
from ivpcheck.text.vocab import Vocabularies

VerdictName = Literal["voldoet", "deels", "ontbreekt", "n.v.t."]
Improvement = str | dict[VerdictName | Literal["default"], str]
IMPROVEMENT_VERDICTS = ("deels", "ontbreekt")  # the verdicts that get an improvement point
Weight = Annotated[int, Field(ge=0, le=10, strict=True)]  # 0 = informational, 3 = essential (the checklist)
WEIGHT = TypeAdapter(Weight)  # the same check for weights set in a configuration file


class RulePackError(UsageError):
    """A rule file or rule setting that cannot be used; the message names file, rule and field."""

    category = "rules"
    message_nl = "ongeldig regelbestand"
    message_en = "invalid rule file"


class Example(BaseModel):
    """An example passage and, when the verdict depends on them, facts about the document."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    text: str = ""
    profile: dict[str, Any] = Field(default_factory=dict, description="Profile fields to set")
    meta: dict[str, Any] = Field(default_factory=dict, description="DocumentMeta fields to set")
    format: Literal["pdf", "docx", "html", "text"] = "pdf"
    toc: list[str] = Field(default_factory=list, description="table-of-contents titles")
    check_date: dt.date | None = None
    note: str | None = None


class Examples(BaseModel):
    """Example passages per verdict (strings or Example mappings)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    voldoet: list[Example] = Field(default_factory=list)
    deels: list[Example] = Field(default_factory=list)
    ontbreekt: list[Example] = Field(default_factory=list)
    nvt: list[Example] = Field(default_factory=list, alias="n.v.t.")

    @field_validator("voldoet", "deels", "ontbreekt", "nvt", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value

    def items(self) -> list[tuple[str, Example]]:
        """(verdict, example) pairs."""
        pairs = [("voldoet", e) for e in self.voldoet] + [("deels", e) for e in self.deels]
        return pairs + [("ontbreekt", e) for e in self.ontbreekt] + [("n.v.t.", e) for e in self.nvt]


class Decision(BaseModel):
    """Conditions per verdict, tried in the order n.v.t., voldoet, deels, ontbreekt; else `otherwise`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    nvt: str | None = Field(default=None, alias="n.v.t.")
    voldoet: str | None = None
    deels: str | None = None
    ontbreekt: str | None = None
    otherwise: VerdictName = "ontbreekt"

    @field_validator("nvt", "voldoet", "deels", "ontbreekt", mode="before")
    @classmethod
    def _parses(cls, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, bool):
            value = "true" if value else "false"
        try:
            parse_condition(str(value))
        except ConditionError as error:
            raise ValueError(str(error)) from error
        return str(value)

    def ordered(self) -> list[tuple[str, str]]:
        """(verdict, condition) in evaluation order."""
        pairs = [
            ("n.v.t.", self.nvt),
            ("voldoet", self.voldoet),
            ("deels", self.deels),
            ("ontbreekt", self.ontbreekt),
        ]
        return [(v, c) for v, c in pairs if c is not None]


def _pick(improvement: Improvement | None, verdict: str) -> str | None:
    """The template for a verdict from one improvement text or mapping (None when it has none)."""
    if improvement is None or isinstance(improvement, str):
        return improvement
    return improvement.get(verdict) or improvement.get("default")  # type: ignore[call-overload]


def template_fields(template: str) -> set[str]:
    """The placeholder names in a template, without their `|fallback` text."""
    return {f.partition("|")[0] for _, f, _, _ in string.Formatter().parse(template) if f}


class RuleTexts(BaseModel):
    """A rule's user-facing texts in another language; each missing text falls back to the Dutch one."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    title: str | None = None
    description: str | None = None
    improvement: Improvement | None = Field(default=None, description="same shape as the Dutch one")
    searched: str | None = None


class Rule(BaseModel):
    """One checklist criterion as data."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$")
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    title: str
    section: str = Field(pattern=r"^[A-Z]$")
    weight: Weight
    kernelement: bool = False
    description: str = ""
    params: dict[str, float | int | bool | str] = Field(default_factory=dict, description="named thresholds")
    detectors: dict[str, AnyParams] = Field(min_length=1)
    decide: Decision
    improvement: Improvement
    searched: str | None = Field(
        default=None, description="what was looked for (default: from the detectors)"
    )
    en: RuleTexts = Field(default_factory=RuleTexts, description="English texts (fallback: Dutch)")
    evidence_limit: int = Field(default=4, ge=1, le=20)
    examples: Examples = Field(default_factory=Examples)
    source: str = Field(default="", exclude=True, description="file the rule came from")

    @model_validator(mode="after")
    def _names(self) -> Rule:
        for name in self.detectors:
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise ValueError(f"detectornaam '{name}' mag alleen letters, cijfers en _ bevatten")
        return self

    def translated(self, lang: str) -> RuleTexts | None:
        """The texts for a report language other than Dutch (None for Dutch)."""
        return self.en if lang == "en" else None

    def text(self, name: Literal["title", "description", "searched"], lang: str = "nl") -> str | None:
        """A user-facing text in `lang` (whitespace collapsed), falling back to the Dutch one."""
        texts = self.translated(lang)
        text = (getattr(texts, name) if texts else None) or getattr(self, name)
        return " ".join(text.split()) if text else None

    def improvement_for(self, verdict: str, lang: str = "nl") -> str:
        """The improvement template for a verdict in `lang`, falling back to the Dutch one."""
        texts = self.translated(lang)
        template = _pick(texts.improvement, verdict) if texts else None
        if template is None:
            template = _pick(self.improvement, verdict)
        return template or next(iter(self.improvement.values()))  # type: ignore[union-attr]

    def placeholders(self) -> set[str]:
        """Every {placeholder} used in the improvement text(s)."""
        texts = [self.improvement] if isinstance(self.improvement, str) else list(self.improvement.values())
        return {f for t in texts for _, f, _, _ in string.Formatter().parse(t) if f}


class PackFile(BaseModel):
    """One YAML file of a pack."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str | None = None
    version: str | None = None
    description: str | None = None
    include: list[str] = Field(default_factory=list, description="more rule files (globs), relative")
    vocab: dict[str, Any] = Field(default_factory=dict, description="inline vocabularies")
    rules: list[Any] = Field(default_factory=list)


class RulePack(BaseModel):
    """Loaded, validated rules with their vocabularies."""

    model_config = ConfigDict(arbitrary_types_allowed=True, defer_build=True)

    name: str = "ccv-ivp"
    version: str = "0"
    rules: list[Rule] = Field(default_factory=list)
    vocab: Vocabularies = Field(default_factory=Vocabularies)
    files: list[str] = Field(default_factory=list)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id.upper() == rule_id.upper()), None)
