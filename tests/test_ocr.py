"""OCR of scanned plans (issue 19): the corpus's scans read like their text versions.

The scans (corpus/build/scans/<plan>-<dpi>.pdf) are the first pages of short plans, slightly
rotated and noisy, as image-only PDFs; `<plan>-text.pdf` holds the same pages with their text layer.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ivpcheck.model.document import Document
from ivpcheck.model.errors import NoTextLayerError
from ivpcheck.model.report import Report
from ivpcheck.model.settings import Settings
from ivpcheck.read import read_document
from ivpcheck.read.ocr import tesseract_available
from ivpcheck.run.pipeline import check_document

MIN_RECALL = 0.95
MIN_AGREEMENT = 0.90
WORD = re.compile(r"\w+")
OCR_SURE = {"ocr_pages": [1, 2, 3], "ocr_confidence": 95.0}
OCR_UNSURE = {"ocr_pages": [1, 2, 3], "ocr_confidence": 55.0}

needs_tesseract = pytest.mark.skipif(
    not tesseract_available(), reason="Tesseract with Dutch data not installed"
)


def words(doc: Document) -> Counter[str]:
    """The normalised word multiset of a document's pages (lower case, letters and digits)."""
    return Counter(word for page in doc.pages for word in WORD.findall(page.text.lower()))


def recall(truth: Counter[str], found: Counter[str]) -> float:
    """Share of the true words (with multiplicity) that OCR found."""
    return sum((truth & found).values()) / sum(truth.values())


@pytest.fixture(scope="module")
def scans(built_corpus: Path) -> list[dict]:
    import json

    entries = json.loads((built_corpus / "manifest.json").read_text(encoding="utf-8"))["scans"]
    assert len({e["id"] for e in entries}) >= 2 and {e["dpi"] for e in entries} >= {150, 100, None}
    return entries


@pytest.fixture(scope="module")
def checked(built_corpus: Path, scans: list[dict]) -> dict[tuple[str, int | None], tuple[Document, Report]]:
    """(plan, dpi) -> the document read and its report; dpi None is the text version."""
    settings = Settings(force=True)
    out = {}
    for entry in scans:
        doc = read_document(built_corpus / entry["path"])
        out[(entry["id"], entry["dpi"])] = doc, check_document(doc, settings)
    return out


@needs_tesseract
def test_scans_are_read_by_ocr(checked: dict, scans: list[dict]) -> None:
    for (plan, dpi), (doc, report) in checked.items():
        pages = next(e["pages"] for e in scans if e["id"] == plan and e["dpi"] == dpi)
        if dpi is None:
            assert doc.meta.ocr_pages == [] and report.input.ocr_confidence is None
        else:
            assert doc.meta.ocr_pages == list(range(1, pages + 1)), plan
            assert report.input.ocr_pages == doc.meta.ocr_pages
            assert report.input.ocr_confidence is not None and report.input.ocr_confidence >= 70, plan


@needs_tesseract
def test_word_recall(checked: dict) -> None:
    for (plan, dpi), (doc, _) in checked.items():
        if dpi is not None:
            found = recall(words(checked[(plan, None)][0]), words(doc))
            assert found >= MIN_RECALL, f"{plan} at {dpi} dpi: word recall {found:.3f}"


@needs_tesseract
def test_same_headings(checked: dict) -> None:
    """Headings come from line sizes and ink (bold) on a scan: nearly all of the text version's."""
    for (plan, dpi), (doc, _) in checked.items():
        if dpi is not None:
            truth = [h.text.lower() for h in checked[(plan, None)][0].headings]
            found = {h.text.lower() for h in doc.headings}
            hits = sum(text in found for text in truth)
            assert hits >= MIN_RECALL * len(truth) - 0.5, f"{plan} at {dpi} dpi: {hits}/{len(truth)} headings"
            assert len(found) <= len(truth) + 1, f"{plan} at {dpi} dpi: {sorted(found)}"


@needs_tesseract
def test_same_doc_type_and_verdicts(checked: dict) -> None:
    for (plan, dpi), (_, report) in checked.items():
        if dpi is None:
            continue
        text = checked[(plan, None)][1]
        assert report.profile.doc_type.type == text.profile.doc_type.type, (plan, dpi)
        truth = {c.id: c.verdict for c in text.criteria}
        same = sum(truth[c.id] == c.verdict for c in report.criteria)
        assert same >= MIN_AGREEMENT * len(truth), f"{plan} at {dpi} dpi: {same}/{len(truth)} verdicts agree"


