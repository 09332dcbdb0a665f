"""The engine: run every rule's detectors on a Document, decide verdicts, score and band the plan."""

from __future__ import annotations

import logging
import string
from typing import Any

from ivpcheck import __version__
from ivpcheck.judge import kinds as detectors
from ivpcheck.judge.context import Context, Findings
from ivpcheck.judge.pack import (
    IMPROVEMENT_VERDICTS,
    Rule,
    RulePack,
    condition_names,
    evaluate,
    parse_condition,
)
from ivpcheck.model.checklist import SECTION_NAMES
from ivpcheck.model.document import Document
from ivpcheck.model.report import (
    VERDICT_SCORES,
    CriterionResult,
    Evidence,
    InputInfo,
    Profile,
    Report,
    SectionScore,
)
from ivpcheck.model.settings import Settings
from ivpcheck.text.numbers import number

log = logging.getLogger(__name__)

MISSING = "[?]"  # a placeholder without a value (a rule bug: tests look for it)
BANDS = ((80.0, "goed"), (60.0, "voldoende"), (40.0, "matig"))
MEASURED = {  # the wording of evidence that rests on measurements only
    "nl": {"measured": "gemeten", "nothing": "niets gevonden", "searched": "gezocht"},
    "en": {"measured": "measured", "nothing": "nothing found", "searched": "searched for"},
}


def new_report(doc: Document, profile: Profile, pack: RulePack, settings: Settings, **fields: Any) -> Report:
    """A Report on doc with the common header (versions, check date, language, input, profile) and fields."""
    return Report(
        tool_version=__version__,
        rulepack_version=pack.version,
        check_date=settings.check_date.isoformat(),
        language=settings.language,
        input=InputInfo(
            path=doc.source,
            sha256=doc.sha256,
            format=doc.format,
            pages=doc.meta.page_count or len(doc.pages),
            ocr_pages=doc.meta.ocr_pages,
            ocr_confidence=doc.meta.ocr_confidence,
        ),
        profile=profile,
        **fields,
    )


def judge(doc: Document, profile: Profile, pack: RulePack, settings: Settings) -> Report:
    """Check a document against every rule of the pack and return the scored Report."""
    ctx = Context(doc=doc, profile=profile, check_date=settings.check_date, vocab=pack.vocab)
    results = [judge_rule(rule, ctx, settings) for rule in pack.rules]
    total = weighted_score(results)
    band = band_for(total)
    capped_by = [r.id for r in results if r.kernelement and r.final_verdict == "ontbreekt" and not r.waived]
    if capped_by and band == "goed":
        band = "voldoende"
    return new_report(
        doc,
        profile,
        pack,
        settings,
        scored=True,
        criteria=results,
        sections=section_scores(results),
        total=total,
        band=band,
        band_capped_by=capped_by,
    )


def judge_rule(rule: Rule, ctx: Context, settings: Settings) -> CriterionResult:
    """The verdict on one rule, with evidence, 'searched' and improvement point, in the report language."""
    lang = settings.language
    findings: dict[str, Findings] = {}
    error = None
    try:
        for name, params in rule.detectors.items():
            findings[name] = detectors.run(ctx, params)
        verdict, decisive = decide(rule, findings)
    except Exception as exc:  # a detector bug must not sink the whole report
        log.exception("rule %s failed", rule.id)
        error = f"{type(exc).__name__}: {exc}"
        verdict, decisive = "n.v.t.", []
    waived = settings.waivers.get(rule.id) or settings.waivers.get(rule.id.upper())
    review = settings.review.get(rule.id.upper())
    final = review.verdict if review else verdict  # the verdict that counts and sets the improvement point
    score = VERDICT_SCORES[verdict]
    evidence = pick_evidence(rule, findings, decisive, verdict, lang)
    searched = None
    if verdict == "ontbreekt" or (verdict != "n.v.t." and not evidence):
        searched = rule.text("searched", lang) or detector_searched(findings, list(findings))
    improvement = None
    if final in IMPROVEMENT_VERDICTS:
        improvement = fill(rule.improvement_for(final, lang), rule, findings, decisive, lang)
        if review and MISSING in improvement:  # a verdict the findings do not fill: the advisor's words
            improvement = review.reason.strip()
    details: dict[str, object] = {
        f"{name}.{key}": value for name, f in findings.items() for key, value in f.metrics.items()
    }
    if error:
        details["error"] = error
    return CriterionResult(
        id=rule.id,
        slug=rule.slug,
        title=rule.text("title", lang) or rule.title,
        section=rule.section,
        weight=rule.weight,
        kernelement=rule.kernelement,
        verdict=verdict,  # type: ignore[arg-type]
        score=score,
        evidence=evidence,
        searched=searched,
        improvement=improvement,
        waived=waived,
        advisor_verdict=review.verdict if review else None,
        advisor_reason=review.reason.strip() if review else None,
        details=details,
    )


def lookup_for(rule: Rule, findings: dict[str, Findings]):
    """The name resolver for decision conditions: detector, detector.metric or rule parameter."""

    def lookup(name: str) -> Any:
        det, _, metric = name.partition(".")
        if det in findings:
            found = findings[det]
            if not metric or metric == "found":
                return float(found.found)
            return float(found.metrics.get(metric, 0.0))
        value = rule.params[name]
        return 0.0 if isinstance(value, str) else float(value)  # text params only fill improvement texts

    return lookup


