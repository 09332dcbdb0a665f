"""Machine-readable output of `check` over several files and standard input, and the exit codes of
`batch` and `eval` a script relies on (real files, real subprocesses)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import batch_exit_code

from ivpcheck.model.checklist import id_order

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "amersfoort-2024.pdf"
DATE = ["--date", "2025-06-01"]


def ivpcheck(*args: str | Path, stdin: bytes | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "ivpcheck", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, input=stdin, cwd=cwd, timeout=900)


def plans_with_errors(tmp_path: Path) -> list[Path]:
    """A good plan, a file named .pdf that is not one, and a path that does not exist."""
    fake = tmp_path / "nep.pdf"
    fake.write_text("dit is geen pdf", encoding="utf-8")
    return [SAMPLE, fake, tmp_path / "weg.pdf"]


def test_several_files_as_json_are_one_array_with_error_records(tmp_path: Path) -> None:
    result = ivpcheck("check", *plans_with_errors(tmp_path), "--format", "json", *DATE)
    assert result.returncode == 13  # the highest: 'named .pdf but not a PDF' (13) over 'not found' (10)
    records = json.loads(result.stdout)
    assert [r.get("scored") for r in records] == [True, None, None]
    assert records[0]["input"]["path"].endswith("amersfoort-2024.pdf")
    errors = [r["error"] for r in records[1:]]
    assert [(r["file"], e["exit_code"], e["category"]) for r, e in zip(records[1:], errors, strict=True)] == [
        (str(tmp_path / "nep.pdf"), 13, "not_pdf"),
        (str(tmp_path / "weg.pdf"), 10, "missing"),
    ]
    assert all(e["message"] in result.stderr.decode() for e in errors)  # the same one line as on stderr


def test_jsonl_is_one_record_per_line(tmp_path: Path) -> None:
    result = ivpcheck("check", *plans_with_errors(tmp_path), "--format", "jsonl", *DATE)
    lines = result.stdout.decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3
    assert records[0]["scored"] and [r["error"]["exit_code"] for r in records[1:]] == [13, 10]


def test_one_file_as_json_is_one_object() -> None:
    result = ivpcheck("check", SAMPLE, "--format", "json", *DATE)
    assert json.loads(result.stdout)["input"]["path"].endswith("amersfoort-2024.pdf")


def test_check_dash_reads_standard_input() -> None:
    piped = ivpcheck("check", "-", "--format", "json", *DATE, stdin=SAMPLE.read_bytes())
    assert piped.returncode == 0, piped.stderr
    report = json.loads(piped.stdout)
    direct = json.loads(ivpcheck("check", SAMPLE, "--format", "json", *DATE).stdout)
    assert report["input"]["path"] == "-"
    assert (report["total"], report["input"]["sha256"]) == (direct["total"], direct["input"]["sha256"])
    broken = ivpcheck("check", "-", stdin=b"")
    assert broken.returncode == 11
    assert broken.stderr.decode().startswith("ivpcheck: -: ")


def test_batch_exit_codes(tmp_path: Path) -> None:
    plans = tmp_path / "plannen"
    plans.mkdir()
    shutil.copy(SAMPLE, plans / SAMPLE.name)
    db = tmp_path / "ivp.sqlite"
    good = ivpcheck("batch", plans, "--db", db, "-j", "1", *DATE)
    assert good.returncode == 0 == batch_exit_code(good.stdout.decode()), good.stderr
    (plans / "leeg.pdf").write_bytes(b"")
    failed = ivpcheck("batch", plans, "--db", db, "-j", "1", *DATE)
    assert failed.returncode == 1, failed.stderr
    nothing = ivpcheck("batch", tmp_path / "nergens" / "*.pdf", "--db", db, "-j", "1")
    assert nothing.returncode == 2
    assert (
        nothing.stderr.decode()
        .strip()
        .splitlines()[-1]
        .endswith("(geen documenten gevonden om te toetsen / no documents found to check)")
    )


def test_eval_without_the_dev_extras_says_what_to_install(tmp_path: Path) -> None:
    """As after the quick start: reportlab (a dev extra the corpus builder needs) is not importable."""
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("build", "__pycache__"))
    no_reportlab = "import sys; sys.modules['reportlab'] = None; from ivpcheck.cli import main; main()"
    cmd = [sys.executable, "-c", no_reportlab, "eval", str(corpus)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"ivpcheck: {corpus / 'build.py'}: ongeldige invoer of instelling / invalid option or setting "
        "(het corpus bouwen vraagt de dev-extra's: pip install -e '.[dev]' / "
        "building the corpus needs the dev extras: pip install -e '.[dev]')"
    )


def test_criteria_in_id_order_in_reports_and_rules() -> None:
    report = json.loads(ivpcheck("check", SAMPLE, "--format", "json", *DATE).stdout)
    ids = [c["id"] for c in report["criteria"]]
    assert ids == sorted(ids, key=lambda cid: id_order(cid[0], cid)) and "K6" in ids
    assert ids.index("K5") < ids.index("K6") and ids.index("P6") < ids.index("P7")
    markdown = ivpcheck("check", SAMPLE, "--format", "markdown", *DATE).stdout.decode()
    rows = [
        line.split("|")[1].strip().removesuffix(" ★")
        for line in markdown.splitlines()
        if line.startswith("| ")
    ]
    assert [r for r in rows if r in ids] == ids
    rules = json.loads(ivpcheck("rules", "--format", "json").stdout)["rules"]
    assert [r["id"] for r in rules] == ids