def _check_in_subprocess(
    path: Path, *options: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    code = "import sys; from ivpcheck.cli import main; sys.exit(main())"
    cmd = [sys.executable, "-c", code, "check", *options, str(path)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def _assert_scan_error(result: subprocess.CompletedProcess, path: Path) -> None:
    assert result.returncode == NoTextLayerError.exit_code == 16, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and path.name in lines[0]
    assert "apt-get install tesseract-ocr tesseract-ocr-nld" in lines[0]


def test_without_tesseract_a_scan_gets_the_one_line_error(
    built_corpus: Path, scans: list[dict], tmp_path: Path
) -> None:
    path = built_corpus / next(e["path"] for e in scans if e["dpi"] == 150)
    python_dir = tmp_path / "bin"  # PATH with python but without tesseract
    python_dir.mkdir()
    (python_dir / "python").symlink_to(sys.executable)
    env = {**os.environ, "PATH": str(python_dir), "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    _assert_scan_error(_check_in_subprocess(path, env=env), path)


def test_ocr_never_gives_the_error(built_corpus: Path, scans: list[dict]) -> None:
    path = built_corpus / next(e["path"] for e in scans if e["dpi"] == 100)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    _assert_scan_error(_check_in_subprocess(path, "--ocr", "never", env=env), path)


@needs_tesseract
def test_broken_language_data_gets_the_one_line_error(
    built_corpus: Path, scans: list[dict], tmp_path: Path
) -> None:
    path = built_corpus / next(e["path"] for e in scans if e["dpi"] == 150)
    tessdata = tmp_path / "tessdata"  # Tesseract finds 'nld', but its data is garbage
    tessdata.mkdir()
    (tessdata / "nld.traineddata").write_bytes(b"not a traineddata file" * 100)
    env = {
        **os.environ,
        "TESSDATA_PREFIX": str(tessdata),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    result = _check_in_subprocess(path, env=env)
    _assert_scan_error(result, path)
    assert "Tesseract faalde / failed" in result.stderr and "Traceback" not in result.stderr


def test_ocr_never_raises_in_the_reader(built_corpus: Path, scans: list[dict]) -> None:
    with pytest.raises(NoTextLayerError):
        read_document(built_corpus / next(e["path"] for e in scans if e["dpi"] == 150), ocr="never")


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_low_confidence_notice_in_every_format(checked_text: Report, fmt: str, lang: str) -> None:
    from ivpcheck.render import render
    from ivpcheck.render.labels import labels

    L = labels(lang)
    sure = checked_text.model_copy(update={"input": checked_text.input.model_copy(update=OCR_SURE)})
    unsure = checked_text.model_copy(update={"input": checked_text.input.model_copy(update=OCR_UNSURE)})
    assert L["ocr_title"] not in render(sure, fmt, lang)
    assert "95/100" in render(sure, fmt, lang)  # the file line names the OCR'd pages and the confidence
    assert L["ocr_title"] in render(unsure, fmt, lang)
    assert unsure.input.ocr_doubtful and not sure.input.ocr_doubtful


@pytest.fixture(scope="module")
def checked_text(built_corpus: Path, scans: list[dict]) -> Report:
    """The report on a text version (no OCR), to which the tests add OCR fields."""
    path = built_corpus / next(e["path"] for e in scans if e["dpi"] is None)
    return check_document(read_document(path), Settings(force=True))


def test_batch_passes_the_ocr_setting_to_its_workers(
    built_corpus: Path, scans: list[dict], tmp_path: Path
) -> None:
    """`--ocr never` reaches the worker: the scan is stored as failed, category scan (with the default
    `auto` the same file is read, as the tests above show)."""
    import sqlite3

    scan = built_corpus / next(e["path"] for e in scans if e["dpi"] == 100)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / scan.name).write_bytes(scan.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    db = tmp_path / "never.sqlite"
    code = "import sys; from ivpcheck.cli import main; sys.exit(main())"
    cmd = [sys.executable, "-c", code, "batch", str(inputs), "--db", str(db), "-j", "1", "--ocr", "never"]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1, result.stderr  # the scan failed: recorded, and the run says so
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT status, category FROM results").fetchall()
    conn.close()
    assert rows == [("failed", NoTextLayerError.category)]


def test_ocr_setting_from_config_file_and_command_line(tmp_path: Path) -> None:
    from ivpcheck.run.config import CliOptions, build_run_config

    config = tmp_path / "ivpcheck.toml"
    config.write_text('ocr = "never"\n', encoding="utf-8")
    assert build_run_config(CliOptions(), None).settings.ocr == "auto"
    assert build_run_config(CliOptions(), config).settings.ocr == "never"
    assert build_run_config(CliOptions(ocr="always"), config).settings.ocr == "always"


@needs_tesseract
def test_ocr_always_reads_pages_with_a_text_layer_too(
    checked: dict, built_corpus: Path, scans: list[dict]
) -> None:
    entry = next(e for e in scans if e["dpi"] is None)
    doc = read_document(built_corpus / entry["path"], ocr="always")
    assert doc.meta.ocr_pages == list(range(1, entry["pages"] + 1))
    assert recall(words(checked[(entry["id"], None)][0]), words(doc)) >= MIN_RECALL
