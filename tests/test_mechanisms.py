"""The judge's general mechanisms, each shown on a real built development plan (corpus/build/pdf),
and the profile's and the gate's mechanisms on corpus openings: verdicts as the blind gold has them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from ivpcheck.model.report import Report
from ivpcheck.model.settings import Settings
from ivpcheck.profile.municipalities import load_former, load_municipalities
from ivpcheck.read import read_document
from ivpcheck.render import render, render_bytes
from ivpcheck.render.labels import DOC_TYPES
from ivpcheck.run.pipeline import check_file, profile_document

CHECK_DATE = Settings(check_date="2025-06-01").check_date
OPENINGS = Path(__file__).resolve().parent.parent / "corpus" / "openings"


@pytest.fixture(scope="module")
def reports(built_corpus: Path) -> dict[str, Report]:
    plans = ("delft-kadernota-2024", "veenendaal-2025", "bedum-2013")
    settings = Settings(check_date=CHECK_DATE)
    return {plan: check_file(built_corpus / "pdf" / f"{plan}.pdf", settings) for plan in plans}


def verdict(report: Report, criterion: str) -> str:
    return next(c.verdict for c in report.criteria if c.id == criterion)


def test_deferred_goals_and_indicators_are_promises(reports: dict[str, Report]) -> None:
    """'De concrete doelen, de indicatoren en de maatregelen werken we uit in de uitvoeringsagenda.'"""
    delft = reports["delft-kadernota-2024"]
    assert verdict(delft, "P5") == "ontbreekt"
    assert not any("uitwerken" in t.sentence or "werken we" in t.sentence for t in delft.profile.targets)


def test_a_field_put_outside_the_plan_is_not_covered(reports: dict[str, Report]) -> None:
    """'Verkeersveiligheid en brandveiligheid staan niet in dit plan': fysieke veiligheid is missing."""
    v4 = next(c for c in reports["veenendaal-2025"].criteria if c.id == "V4")
    assert v4.verdict == "deels"
    assert "Fysieke veiligheid" in v4.details.get("missing_fields", "") or "Fysieke" in (v4.improvement or "")


def test_a_euro_amount_in_a_story_is_not_a_budget(reports: dict[str, Report]) -> None:
    """'Eén inwoner vertelde ons dat ze € 8.000 ...' beside 'binnen de bestaande begroting'."""
    assert verdict(reports["veenendaal-2025"], "U5") == "deels"


def test_council_members_who_only_read_the_draft(reports: dict[str, Report]) -> None:
    """'Raadsleden konden het lezen en er schriftelijk op reageren' (residents 'meedachten')."""
    assert verdict(reports["veenendaal-2025"], "S2") == "deels"


def test_a_priority_justified_only_by_political_wish(reports: dict[str, Report]) -> None:
    """Four priorities rest on figures, one on 'Het coalitieakkoord vraagt om ...': deels."""
    assert verdict(reports["delft-kadernota-2024"], "P3") == "deels"


LABELLED_REASONS = """Integraal Veiligheidsplan Zuidhoven 2025-2028

1 Inleiding

Dit integraal veiligheidsplan beschrijft de prioriteiten van de gemeente Zuidhoven \
voor de jaren 2025 tot en met 2028.

2 Onze prioriteiten

We kiezen twee prioriteiten: jeugdoverlast en ondermijning.

2.1 Jeugdoverlast

Waarom? De wijkagenten zien in de avonduren groepen jongeren op het Stationsplein \
die voorbijgangers lastigvallen; \
ondernemers in het centrum sluiten eerder hun deuren.

Wat willen we bereiken? Minder overlast van jongeren op het Stationsplein.

2.2 Ondermijning

Waarom? De raadsleden gaven tijdens een bijeenkomst aan dat zij dit onderwerp \
een plek in het plan willen geven.

Wat willen we bereiken? Criminelen krijgen minder ruimte op de bedrijventerreinen.
"""


def test_the_plans_own_why_label_is_its_reason_unless_the_reason_is_political(tmp_path: Path) -> None:
    """'Waarom? De wijkagenten zien ...' justifies a priority without any listed word; 'Waarom? De
    raadsleden gaven aan dat zij dit ... willen' is a political wish: P3 deels, naming Ondermijning."""
    plan = tmp_path / "zuidhoven.txt"
    plan.write_text(LABELLED_REASONS, encoding="utf-8")
    report = check_file(plan, Settings(check_date=CHECK_DATE, force=True))
    p3 = next(c for c in report.criteria if c.id == "P3")
    assert p3.verdict == "deels"
    assert "Ondermijning" in (p3.improvement or "") and "Jeugdoverlast" not in (p3.improvement or "")
    assert p3.evidence[0].quote.startswith("De wijkagenten zien")


