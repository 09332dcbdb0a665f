"""The rule pack as plain data (JSON): `ivpcheck rules --format json` and the web API's /api/rules."""

from __future__ import annotations

from typing import Any

from ivpcheck.judge.pack import IMPROVEMENT_VERDICTS, Rule, RulePack
from ivpcheck.render.labels import SECTIONS, lang_or_default


def rule_data(rule: Rule, lang: str = "nl", detail: bool = False) -> dict[str, Any]:
    """One rule: id, section, weight, texts; with `detail` also its parameters, decision and improvement."""
    lang = lang_or_default(lang)
    data: dict[str, Any] = {
        "id": rule.id,
        "slug": rule.slug,
        "title": rule.text("title", lang),
        "section": rule.section,
        "section_name": SECTIONS[lang].get(rule.section, rule.section),
        "weight": rule.weight,
        "kernelement": rule.kernelement,
        "description": rule.text("description", lang),
        "detectors": sorted({getattr(d, "kind", "") for d in rule.detectors.values()}),
        "searched": rule.text("searched", lang),
    }
    if detail:
        data["params"] = dict(rule.params)
        data["decide"] = {verdict: condition for verdict, condition in rule.decide.ordered()}
        data["otherwise"] = rule.decide.otherwise
        improvement = {v: rule.improvement_for(v, lang) for v in IMPROVEMENT_VERDICTS}
        data["improvement"] = {v: " ".join(text.split()) for v, text in improvement.items()}
        data["source"] = rule.source
    return data


def rules_data(pack: RulePack, lang: str = "nl") -> dict[str, Any]:
    """The pack's name, version and every rule."""
    return {
        "name": pack.name,
        "version": pack.version,
        "rules": [rule_data(rule, lang) for rule in pack.rules],
    }
