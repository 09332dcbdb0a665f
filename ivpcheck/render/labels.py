"""User-facing labels for every renderer: Dutch by default, English for --lang en.

All wording of the human-readable reports lives here, so a renderer never hard-codes text.
"""

from __future__ import annotations

from typing import Literal

from ivpcheck.model.checklist import SECTIONS

Lang = Literal["nl", "en"]
__all__ = ["SECTIONS"]  # the checklist's section names, shown by every renderer

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "IVP-toets",
        "file": "Bestand",
        "municipalities": "Gemeente(n)",
        "joint": "gezamenlijk plan",
        "period": "Looptijd",
        "doc_type": "Documentsoort",
        "plan_title": "Titel",
        "pages": "pagina's",
        "checked_on": "Getoetst op",
        "rulepack": "regelset",
        "total": "Totaalscore",
        "band": "Oordeel",
        "band_capped": "Kernelement(en) ontbreken, dus het oordeel is hoogstens 'voldoende'",
        "section_scores": "Score per onderdeel",
        "section": "Onderdeel",
        "score": "score",
        "not_scored": "niet gescoord",
        "id": "Code",
        "criterion": "Criterium",
        "weight": "Gewicht",
        "verdict": "Oordeel",
        "page": "Pagina",
        "kernelement": "kernelement",
        "kern_legend": "★ = kernelement: ontbreekt er één, dan is het oordeel hoogstens 'voldoende'.",
        "improvements": "Verbeterpunten",
        "improvements_intro": "Gerangschikt op gewicht (belangrijkste eerst).",
        "no_improvements": "Geen verbeterpunten: het plan voldoet op alle getoetste criteria.",
        "evidence": "Vindplaats",
        "searched": "Gezocht naar",
        "evidence_list": "Vindplaatsen",
        "evidence_of_met": "Vindplaatsen van de criteria die voldoen",
        "more_evidence": "… en nog {n} (alle vindplaatsen staan in het JSON-rapport)",
        "waived": "vrijgesteld",
        "waived_list": "Vrijgestelde criteria (niet meegeteld)",
        "reason": "reden",
        "advisor": "adviseur",
        "reviewed_list": "Oordelen van de adviseur (tellen mee in de score)",
        "tool_verdict": "oordeel ivpcheck",
        "p": "p.",
        "sect": "§",
        "not_ivp_title": "Geen integraal veiligheidsplan",
        "doubt_title": "Let op: dit lijkt geen (volledig) IVP",
        "doubt_lead": "Het document is getoetst, maar de kenmerken van een IVP zijn zwak of gemengd "
        "(zekerheid {confidence}). Lees de oordelen met dat voorbehoud.",
        "other_title": "Let op: dit lijkt geen IVP maar {what}",
        "other_lead": "Het document is toch getoetst, omdat de aanwijzingen niet sterk genoeg zijn om het te "
        "weigeren (zekerheid {confidence}). Lees de oordelen met dat voorbehoud.",
        "ocr_title": "Let op: tekst herkend uit een scan",
        "ocr_facts": "tekstherkenning (OCR) op p. {pages}, zekerheid {confidence}/100",
        "ocr_lead": "Deze pagina's zijn met tekstherkenning (OCR) gelezen: {pages}. De gemiddelde "
        "zekerheid is laag ({confidence} van 100); de oordelen kunnen minder betrouwbaar zijn.",
        "not_ivp_lead": "Dit document is geen integraal veiligheidsplan maar {what}.",
        "not_ivp_why": "Waarom",
        "not_ivp_no_score": "Er is daarom geen IVP-score berekend. Gebruik --force om het toch te toetsen.",
        "unknown": "onbekend",
        "statistics": "Statistiek: oordelen per criterium",
        "stats_files": "{n} bestanden: {scored} getoetst, {not_ivp} geen IVP, {errors} met een fout",
        "count_total": "totaal",
        "generated_by": "Gemaakt met ivpcheck {version} (regelset {rulepack}, schema {schema}).",
        "weight_info": "informatief",
        "legend": (
            "Oordelen: voldoet (1), deels (0,5), ontbreekt (0); n.v.t. telt niet mee. "
            "Gewicht 0 = informatief."
        ),
    },
    "en": {
        "title": "IVP quality check",
        "file": "File",
        "municipalities": "Municipalities",
        "joint": "joint plan",
        "period": "Period",
        "doc_type": "Document type",
        "plan_title": "Title",
        "pages": "pages",
        "checked_on": "Checked on",
        "rulepack": "rule pack",
        "total": "Total score",
        "band": "Rating",
        "band_capped": "Core element(s) missing, so the rating is at most 'sufficient'",
        "section_scores": "Score per section",
        "section": "Section",
        "score": "score",
        "not_scored": "not scored",
        "id": "Id",
        "criterion": "Criterion",
        "weight": "Weight",
        "verdict": "Verdict",
        "page": "Page",
        "kernelement": "core element",
        "kern_legend": "★ = core element: if one is missing, the rating is at most 'sufficient'.",
        "improvements": "Improvement points",
        "improvements_intro": "Ordered by weight (most important first).",
        "no_improvements": "No improvement points: the plan meets every checked criterion.",
        "evidence": "Evidence",
        "searched": "Searched for",
        "evidence_list": "Evidence",
        "evidence_of_met": "Evidence for the criteria that are met",
        "more_evidence": "… and {n} more (the JSON report lists all)",
        "waived": "waived",
        "waived_list": "Waived criteria (not scored)",
        "reason": "reason",
        "advisor": "advisor",
        "reviewed_list": "The advisor's verdicts (these count in the score)",
        "tool_verdict": "ivpcheck's verdict",
        "p": "p.",
        "sect": "§",
        "not_ivp_title": "Not an integral safety plan",
        "doubt_title": "Note: this does not look like a (complete) IVP",
        "doubt_lead": "The document was scored, but its features of an IVP are weak or mixed "
        "(confidence {confidence}). Read the verdicts with that reservation.",
        "other_title": "Note: this looks like {what}, not an IVP",
        "other_lead": "The document was scored anyway, because the evidence is not strong enough to refuse "
        "it (confidence {confidence}). Read the verdicts with that reservation.",
        "ocr_title": "Note: text recognised from a scan",
        "ocr_facts": "OCR on p. {pages}, confidence {confidence}/100",
        "ocr_lead": "These pages were read with optical character recognition (OCR): {pages}. The mean "
        "confidence is low ({confidence} of 100); the verdicts may be less reliable.",
        "not_ivp_lead": "This document is not an integral safety plan but {what}.",
        "not_ivp_why": "Why",
        "not_ivp_no_score": "No IVP score was computed. Use --force to score it anyway.",
        "unknown": "unknown",
        "statistics": "Statistics: verdicts per criterion",
        "stats_files": "{n} files: {scored} checked, {not_ivp} not an IVP, {errors} with an error",
        "count_total": "total",
        "generated_by": "Made with ivpcheck {version} (rule pack {rulepack}, schema {schema}).",
        "weight_info": "informational",
        "legend": (
            "Verdicts: meets (1), partly (0.5), missing (0); n/a is not scored. Weight 0 = informational."
        ),
    },
}