def test_an_ask_of_the_police_worded_as_a_norm_is_still_the_ask(tmp_path: Path) -> None:
    """'Wij verwachten van de politie dat ... de norm van één wijkagent per 5.000 inwoners' reads as a
    measurable goal, and is what the plan asks of the police (U6) in its general section."""
    plan = tmp_path / "zuidhoven.txt"
    ask = (
        "\n4 Inzet van de politie\n\nWij verwachten van de politie dat zij jaarlijks met ons afspreekt "
        "hoeveel uren recherche naar ondermijning gaan, waarbij we vasthouden aan de norm van één wijkagent "
        "per 5.000 inwoners.\n"
    )
    plan.write_text(LABELLED_REASONS + ask, encoding="utf-8")
    report = check_file(plan, Settings(check_date=CHECK_DATE, force=True))
    assert verdict(report, "U6") == "voldoet"
    u6 = next(c for c in report.criteria if c.id == "U6")
    assert any("verwachten van de politie" in e.quote for e in u6.evidence)


def test_focus_themes_without_named_priorities(reports: dict[str, Report]) -> None:
    """'bijzondere aandacht' inside the field chapters: P1 deels, no period from a data table."""
    bedum = reports["bedum-2013"]
    assert verdict(bedum, "P1") == "deels"
    assert verdict(bedum, "K2") == "ontbreekt" and bedum.profile.period_start is None


def test_focus_themes_are_implicit_priorities_named_by_their_theme(reports: dict[str, Report]) -> None:
    """'Huiselijk geweld komt ook in Bedum voor, en de aanpak daarvan vraagt ... bijzondere aandacht':
    the theme is judged as a priority (P8: one theme without a goal) but never counted as named."""
    bedum = reports["bedum-2013"]
    names = {p.text for p in bedum.profile.priorities}
    assert "Huiselijk geweld" in names and all(p.implicit for p in bedum.profile.priorities)
    assert verdict(bedum, "P2") == "n.v.t."
    assert verdict(bedum, "P8") == "deels"
    assert verdict(bedum, "U2") == "deels"  # the approach is written per field, not per priority


def test_a_doubted_plan_is_scored_with_the_notice_in_every_format() -> None:
    report = check_file(OPENINGS / "h2-ivp-webhoofdstuk-deventer-2024.html", Settings(check_date=CHECK_DATE))
    assert report.scored and report.profile.doc_type.doubt
    assert json.loads(render(report, "json"))["profile"]["doc_type"]["doubt"] is True
    for fmt in ("terminal", "markdown", "html"):
        assert "dit lijkt geen (volledig) IVP" in render(report, fmt, "nl"), fmt
    assert "does not look like a (complete) IVP" in render(report, "markdown", "en")


def test_a_doubted_page_is_scored_and_every_format_says_what_it_looks_like(tmp_path: Path) -> None:
    """A municipal page about the plan: too little to refuse, so it is scored, and the notice is the
    gate's answer ('dit lijkt geen IVP maar een ander document') in every format."""
    report = check_file(OPENINGS / "h14-about-page-molenlanden-2023.html", Settings(check_date=CHECK_DATE))
    decision = report.profile.doc_type
    assert report.scored and decision.doubt and decision.type != "ivp"
    assert json.loads(render(report, "json"))["profile"]["doc_type"]["type"] == decision.type
    notice = f"dit lijkt geen IVP maar {DOC_TYPES['nl'][decision.type]}"
    for fmt in ("terminal", "markdown", "html", "concise"):
        assert notice in render(report, fmt, "nl"), fmt
    assert f"looks like {DOC_TYPES['en'][decision.type]}, not an IVP" in render(report, "markdown", "en")
    letter = tmp_path / "brief.docx"
    letter.write_bytes(render_bytes(report, "docx", "nl"))
    assert notice in "\n".join(paragraph.text for paragraph in docx.Document(letter).paragraphs)


