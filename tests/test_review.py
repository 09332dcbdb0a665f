"""The advisor's review file: the advisor's verdicts override the tool's in the score, both are shown."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ivpcheck.cli import main
from ivpcheck.model.report import VERDICT_SCORES, Report

DATE = ["--check-date", "2025-06-01"]
REVIEW = """\
P4: {verdict: voldoet, reason: "De doelen staan met nulmeting in bijlage 2"}
K2: {verdict: deels, reason: "Alleen de Politiewet wordt genoemd"}
"""


def run(*args: str | Path) -> Result:
    """Invoke the CLI in-process."""
    return CliRunner().invoke(main, [str(a) for a in [*args, *DATE]], catch_exceptions=False)


@pytest.fixture(scope="module")
def plan(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Hof van Twente 2019 (short: fast) alone in a folder, with a review file beside it."""
    folder = tmp_path_factory.mktemp("reviewed")
    target = folder / "hof-van-twente-2019.pdf"
    shutil.copy(built_corpus / "pdf" / target.name, target)
    (folder / "hof-van-twente-2019.pdf.review.yaml").write_text(REVIEW, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def tool_report(built_corpus: Path) -> Report:
    """The same plan without a review."""
    result = run("check", built_corpus / "pdf" / "hof-van-twente-2019.pdf", "-f", "json")
    return Report.model_validate_json(result.stdout)


@pytest.fixture(scope="module")
def reviewed(plan: Path) -> Report:
    result = run("check", plan, "-f", "json")
    assert result.exit_code == 0, result.output
    return Report.model_validate_json(result.stdout)


def test_json_keeps_both_verdicts_and_scores_the_advisors(tool_report: Report, reviewed: Report) -> None:
    by_id = {c.id: c for c in reviewed.criteria}
    assert (by_id["P4"].verdict, by_id["P4"].advisor_verdict) == ("ontbreekt", "voldoet")
    assert (by_id["K2"].verdict, by_id["K2"].advisor_verdict) == ("voldoet", "deels")
    assert by_id["K2"].advisor_reason == "Alleen de Politiewet wordt genoemd"
    assert by_id["K1"].advisor_verdict is None
    overrides = {"P4": "voldoet", "K2": "deels"}
    scored = [
        (c.weight, VERDICT_SCORES[overrides.get(c.id, c.verdict)])
        for c in tool_report.criteria
        if c.weight and VERDICT_SCORES[overrides.get(c.id, c.verdict)] is not None
    ]
    expected = round(100 * sum(w * s for w, s in scored) / sum(w for w, _ in scored), 1)
    assert reviewed.total == expected != tool_report.total
    assert tool_report.band_capped_by == ["P4"] and reviewed.band_capped_by == []  # P4 no longer missing
    assert by_id["P4"].improvement is None  # voldoet for the advisor: no improvement point
    assert by_id["K2"].improvement  # deels for the advisor: the rule's improvement point


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_every_report_shows_both_verdicts_and_the_reason(plan: Path, fmt: str) -> None:
    text = re.sub(r"<[^>]+>|\*\*", "", run("check", plan, "-f", fmt).stdout)  # without markup
    assert "✘ ontbreekt → ✔ voldoet (adviseur)" in text  # the criteria table
    assert "✘ ontbreekt → ✔ voldoet — reden" in text  # the advisor's list
    assert "Oordelen van de adviseur" in text
    assert "De doelen staan met nulmeting in bijlage 2" in text


def test_review_option_applies_a_file_from_elsewhere(built_corpus: Path, tmp_path: Path) -> None:
    review = tmp_path / "advies.yaml"
    review.write_text("K6: {verdict: n.v.t., reason: Geen einddatum nodig}\n", encoding="utf-8")
    result = run("check", built_corpus / "pdf" / "hof-van-twente-2019.pdf", "--review", review, "-f", "json")
    k6 = next(c for c in Report.model_validate_json(result.stdout).criteria if c.id == "K6")
    assert (k6.verdict, k6.advisor_verdict, k6.final_score) == ("ontbreekt", "n.v.t.", None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("K99: {verdict: deels, reason: x}", "'K99': onbekend criterium / unknown criterion"),
        ("K1: {verdict: half, reason: x}", "'K1': onbekend oordeel 'half'"),
        ("K1: {verdict: deels}", "'K1.reason'"),
        ("K1: deels", "'K1': verwacht"),
        ("- K1", "verwacht {K5:"),
    ],
)
def test_a_broken_review_file_is_one_line_and_exit_2(
    built_corpus: Path, tmp_path: Path, text: str, message: str
) -> None:
    review = tmp_path / "review.yaml"
    review.write_text(text + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(built_corpus / "pdf" / "hof-van-twente-2019.pdf"), "--review", str(review)]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "ongeldig beoordelingsbestand" in result.stderr
    assert message in result.stderr


def test_eval_measures_the_tool_against_review_files(built_corpus: Path, tmp_path: Path) -> None:
    shutil.copy(built_corpus / "pdf" / "hof-van-twente-2019.pdf", tmp_path / "hof.pdf")
    (tmp_path / "hof.review.yaml").write_text(  # beside the plan by its stem
        REVIEW.replace("verdict: deels", "verdict: voldoet"), encoding="utf-8"
    )
    shutil.copy(built_corpus / "docx" / "zeist-2025-concept.docx", tmp_path / "zeist.docx")
    (tmp_path / "zeist.docx.review.yaml").write_text(
        "K1: {verdict: ontbreekt, reason: Geen wet genoemd}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["eval", "--reviews", str(tmp_path), "--json", *DATE])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["reviews"]
    assert data["plans"] == ["hof.pdf", "zeist.docx"]
    assert data["overall"]["n"] == 3 and data["overall"]["exact"] == pytest.approx(2 / 3, abs=1e-4)
    [miss] = data["disagreements"]  # the advisor passes P4, the tool finds no SMART goal
    assert (miss["plan"], miss["criterion"], miss["gold"], miss["tool"]) == (
        "hof.pdf",
        "P4",
        "voldoet",
        "ontbreekt",
    )
    assert miss["why"] == "De doelen staan met nulmeting in bijlage 2"


def test_an_improvement_text_the_findings_cannot_fill_gives_way_to_the_advisors_reason(
    built_corpus: Path, tmp_path: Path
) -> None:
    """Ede covers all five fields, so V4's text naming the missing field has nothing to name."""
    review = tmp_path / "review.yaml"
    review.write_text(
        "V4: {verdict: ontbreekt, reason: Fysieke veiligheid staat er alleen pro forma in}\n"
        "K1: {verdict: deels, reason: Alleen de Gemeentewet}\n",
        encoding="utf-8",
    )
    result = run("check", built_corpus / "pdf" / "ede-2025.pdf", "--review", review, "-f", "json")
    by_id = {c.id: c for c in Report.model_validate_json(result.stdout).criteria}
    assert by_id["V4"].verdict == "voldoet"
    assert by_id["V4"].improvement == "Fysieke veiligheid staat er alleen pro forma in"
    assert by_id["K1"].improvement and "[?]" not in by_id["K1"].improvement  # the rule's own text fills
    assert by_id["K1"].improvement != "Alleen de Gemeentewet"
