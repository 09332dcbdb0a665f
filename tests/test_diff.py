"""`ivpcheck diff OLD NEW` on the Zeist concept (DOCX) and its final version (PDF) in the built corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ivpcheck.cli import main
from ivpcheck.model.diff import ReportDiff

DATE = ["--check-date", "2025-06-01"]
# What changed from the concept (DOCX) to the final version (PDF), read by hand from the two sources
# (corpus/sources/zeist-2025-concept.md, zeist-2025.md) and the concept's gold: id -> (old, new) verdict.
ZEIST_CHANGES = {
    "K1": ("ontbreekt", "voldoet"),  # a new section 'Wettelijk kader' names art. 38b Politiewet 2012
    "K3": ("deels", "voldoet"),  # 'De gemeenteraad heeft het plan op 7 oktober 2025 vastgesteld.'
    "A5": ("ontbreekt", "voldoet"),  # a new section 'Terugblik op het vorige plan'
    "P4": ("deels", "voldoet"),  # ondermijning and online veiligheid now have goals with number and year
    "U1": ("deels", "voldoet"),  # a yearly uitvoeringsplan, adopted by the college, sent to the council
    "M1": ("deels", "voldoet"),  # indicators measured every half year, sources, who keeps the monitor
    "M2": ("deels", "voldoet"),  # 'In 2028 evalueren we het hele plan, samen met de partners'
    "M3": ("deels", "voldoet"),  # 'Elk jaar ontvangt de gemeenteraad een voortgangsrapportage.'
    "M4": ("ontbreekt", "voldoet"),  # 'Blijven de resultaten achter, dan stellen we de aanpak bij in ...'
    "S2": ("deels", "ontbreekt"),  # the invitation to council members to react on the concept is gone
    "S3": ("ontbreekt", "voldoet"),  # the plan was written with the partners in two meetings
    "L5": ("n.v.t.", "ontbreekt"),  # PDF properties: not judged for a DOCX, missing in this PDF
}


def run(*args: str | Path) -> Result:
    """Invoke the CLI in-process."""
    return CliRunner().invoke(main, ["diff", *[str(a) for a in args], *DATE])


@pytest.fixture(scope="module")
def versions(built_corpus: Path) -> tuple[Path, Path]:
    return built_corpus / "docx" / "zeist-2025-concept.docx", built_corpus / "pdf" / "zeist-2025.pdf"


@pytest.fixture(scope="module")
def diff(versions: tuple[Path, Path]) -> ReportDiff:
    result = run(*versions, "--format", "json")
    assert result.exit_code == 0, result.output
    return ReportDiff.model_validate_json(result.stdout)


def test_score_and_band_before_and_after(diff: ReportDiff) -> None:
    assert (diff.old.format, diff.new.format) == ("docx", "pdf")
    assert (diff.old.band, diff.new.band) == ("matig", "voldoende")
    assert diff.old.total is not None and diff.new.total is not None
    assert diff.total_change == pytest.approx(diff.new.total - diff.old.total, abs=0.05)
    assert diff.total_change > 10


def test_verdicts_up_and_down_with_new_and_lost_evidence(diff: ReportDiff) -> None:
    by_id = {c.id: c for c in diff.criteria}
    k1 = by_id["K1"]  # the final version names art. 38b Politiewet 2012
    assert (k1.old_verdict, k1.new_verdict, k1.change) == ("ontbreekt", "voldoet", "beter")
    assert any("artikel 38b" in e.quote and e.section == "Wettelijk kader" for e in k1.new_evidence)
    s3 = by_id["S3"]  # the partners now helped write the plan
    assert s3.change == "beter" and any("partnerbijeenkomsten" in e.quote for e in s3.new_evidence)
    m2 = by_id["M2"]  # the vague 'wordt geëvalueerd' gave way to a dated evaluation
    assert m2.change == "beter" and [e.quote for e in m2.lost_evidence] == ["Het plan wordt geëvalueerd."]
    s2 = by_id["S2"]  # the concept's invitation to council members is gone
    assert (s2.old_verdict, s2.new_verdict, s2.change) == ("deels", "ontbreekt", "slechter")
    v2 = by_id["V2"]  # the same vision sentence, on another page of another format: no change
    assert v2.change == "gelijk" and not v2.new_evidence and not v2.lost_evidence


def test_exactly_the_hand_read_verdicts_changed(diff: ReportDiff) -> None:
    changed = {c.id: (c.old_verdict, c.new_verdict) for c in diff.criteria if c.change != "gelijk"}
    assert changed == ZEIST_CHANGES


def test_improvement_points_addressed_in_the_old_reports_order(diff: ReportDiff) -> None:
    status = {i.id: i.status for i in diff.improvements}
    assert [i.id for i in diff.improvements[:3]] == ["K1", "P4", "M1"]  # weight 3 first, as in the report
    assert {status[c] for c in ("K1", "P4", "M1", "A5", "S3")} == {"opgelost"}
    assert (status["V2"], status["S2"]) == ("open", "verslechterd")
    assert "voldoet" not in {i.old_verdict for i in diff.improvements}
    assert all(i.text for i in diff.improvements)


def test_a_version_against_itself_changes_nothing(built_corpus: Path) -> None:
    plan = built_corpus / "pdf" / "zeist-2025.pdf"
    same = ReportDiff.model_validate_json(run(plan, plan, "-f", "json").stdout)
    assert same.total_change == 0
    assert all(c.change == "gelijk" and not c.new_evidence and not c.lost_evidence for c in same.criteria)
    assert {i.status for i in same.improvements} == {"open"}
    html = run(plan, plan, "-f", "html", "--lang", "en").stdout
    assert "<p>No verdict changed.</p>" in html and 'class="criteria diff-changed"' not in html


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("terminal", "▲ K1 ★ Wettelijke grondslag: ✘ ontbreekt → ✔ voldoet (beter)"),
        ("markdown", "- ▲ K1 ★ Wettelijke grondslag: ✘ ontbreekt → ✔ voldoet (beter)"),
    ],
)
def test_text_formats(versions: tuple[Path, Path], fmt: str, expected: str) -> None:
    text = run(*versions, "-f", fmt).stdout
    assert expected in text.splitlines()
    assert "Totaalscore: 57 / 100 (matig) → 76 / 100 (voldoende)" in text
    assert "1. K1 Wettelijke grondslag (gewicht 3): opgelost — ✘ ontbreekt → ✔ voldoet" in text


def test_english_labels(versions: tuple[Path, Path]) -> None:
    text = run(*versions, "--lang", "en").stdout
    assert "▲ K1 ★ Legal basis: ✘ missing → ✔ meets (better)" in text.splitlines()
    assert "Total score: 57 / 100 (moderate) → 76 / 100 (sufficient) (+19)" in text
    assert "10 of 32 improvement points addressed, 0 partly." in text


def test_an_unreadable_version_is_one_line_with_its_exit_code(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    result = run(versions[0], tmp_path / "missing.pdf")
    assert result.exit_code == 10
    assert result.stderr.count("\n") == 1 and "missing.pdf: bestand niet gevonden" in result.stderr


def test_html_is_one_self_contained_page(versions: tuple[Path, Path]) -> None:
    html = run(*versions, "-f", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # no external assets
    changed = html.split('class="criteria diff-changed"')[1].split("</table>")[0]
    assert re.findall(r'data-criterion="(\w+)"', changed) == list(ZEIST_CHANGES)
    assert '<tr class="c-beter" data-criterion="K1">' in changed
    assert '<span class="verdict v-ontbreekt">✘ ontbreekt</span>' in changed
    assert "57 / 100" in html and "76 / 100" in html and '<span class="band band-voldoende">' in html
    assert "10 van 32 verbeterpunten opgelost, 0 deels." in html
    assert '<li class="s-verslechterd" data-criterion="S2">' in html
