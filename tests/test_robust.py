"""Issue 17, bounded and unbreakable: hostile names, inputs, databases and outputs end in one line and a
documented exit code, never a traceback. Every command runs as a real subprocess on real files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ODD = b"plan-\xff.html"  # a file name that is not valid UTF-8
ODD_SHOWN = "plan-\\xff.html"


def ivpcheck(*args: str | bytes | Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `python -m ivpcheck ARGS` from this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    cmd = [os.fsencode(sys.executable), b"-m", b"ivpcheck", *(os.fsencode(a) for a in args)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def odd_folder(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two plans: one under a name that is not UTF-8 (first), one under a plain name (second)."""
    folder = tmp_path_factory.mktemp("names")
    shutil.copy(built_corpus / "html" / "amersfoort-2024.html", os.path.join(os.fsencode(folder), ODD))
    shutil.copy(built_corpus / "html" / "ede-2025.html", folder / "zz-ede.html")
    return folder


def odd(folder: Path) -> bytes:
    return os.path.join(os.fsencode(folder), ODD)


def test_check_json_shows_an_undecodable_name_escaped_and_checks_the_next_file(odd_folder: Path) -> None:
    result = ivpcheck("check", "--format", "json", odd(odd_folder), odd_folder / "zz-ede.html")
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"]["path"] for r in reports] == [f"{odd_folder}/{ODD_SHOWN}", f"{odd_folder}/zz-ede.html"]
    assert all(r["scored"] and r["total"] > 0 for r in reports)


def test_read_json_names_the_source_escaped(odd_folder: Path) -> None:
    result = ivpcheck("read", "--format", "json", odd(odd_folder))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"] == f"{odd_folder}/{ODD_SHOWN}"
    assert doc["headings"]


def test_check_to_a_folder_writes_every_report(odd_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = ivpcheck("check", "--format", "json", "-o", out, odd(odd_folder), odd_folder / "zz-ede.html")
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    written = sorted(os.listdir(os.fsencode(out)))
    assert written == [b"plan-\xff.json", b"zz-ede.json"]
    with open(os.path.join(os.fsencode(out), b"plan-\xff.json"), encoding="utf-8") as handle:
        report = json.load(handle)
    assert report["input"]["path"] == f"{odd_folder}/{ODD_SHOWN}"


def test_batch_stores_an_undecodable_name_and_resumes_past_it(odd_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "ivp.sqlite"
    first = ivpcheck("batch", odd_folder, "--db", db, "-j", "1")
    assert_no_traceback(first)
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT path, status FROM results"))
    assert rows == {f"{odd_folder}/{ODD_SHOWN}": "scored", f"{odd_folder}/zz-ede.html": "scored"}
    again = ivpcheck("batch", odd_folder, "--db", db, "-j", "1")
    assert_no_traceback(again)
    assert again.returncode == 0, again.stderr
    assert "overgeslagen (al opgeslagen):  2" in again.stdout + again.stderr
    export = ivpcheck("export", "--db", db, "-o", tmp_path / "plans.csv")
    assert export.returncode == 0, export.stderr
    assert ODD_SHOWN in (tmp_path / "plans.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("depth", [600, 100_000])
def test_html_nested_hundreds_of_levels_deep_is_read(tmp_path: Path, depth: int) -> None:
    page = tmp_path / "diep.html"
    page.write_text(
        "<html><head><title>Integraal Veiligheidsplan</title></head><body>"
        "<h1>Integraal Veiligheidsplan 2024-2027</h1>"
        + "<div><span>" * depth
        + "<p>De gemeente Ede pakt ondermijning aan.</p>"
        + "</span></div>" * depth
        + "<p>Vastgesteld door de raad.</p></body></html>",
        encoding="utf-8",
    )
    result = ivpcheck("read", "--format", "json", page)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    texts = [block["text"] for block in json.loads(result.stdout)["blocks"]]
    assert texts == [
        "Integraal Veiligheidsplan 2024-2027",
        "De gemeente Ede pakt ondermijning aan.",
        "Vastgesteld door de raad.",
    ]


def test_check_scores_a_deeply_nested_page(tmp_path: Path) -> None:
    page = tmp_path / "diep.html"
    body = "<h1>Integraal Veiligheidsplan 2024-2027</h1><p>De gemeente Ede pakt ondermijning aan.</p>"
    page.write_text(f"<html><body>{'<div>' * 600}{body}{'</div>' * 600}</body></html>", encoding="utf-8")
    result = ivpcheck("check", "--force", "--format", "json", page)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["scored"] and len(report["criteria"]) > 30