def test_no_whole_development_plan_gets_the_doubt_notice(built_corpus: Path) -> None:
    """A whole plan that mentions the budget, the police unit or 'het plan wordt ...' in passing is not in
    doubt: another type's evidence must be real and not far behind the plan's own."""
    split = yaml.safe_load((built_corpus.parent / "split.yaml").read_text(encoding="utf-8"))
    for source in sorted((built_corpus.parent / "sources").glob("*.md")):
        meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---", 2)[1])
        if meta.get("doc_type") != "ivp" or source.stem in split["heldout"] or "concept" in source.stem:
            continue
        decision = profile_document(read_document(built_corpus / "pdf" / f"{source.stem}.pdf"), Settings())
        assert decision.doc_type.type == "ivp" and not decision.doc_type.doubt, source.stem


def test_former_municipalities_load_with_existing_successors() -> None:
    today = {r.code for r in load_municipalities()}
    former = load_former()
    assert len(former) > 200
    assert all(r.successor and r.successor.code in today and r.end_date for r in former)


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("h8-former-haren-2015.txt", [("GM0017", "Haren", "GM0014")]),  # before the 2019 merger
        ("h8-variant-denhaag-2023.txt", [("GM0518", "'s-Gravenhage", None)]),
        ("h8-joint-noordveluwe-2024.txt", None),  # six members listed one per line
        ("h8-title-borne-2025.txt", [("GM0147", "Borne", None)]),  # only the title names it
    ],
)
def test_municipalities_of_real_structures(opening: str, expected: list | None) -> None:
    report = check_file(OPENINGS / opening, Settings(check_date=CHECK_DATE, force=True))
    found = [(m.code, m.name, m.current_code) for m in report.profile.municipalities]
    if expected is None:
        assert len(found) == 6 and report.profile.joint
    else:
        assert found == expected
    if opening.startswith("h8-variant-denhaag"):
        assert report.profile.municipalities[0].name_in_plan == "Den Haag"


HOST_FURNITURE = """• No results found

I V P O 2024 - 2027

N/A
N/A
Protected

Academic year: 2025

Share "I V P O 2024 - 2027"

Copied!
24
0
0

Bezig met laden.... (Bekijk nu de volledige tekst)

Hele tekst

(1)

I NTEGRAAL V EILIGHEIDSPLAN O LDAMBT 2024 - 2027

Samen werken aan een veilig Oldambt

(2)

Inleiding

Dit integraal veiligheidsplan beschrijft wat de gemeente de komende vier jaar wil bereiken. Wij kiezen \
drie prioriteiten: ondermijning, jeugdoverlast en zorg en veiligheid.
"""


def test_a_document_hosts_furniture_never_hides_the_title(tmp_path: Path) -> None:
    """A host's metadata and loader lines ('Protected', 'Academic year', 'Copied!', '(1)') are no
    blocks of the opening: the letter-spaced title after them is found, and its municipality."""
    page = tmp_path / "host.txt"
    page.write_text(HOST_FURNITURE, encoding="utf-8")
    report = check_file(page, Settings(check_date=CHECK_DATE, force=True))
    assert report.profile.title == "INTEGRAAL VEILIGHEIDSPLAN OLDAMBT 2024 - 2027"
    assert [m.name for m in report.profile.municipalities] == ["Oldambt"]


def test_municipalities_do_not_depend_on_the_hash_seed() -> None:
    """Equally strong candidates come out in one fixed order, whatever PYTHONHASHSEED is."""
    path = OPENINGS / "h8-joint-dekempen-2023.txt"
    outputs = set()
    for seed in ("0", "1", "42", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "ivpcheck", "profile", str(path), "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.add(tuple(m["code"] for m in json.loads(result.stdout)["municipalities"]))
    assert len(outputs) == 1 and len(next(iter(outputs))) == 8


def test_an_absence_never_quotes_the_title_page(built_corpus: Path) -> None:
    """Evidence beside an 'ontbreekt' comes from the body, never from the cover or title lines."""
    settings = Settings(check_date=CHECK_DATE, force=True)
    for plan in ("delft-kadernota-2024", "amersfoort-uvp-2024", "zeist-2025-concept"):
        path = built_corpus / "pdf" / f"{plan}.pdf"
        if not path.exists():
            continue
        report = check_file(path, settings)
        for criterion in report.criteria:
            if criterion.verdict == "ontbreekt":
                quotes = [e for e in criterion.evidence if e.page is not None]  # not the measurement line
                assert all(e.section is not None for e in quotes), (plan, criterion.id)
