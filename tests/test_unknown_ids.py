"""Unknown rule ids and section letters, and thresholds of the wrong type, are refused (exit 2) with a
suggestion, wherever they come from: --select, --ignore, a waiver file, the config."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "amersfoort-2024.pdf"


def ivpcheck(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m ivpcheck ARGS` in a real subprocess, from `cwd`."""
    cmd = [sys.executable, "-m", "ivpcheck", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        ({}, ["--select", "K,P44"], "--select: ongeldige invoer of instelling / invalid option or setting "
         "(onbekende regel of onderdeel 'P44'; bedoelde u P4? / unknown rule or section, did you mean P4?)"),
        ({}, ["--ignore", "Q"], "onbekende regel of onderdeel 'Q' (zie `ivpcheck rules`)"),
        ({}, ["--ignore", "actualiteit"], "bedoelde u K6?"),
        ({"ivpcheck.toml": 'select = ["A", "V9"]\n'}, [], "regel of onderdeel 'V9' (zie `ivpcheck rules`)"),
        ({"ivpcheck.toml": "[weights]\nL33 = 1\n"}, [], "ivpcheck.toml: weights: ongeldige invoer"),
        ({"ivpcheck.toml": 'select = ["Y"]\n'}, ["--select", "K"], "ivpcheck.toml: select: ongeldige invoer"),
        ({"w.yaml": 'K55: "reden"\n'}, ["--waivers", "w.yaml"],
         "w.yaml: ongeldig vrijstellingenbestand / invalid waiver file (onbekende regel 'K55'; bedoelde u"),
        ({"amersfoort-2024.waivers.yaml": 'amersfoort-2024.pdf:\n  L33: "reden"\n'}, [],
         "amersfoort-2024.waivers.yaml: amersfoort-2024.pdf: ongeldig vrijstellingenbestand"),
        ({"ivpcheck.toml": '[params.P2]\nmax_voldoet = "vijf"\n'}, [],
         "regel P2, veld params.max_voldoet: verwacht een getal, niet tekst ('vijf')"),
        ({"ivpcheck.toml": "[params.P2]\nmax_voldoet = true\n"}, [],
         "regel P2, veld params.max_voldoet: verwacht een getal, niet ja/nee"),
    ],
)  # fmt: skip
def test_refused_with_suggestion(
    tmp_path: Path, files: dict[str, str], args: list[str], expected: str
) -> None:
    """One line on stderr naming where the id came from and the nearest known id; exit 2, no report."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    plan = tmp_path / SAMPLE.name
    plan.write_bytes(SAMPLE.read_bytes())
    result = ivpcheck(tmp_path, "check", plan.name, *args)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_known_ids_any_case_and_waived_ignored_rule_pass(tmp_path: Path) -> None:
    """Lower-case ids, section letters, a float threshold and a waiver on an ignored rule are accepted."""
    (tmp_path / "ivpcheck.toml").write_text("ignore = ['l7']\n[params.P2]\nmax_voldoet = 6.0\n")
    (tmp_path / "w.yaml").write_text('L7: "n.v.t."\n')
    plan = tmp_path / SAMPLE.name
    plan.write_bytes(SAMPLE.read_bytes())
    result = ivpcheck(tmp_path, "check", plan.name, "--select", "k,p2,L", "--waivers", "w.yaml")
    assert result.returncode == 0, result.stderr
    assert "Totaalscore" in result.stdout


def test_batch_refuses_unknown_waiver_id_before_work(tmp_path: Path) -> None:
    """`ivpcheck batch --waivers` with an unknown id stops before any plan is checked (exit 2)."""
    (tmp_path / "w.yaml").write_text('P44: "reden"\n')
    result = ivpcheck(tmp_path, "batch", str(SAMPLE), "--db", "x.sqlite", "--waivers", "w.yaml")
    assert result.returncode == 2
    assert "onbekende regel 'P44'; bedoelde u P4?" in result.stderr