def decide(rule: Rule, findings: dict[str, Findings]) -> tuple[str, list[str]]:
    """The first verdict whose condition holds, and the detectors that condition names."""
    lookup = lookup_for(rule, findings)
    for verdict, condition in rule.decide.ordered():
        tree = parse_condition(condition)
        if evaluate(tree, lookup):
            names = [n.partition(".")[0] for n in condition_names(tree)]
            return verdict, [n for n in dict.fromkeys(names) if n in findings]
    return rule.decide.otherwise, []


def pick_evidence(
    rule: Rule, findings: dict[str, Findings], decisive: list[str], verdict: str, lang: str
) -> list[Evidence]:
    """Evidence from the detectors that decided, then from any other detector that found something."""
    if verdict == "n.v.t.":
        return []
    order = decisive + [n for n in findings if n not in decisive]
    chosen: list[Evidence] = []
    seen: set[tuple[int | None, str]] = set()
    for name in order:
        found = findings[name]
        if decisive and name not in decisive and not found.found:
            continue
        for item in found.evidence:
            if verdict == "ontbreekt" and item.section is None:
                continue  # an absence is not shown with a quote from the cover or title page
            key = (item.page, item.quote)
            if key not in seen:
                seen.add(key)
                chosen.append(item)
    if not chosen:  # a verdict on an absence (no vague phrases, no acronyms): show what was measured
        chosen.append(measured(rule, findings, decisive, lang))
    return chosen[: rule.evidence_limit]


def detector_searched(findings: dict[str, Findings], names: list[str]) -> str | None:
    """What the named detectors looked for, as they describe it (Dutch)."""
    return "; ".join(findings[n].searched for n in names if findings[n].searched) or None


def measured(rule: Rule, findings: dict[str, Findings], decisive: list[str], lang: str) -> Evidence:
    """Evidence for a verdict that rests on measurements only: what was searched and what was counted."""
    words = MEASURED.get(lang, MEASURED["nl"])
    names: list[str] = []
    for _verdict, condition in rule.decide.ordered():
        names += [
            n for n in condition_names(parse_condition(condition)) if "." in n and n.split(".")[0] in findings
        ]
    values = []
    for name in dict.fromkeys(names):
        det, _, metric = name.partition(".")
        values.append(f"{name} = {number(findings[det].metrics.get(metric, 0.0), lang)}")
    searched = rule.text("searched", lang) or detector_searched(findings, decisive or list(findings))
    quote = f"{words['measured']}: {', '.join(values)}" if values else words["nothing"]
    quote = f"{quote} ({words['searched']}: {searched})" if searched else quote
    return Evidence(
        page=None, section=None, quote=quote[:197] + "…" if len(quote) > 200 else quote, matched="meting"
    )


def fill(template: str, rule: Rule, findings: dict[str, Findings], decisive: list[str], lang: str) -> str:
    """Fill {placeholders} from the findings (decisive detectors first), then rule params."""
    flat: dict[str, Any] = {}
    nested: dict[str, Any] = {}
    for name in decisive + [n for n in findings if n not in decisive]:
        found = findings[name]
        items = {k: number(v, lang) for k, v in found.metrics.items()} | found.values
        for key, value in items.items():
            nested[f"{name}.{key}"] = value
            if value not in (None, "") and flat.get(key) in (None, ""):
                flat[key] = value
    for key, value in rule.params.items():
        flat.setdefault(key, value)
    return " ".join(_format(template, flat, nested).split())


def _format(template: str, flat: dict[str, Any], nested: dict[str, Any]) -> str:
    out = []
    for literal, field, spec, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if field is None:
            continue
        field, _, fallback = field.partition("|")  # {name|text to use when the value is empty}
        value = nested.get(field) if "." in field else flat.get(field)
        value = (fallback or MISSING) if value in (None, "") else value
        out.append(format(value, spec) if spec and not isinstance(value, str) else str(value))
    return "".join(out)


def weighted_score(results: list[CriterionResult]) -> float | None:
    """Weighted mean × 100 over scored criteria (weight > 0, not n.v.t., not waived), with the
    advisor's verdict where there is one."""
    scored = [
        (r.weight, r.final_score)
        for r in results
        if r.weight > 0 and r.final_score is not None and not r.waived
    ]
    total_weight = sum(w for w, _ in scored)
    if not total_weight:
        return None
    return round(100 * sum(w * s for w, s in scored) / total_weight, 1)


def band_for(total: float | None) -> str | None:
    """The band for a total: >= 80 goed, 60-79 voldoende, 40-59 matig, < 40 onvoldoende."""
    if total is None:
        return None
    for floor, name in BANDS:
        if total >= floor:
            return name
    return "onvoldoende"


def section_scores(results: list[CriterionResult]) -> list[SectionScore]:
    """One score per checklist section, in checklist order (unknown sections after)."""
    order = list(SECTION_NAMES) + sorted({r.section for r in results} - set(SECTION_NAMES))
    scores = []
    for section in order:
        in_section = [r for r in results if r.section == section]
        if not in_section:
            continue
        weight = sum(
            r.weight for r in in_section if r.weight > 0 and r.final_score is not None and not r.waived
        )
        scores.append(
            SectionScore(
                section=section,
                name=SECTION_NAMES.get(section, section),
                score=weighted_score(in_section),
                weight=weight,
            )
        )
    return scores
