"""`ivpcheck check` and `ivpcheck schema` end to end on built corpus files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from ivpcheck.cli import main
from ivpcheck.model.errors import (
    EmptyFileError,
    FileMissingError,
    NotAPdfError,
    UnsupportedFormatError,
    UsageError,
)
from ivpcheck.model.report import REPORT_SCHEMA_VERSION, Report
from ivpcheck.render.view import display_score
from ivpcheck.run.waivers import load_waiver_file, waivers_for

DATE = ["--check-date", "2025-06-01"]


def run(*args: str | Path) -> Result:
    """Invoke the CLI in-process."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def check_json(*args: str | Path) -> tuple[Result, Report]:
    date = [] if "--check-date" in args else DATE
    result = run("check", *args, "--format", "json", *date)
    return result, Report.model_validate_json(result.stdout.splitlines()[0])


@pytest.fixture(scope="module")
def plan(built_corpus: Path) -> Path:
    return built_corpus / "pdf" / "hof-van-twente-2019.pdf"  # the shortest plan: fast


@pytest.fixture(scope="module")
def baseline(plan: Path) -> Report:
    result, report = check_json(plan)
    assert result.exit_code == 0, result.output
    return report


@pytest.fixture()
def plan_copy(plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plan alone in a fresh folder, which is also the current directory."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "plans" / plan.name
    target.parent.mkdir()
    shutil.copy(plan, target)
    return target


def improvable(report: Report) -> str:
    """A scored criterion that is not 'voldoet' (so weighting or waiving it moves the total)."""
    return next(c.id for c in report.criteria if c.verdict in ("deels", "ontbreekt") and c.weight > 0)


def test_terminal_report_exit_0(plan: Path, baseline: Report) -> None:
    result = run("check", plan, *DATE)
    assert result.exit_code == 0
    assert f"{display_score(baseline.total)} / 100" in result.stdout
    assert "Verbeterpunten" in result.stdout


def test_help_documents_exit_codes() -> None:
    out = run("check", "--help").stdout
    for code in ("0 ", "1 ", "2 ", "10", "13", "17"):
        assert f"  {code}" in out
    assert "geen integraal veiligheidsplan" in out


@pytest.mark.parametrize(
    ("option", "value", "keep"),
    [
        ("--select", "K1,K2", lambda c: c.id in ("K1", "K2")),
        ("--select", "K", lambda c: c.section == "K"),
        ("--ignore", "L", lambda c: c.section != "L"),
        ("--ignore", "K1", lambda c: c.id != "K1"),
    ],
)
def test_select_and_ignore(plan: Path, baseline: Report, option: str, value: str, keep) -> None:
    _, report = check_json(plan, option, value)
    expected = [c.id for c in baseline.criteria if keep(c)]
    assert [c.id for c in report.criteria] == expected
    assert expected


@pytest.mark.parametrize("kind", ["ivpcheck.toml", "pyproject.toml"])
def test_config_file_changes_weight_and_disables_rule(plan_copy: Path, baseline: Report, kind: str) -> None:
    target = improvable(baseline)
    old = next(c.weight for c in baseline.criteria if c.id == target)
    new = 1 if old != 1 else 3
    body = f'ignore = ["L3"]\n[weights]\n{target} = {new}\n'
    text = (
        body
        if kind == "ivpcheck.toml"
        else f'[project]\nname = "x"\n[tool.ivpcheck]\n{body.replace("[weights]", "[tool.ivpcheck.weights]")}'
    )
    (plan_copy.parent.parent / kind).write_text(text, encoding="utf-8")  # found by walking up
    _, report = check_json(plan_copy)
    assert "L3" not in {c.id for c in report.criteria}
    assert next(c.weight for c in report.criteria if c.id == target) == new
    assert report.total != baseline.total


def test_explicit_config_and_cli_precedence(plan: Path, tmp_path: Path) -> None:
    config = tmp_path / "elders.toml"
    config.write_text('select = ["K"]\nlang = "en"\n', encoding="utf-8")
    _, report = check_json(plan, "--config", config)
    assert {c.section for c in report.criteria} == {"K"} and report.language == "en"
    _, report = check_json(plan, "--config", config, "--select", "A")
    assert {c.section for c in report.criteria} == {"A"}


def test_bad_config_is_a_usage_error(plan_copy: Path) -> None:
    (plan_copy.parent / "ivpcheck.toml").write_text("selekt = ['K']\n", encoding="utf-8")
    result = run("check", plan_copy)
    assert result.exit_code == 2
    assert "ivpcheck.toml" in result.stderr and "selekt" in result.stderr


def test_waiver_file_marks_waived_and_changes_score(plan_copy: Path, baseline: Report) -> None:
    target = improvable(baseline)
    waivers = plan_copy.parent / "waivers.yaml"
    waivers.write_text(f'{plan_copy.name}:\n  {target}: "Afgesproken met de adviseur"\n', encoding="utf-8")
    _, report = check_json(plan_copy, "--waivers", waivers)
    waived = next(c for c in report.criteria if c.id == target)
    assert waived.waived == "Afgesproken met de adviseur"
    assert report.total != baseline.total
    terminal = run("check", plan_copy, "--waivers", waivers, *DATE).stdout
    assert "vrijgesteld" in terminal and "Afgesproken met de adviseur" in terminal


def test_sidecar_waivers_are_found(plan_copy: Path, baseline: Report) -> None:
    target = improvable(baseline)
    plan_copy.with_name(plan_copy.name + ".waivers.yaml").write_text(f"{target}: niet van toepassing\n")
    _, report = check_json(plan_copy)
    assert next(c for c in report.criteria if c.id == target).waived == "niet van toepassing"


def test_fail_under(plan: Path, baseline: Report) -> None:
    shown = display_score(baseline.total)
    assert run("check", plan, "--fail-under", str(shown), *DATE).exit_code == 0
    assert run("check", plan, "--fail-under", str(shown + 1), *DATE).exit_code == 1


def test_bad_inputs_in_a_multi_file_run(plan: Path, built_corpus: Path, tmp_path: Path) -> None:
    bad = built_corpus / "bad"
    files = [bad / "empty.pdf", plan, bad / "plan.odt", tmp_path / "weg.pdf", bad / "not-a-pdf.pdf"]
    result = run("check", *files, *DATE)
    codes = [EmptyFileError, UnsupportedFormatError, FileMissingError, NotAPdfError]
    assert result.exit_code == max(e.exit_code for e in codes)
    assert plan.name in result.stdout and "Totaalscore" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    for path, line in zip([files[0], files[2], files[3], files[4]], errors, strict=True):
        assert str(path) in line


def test_output_directory_one_file_per_input(plan: Path, built_corpus: Path, tmp_path: Path) -> None:
    other = built_corpus / "pdf" / "amersfoort-2024.pdf"
    out = tmp_path / "rapporten"
    result = run("check", plan, other, "--format", "html", "-o", out, *DATE)
    assert result.exit_code in (0, 17), result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{plan.stem}.html", f"{other.stem}.html"])
    assert (out / f"{plan.stem}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_statistics_counts_verdicts(plan: Path, built_corpus: Path, baseline: Report) -> None:
    plans = [plan, built_corpus / "pdf" / "amersfoort-2024.pdf"]
    result = run("check", *plans, "--statistics", "--format", "json", *DATE)
    stats = json.loads(result.stdout)
    assert stats["files"]["scored"] == 2
    rows = {row["id"]: row for row in stats["criteria"]}
    assert set(rows) >= {c.id for c in baseline.criteria}
    for row in rows.values():
        assert row["voldoet"] + row["deels"] + row["ontbreekt"] + row["n.v.t."] == row["total"] == 2
    first = baseline.criteria[0]
    assert rows[first.id][first.verdict] >= 1
    table = run("check", *plans, "--statistics", *DATE).stdout
    assert "Statistiek" in table and first.id in table and "Totaalscore" not in table


def test_check_date_drives_k6(plan: Path) -> None:
    _, current = check_json(plan, "--select", "K6", "--check-date", "2020-01-01")  # plan for 2019-2022
    _, expired = check_json(plan, "--select", "K6", "--check-date", "2025-06-01")
    assert current.criteria[0].verdict == "voldoet" and expired.criteria[0].verdict == "ontbreekt"


def test_schema_is_valid_json_schema_with_version(plan: Path) -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["version"] == REPORT_SCHEMA_VERSION
    assert schema["$id"].endswith(REPORT_SCHEMA_VERSION)
    report = json.loads(run("check", plan, "--format", "json", *DATE).stdout)
    jsonschema.validate(report, schema)


def test_waivers_keyed_by_sha_name_and_default(plan: Path, tmp_path: Path) -> None:
    sha = hashlib.sha256(plan.read_bytes()).hexdigest()
    path = tmp_path / "w.yaml"
    path.write_text(
        f'L5: "alle plannen"\n"{sha[:16]}":\n  k2: "op hash"\nander.pdf:\n  K3: "niet dit plan"\n'
    )
    assert waivers_for(load_waiver_file(path), plan) == {"L5": "alle plannen", "K2": "op hash"}
    path.write_text("K2: ''\n")
    with pytest.raises(UsageError, match="reden"):
        load_waiver_file(path)
