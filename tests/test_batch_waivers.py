"""`ivpcheck batch` applies waivers as `ivpcheck check` does: real corpus PDFs, real SQLite databases.

Every batch is the real command in a subprocess. The plans are copied into tmp_path and every run
uses a frozen copy of rules/, so that other work on the shared tree cannot change the fingerprints
between two runs of one test.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import batch_exit_code

from ivpcheck.batch.inputs import collect
from ivpcheck.model.errors import UsageError, WaiverFileError

CHECK_DATE = "2025-06-01"
RULES = Path(__file__).resolve().parent.parent / "ivpcheck" / "rules"
IVPCHECK = [sys.executable, "-c", "import sys; from ivpcheck.cli import main; sys.exit(main())"]
PLANS = ("pdf/almelo-2023.pdf", "pdf/kempen-2023.pdf")
WAIVED = "K5"
REASON = "Bewust geen apart handhavingsbeleid"


@pytest.fixture(scope="module")
def frozen_rules(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """--rules options of a copy of rules/ that no concurrent edit can change."""
    target = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(RULES, target)
    return ["--rules", str(target), "--replace-rules"]


@pytest.fixture
def plans(built_corpus: Path, tmp_path: Path) -> Path:
    """A folder with two corpus plans: almelo-2023.pdf and kempen-2023.pdf."""
    folder = tmp_path / "plannen"
    folder.mkdir()
    for name in PLANS:
        shutil.copy2(built_corpus / name, folder / Path(name).name)
    return folder


def ivpcheck(
    *args: str | Path, rules: list[str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `ivpcheck ARGS --check-date ... --rules <frozen>` in a subprocess."""
    cmd = [*IVPCHECK, *map(str, args), "--check-date", CHECK_DATE, *rules]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=cwd)