VERDICTS: dict[str, dict[str, str]] = {
    "nl": {"voldoet": "voldoet", "deels": "deels", "ontbreekt": "ontbreekt", "n.v.t.": "n.v.t."},
    "en": {"voldoet": "meets", "deels": "partly", "ontbreekt": "missing", "n.v.t.": "n/a"},
}

# A symbol per verdict, so that a verdict never relies on colour alone.
VERDICT_SYMBOLS: dict[str, str] = {"voldoet": "✔", "deels": "◐", "ontbreekt": "✘", "n.v.t.": "–"}

BANDS: dict[str, dict[str, str]] = {
    "nl": {"goed": "goed", "voldoende": "voldoende", "matig": "matig", "onvoldoende": "onvoldoende"},
    "en": {"goed": "good", "voldoende": "sufficient", "matig": "moderate", "onvoldoende": "insufficient"},
}

DOC_TYPES: dict[str, dict[str, str]] = {
    "nl": {
        "ivp": "integraal veiligheidsplan",
        "uitvoeringsplan": "een uitvoeringsplan (uitvoeringsprogramma of jaarschijf)",
        "raadsvoorstel": "een raadsvoorstel, raadsbesluit of startnotitie",
        "evaluatie": "een evaluatie, jaarverslag of veiligheidsrapportage",
        "nieuwsbericht": "een nieuwsbericht",
        "overig": "een ander document",
    },
    "en": {
        "ivp": "integral safety plan",
        "uitvoeringsplan": "an implementation plan (programme or annual plan)",
        "raadsvoorstel": "a council proposal, council decision or starting memo",
        "evaluatie": "an evaluation, annual report or safety report",
        "nieuwsbericht": "a news article",
        "overig": "another document",
    },
}


# `ivpcheck rules`: the listing and the explanation of one rule.
RULE_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "pack": "Regelset {name} {version} ({n} regels)",
        "id": "id",
        "section": "onderdeel",
        "weight": "gewicht",
        "kern": "kern",
        "title": "titel",
        "info": "0 (info)",
        "header": "Onderdeel {letter} ({section}) · gewicht {weight}{kern}",
        "kernelement": "kernelement",
        "looks_for": "Waar de regel op let",
        "detectors": "Detectoren",
        "parameters": "parameters",
        "decision": "[bold]Oordeel[/bold] (de eerste voorwaarde die klopt)",
        "if": "als",
        "otherwise": "anders",
        "improvement": "Verbeterpunt",
        "examples": "Voorbeelden",
        "empty": "(leeg document)",
    },
    "en": {
        "pack": "Rule pack {name} {version} ({n} rules)",
        "id": "id",
        "section": "section",
        "weight": "weight",
        "kern": "core",
        "title": "title",
        "info": "0 (info)",
        "header": "Section {letter} ({section}) · weight {weight}{kern}",
        "kernelement": "core element",
        "looks_for": "What the rule looks for",
        "detectors": "Detectors (they search the Dutch text)",
        "parameters": "parameters",
        "decision": "[bold]Verdict[/bold] (the first condition that holds)",
        "if": "if",
        "otherwise": "otherwise",
        "improvement": "Improvement point",
        "examples": "Examples (Dutch passages)",
        "empty": "(empty document)",
    },
}