def batch(
    *args: str | Path, db: Path, rules: list[str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`ivpcheck batch ARGS --db DB -j 2`; must exit 0, or 1 when a plan failed."""
    result = ivpcheck("batch", *args, "--db", db, "-j", "2", rules=rules, cwd=cwd)
    assert result.returncode == batch_exit_code(result.stdout), result.stdout + result.stderr
    return result


def rows(db: Path) -> dict[str, tuple]:
    """File name -> (status, category, message, settings_hash, report or None)."""
    conn = sqlite3.connect(db)
    try:
        found = conn.execute(
            "SELECT path, status, category, message, settings_hash, report_json FROM results"
        )
        return {
            Path(path).name: (status, category, message, fingerprint, json.loads(report) if report else None)
            for path, status, category, message, fingerprint, report in found
        }
    finally:
        conn.close()


def waivers_in(report: dict) -> dict[str, str]:
    """Criterion id -> reason of every waived criterion in a report."""
    return {c["id"]: c["waived"] for c in report["criteria"] if c.get("waived")}


def sidecar(plan: Path, text: str) -> Path:
    """Write `<plan>.waivers.yaml` beside the plan."""
    path = plan.with_name(plan.name + ".waivers.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def test_sidecar_waivers_apply_per_plan_as_in_check(
    plans: Path, tmp_path: Path, frozen_rules: list[str]
) -> None:
    almelo = plans / "almelo-2023.pdf"
    sidecar(almelo, f'{WAIVED}: "{REASON}"\n')
    db = tmp_path / "batch.sqlite"
    result = batch(plans, db=db, rules=frozen_rules)
    stored = rows(db)
    assert set(stored) == {"almelo-2023.pdf", "kempen-2023.pdf"}  # the sidecar is no plan
    assert "getoetst als IVP:              2" in result.stdout
    assert waivers_in(stored["almelo-2023.pdf"][4]) == {WAIVED: REASON}
    assert waivers_in(stored["kempen-2023.pdf"][4]) == {}
    assert stored["almelo-2023.pdf"][3] != stored["kempen-2023.pdf"][3]
    assert stored["almelo-2023.pdf"][3].startswith(stored["kempen-2023.pdf"][3] + "+")
    checked = ivpcheck("check", almelo, "--format", "json", rules=frozen_rules)
    assert checked.returncode in (0, 1), checked.stderr
    report = json.loads(checked.stdout)
    for key in ("criteria", "sections", "total", "band", "band_capped_by"):
        assert stored["almelo-2023.pdf"][4][key] == report[key], key


def test_changed_waivers_are_rescored_on_resume(plans: Path, tmp_path: Path, frozen_rules: list[str]) -> None:
    almelo = plans / "almelo-2023.pdf"
    db = tmp_path / "batch.sqlite"
    batch(plans, db=db, rules=frozen_rules)
    before = rows(db)
    assert waivers_in(before["almelo-2023.pdf"][4]) == {}

    waiver_file = sidecar(almelo, f'{WAIVED}: "{REASON}"\n')
    added = batch(plans, db=db, rules=frozen_rules)
    assert "1 bestanden verwerkt" in added.stdout and "overgeslagen (al opgeslagen):  1" in added.stdout
    assert "Let op" not in added.stdout
    after = rows(db)
    assert waivers_in(after["almelo-2023.pdf"][4]) == {WAIVED: REASON}
    assert after["almelo-2023.pdf"][3] != before["almelo-2023.pdf"][3]
    assert after["kempen-2023.pdf"] == before["kempen-2023.pdf"]

    again = batch(plans, db=db, rules=frozen_rules)
    assert "0 bestanden verwerkt" in again.stdout  # the same waivers: nothing to redo

    waiver_file.unlink()
    removed = batch(plans, db=db, rules=frozen_rules)
    assert "1 bestanden verwerkt" in removed.stdout
    final = rows(db)
    assert waivers_in(final["almelo-2023.pdf"][4]) == {}
    assert final["almelo-2023.pdf"][3] == before["almelo-2023.pdf"][3]
    assert final["almelo-2023.pdf"][4]["criteria"] == before["almelo-2023.pdf"][4]["criteria"]


def test_broken_sidecar_fails_only_its_plan(plans: Path, tmp_path: Path, frozen_rules: list[str]) -> None:
    almelo = plans / "almelo-2023.pdf"
    waiver_file = sidecar(almelo, "K5: [niet afgesloten\n")
    db = tmp_path / "batch.sqlite"
    result = batch(plans, db=db, rules=frozen_rules)
    stored = rows(db)
    status, category, message, _, report = stored["almelo-2023.pdf"]
    assert (status, category, report) == ("failed", WaiverFileError.category, None)
    assert "\n" not in message and str(waiver_file) in message and "vrijstellingenbestand" in message
    assert stored["kempen-2023.pdf"][0] == "scored"
    assert "ongeldig vrijstellingenbestand (waivers): 1" in result.stdout
    assert f"ivpcheck: {message}" in result.stderr.splitlines() and "Traceback" not in result.stderr

    waiver_file.write_text(f"{WAIVED}: ''\n", encoding="utf-8")  # another error: recorded again
    batch(plans, db=db, rules=frozen_rules)
    assert "geef een reden" in rows(db)["almelo-2023.pdf"][2]

    waiver_file.write_text(f'{WAIVED}: "{REASON}"\n', encoding="utf-8")
    fixed = batch(plans, db=db, rules=frozen_rules)  # no --retry-failed needed
    assert "1 bestanden verwerkt" in fixed.stdout
    status, category, _, _, report = rows(db)["almelo-2023.pdf"]
    assert (status, category) == ("scored", None) and waivers_in(report) == {WAIVED: REASON}


def test_waivers_option_and_config_key(plans: Path, tmp_path: Path, frozen_rules: list[str]) -> None:
    sidecar(plans / "kempen-2023.pdf", 'L3: "genegeerd: --waivers gaat voor"\n')
    given = tmp_path / "vrijstellingen.yaml"
    given.write_text(f'almelo-2023.pdf:\n  {WAIVED}: "{REASON}"\n', encoding="utf-8")
    db = tmp_path / "option.sqlite"
    batch(plans, "--waivers", given, db=db, rules=frozen_rules)
    stored = rows(db)
    assert waivers_in(stored["almelo-2023.pdf"][4]) == {WAIVED: REASON}
    assert waivers_in(stored["kempen-2023.pdf"][4]) == {}  # the given file replaces the sidecars

    project = tmp_path / "project"
    project.mkdir()
    (project / "ivpcheck.toml").write_text(f'waivers = "{given}"\n', encoding="utf-8")
    config_db = tmp_path / "config.sqlite"
    batch(plans, db=config_db, rules=frozen_rules, cwd=project)
    assert {name: row[4]["criteria"] for name, row in rows(config_db).items()} == {
        name: row[4]["criteria"] for name, row in stored.items()
    }


@pytest.mark.parametrize(
    "content", [None, "- K5\n", "K5: reden\nXYZ12345: reden\n"], ids=["missing", "list", "id"]
)
def test_broken_waivers_option_stops_before_any_work(
    plans: Path, tmp_path: Path, frozen_rules: list[str], content: str | None
) -> None:
    given = tmp_path / "vrijstellingen.yaml"
    if content is not None:
        given.write_text(content, encoding="utf-8")
    db = tmp_path / "batch.sqlite"
    result = ivpcheck("batch", plans, "--db", db, "--waivers", given, rules=frozen_rules)
    assert result.returncode == UsageError.exit_code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ivpcheck: {given}: ongeldig vrijstellingenbestand")
    assert not db.exists()


def test_sidecars_are_never_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a/plan.pdf", "a/plan.pdf.waivers.yaml", "a/plan.waivers.yml", "a/sub/x.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = ["a/plan.pdf", "a/sub/x.docx"]
    assert [p.as_posix() for p in collect(["a"]).files] == expected
    assert [p.as_posix() for p in collect(["a/**/*"]).files] == expected
    only_waivers = collect(["a/*.y*ml"])
    assert only_waivers.files == [] and only_waivers.missing == ["a/*.y*ml"]