# `ivpcheck diff`: two versions of a plan compared. The change and status words are the JSON values
# (Dutch); the English labels translate them.
DIFF_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Vergelijking van twee versies",
        "old": "Oud",
        "new": "Nieuw",
        "score": "Totaalscore",
        "changes": "Wat veranderde per criterium",
        "no_changes": "Geen oordeel veranderd.",
        "unchanged": "{n} criteria zonder ander oordeel; {m} daarvan met nieuwe of vervallen vindplaatsen.",
        "new_evidence": "nieuw",
        "lost_evidence": "vervallen",
        "improvements": "Verbeterpunten van de oude versie",
        "no_improvements": "De oude versie had geen verbeterpunten.",
        "addressed": "{n} van {total} verbeterpunten opgelost, {partly} deels.",
        "beter": "beter",
        "slechter": "slechter",
        "gelijk": "gelijk",
        "anders": "anders",
        "nieuw": "nieuw criterium",
        "vervallen": "vervallen",
        "opgelost": "opgelost",
        "deels opgelost": "deels opgelost",
        "open": "open",
        "verslechterd": "verslechterd",
        "versions": "Versies",
        "version": "Versie",
        "difference": "Verschil",
        "change": "Verandering",
        "changed": "Criteria met een ander oordeel",
        "moved": "Zelfde oordeel, andere vindplaatsen",
        "status": "Stand",
        "generated_by": "Gemaakt met ivpcheck {version}.",
    },
    "en": {
        "title": "Comparison of two versions",
        "old": "Old",
        "new": "New",
        "score": "Total score",
        "changes": "What changed per criterion",
        "no_changes": "No verdict changed.",
        "unchanged": "{n} criteria kept their verdict; {m} of them with new or lost evidence.",
        "new_evidence": "new",
        "lost_evidence": "lost",
        "improvements": "Improvement points of the old version",
        "no_improvements": "The old version had no improvement points.",
        "addressed": "{n} of {total} improvement points addressed, {partly} partly.",
        "beter": "better",
        "slechter": "worse",
        "gelijk": "same",
        "anders": "changed",
        "nieuw": "new criterion",
        "vervallen": "dropped",
        "opgelost": "addressed",
        "deels opgelost": "partly addressed",
        "open": "open",
        "verslechterd": "worse",
        "versions": "Versions",
        "version": "Version",
        "difference": "Difference",
        "change": "Change",
        "changed": "Criteria with another verdict",
        "moved": "Same verdict, other evidence",
        "status": "Status",
        "generated_by": "Made with ivpcheck {version}.",
    },
}


# `ivpcheck check --format docx`: the advisor's letter (editable Word document).
LETTER_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "to": "Aan het college van burgemeester en wethouders van {municipality}",
        "subject": "Onderwerp: advies over {plan}",
        "date": "Datum",
        "plan": "Plan",
        "file": "Bestand",
        "opening": "Geachte college,",
        "lead": "Wij hebben het plan getoetst aan de CCV-checklist voor integrale veiligheidsplannen. "
        "Hieronder vindt u het totaaloordeel en de verbeterpunten, de belangrijkste eerst. "
        "In de bijlage staat het oordeel per criterium.",
        "score": "Het plan scoort {total} van de 100 punten: {band}.",
        "improvements": "Verbeterpunten",
        "closing": "Met vriendelijke groet,",
        "signature": "[naam adviseur]",
        "annex": "Bijlage: oordeel per criterium",
        "the_plan": "het integraal veiligheidsplan",
        "the_municipality": "de gemeente",
    },
    "en": {
        "to": "To the municipal executive of {municipality}",
        "subject": "Subject: advice on {plan}",
        "date": "Date",
        "plan": "Plan",
        "file": "File",
        "opening": "Dear members of the executive,",
        "lead": "We have checked the plan against the CCV checklist for integral safety plans. Below "
        "you find the overall verdict and the improvement points, most important first. The annex "
        "lists the verdict on every criterion.",
        "score": "The plan scores {total} out of 100: {band}.",
        "improvements": "Improvement points",
        "closing": "Kind regards,",
        "signature": "[advisor's name]",
        "annex": "Annex: verdict per criterion",
        "the_plan": "the integral safety plan",
        "the_municipality": "the municipality",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The label set for a language (Dutch when unknown)."""
    return LABELS.get(lang, LABELS["nl"])


def lang_or_default(lang: str | None) -> str:
    """'nl' or 'en'."""
    return lang if lang in LABELS else "nl"


# `check --format concise`: the closing line per file.
CONCISE_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "summary": "totaalscore {total} / 100, {band} · {n} verbeterpunt(en)",
        "not_scored": "niet gescoord: {what}",
    },
    "en": {
        "summary": "total score {total} / 100, {band} · {n} improvement point(s)",
        "not_scored": "not scored: {what}",
    },
}
