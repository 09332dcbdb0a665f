"""`ivpcheck check --format docx`: the advisor's letter, read back with python-docx."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner, Result

from ivpcheck.cli import main
from ivpcheck.model.report import Report
from ivpcheck.render.view import display_score, improvement_order

DATE = ["--check-date", "2025-06-01"]


def run(*args: str | Path) -> Result:
    """Invoke the CLI in-process."""
    return CliRunner().invoke(main, ["check", *[str(a) for a in args], *DATE])


@pytest.fixture(scope="module")
def plan(built_corpus: Path) -> Path:
    return built_corpus / "pdf" / "zeist-2025-concept.pdf"


@pytest.fixture(scope="module")
def report(plan: Path) -> Report:
    return Report.model_validate_json(run(plan, "-f", "json").stdout)


@pytest.fixture(scope="module")
def letter_file(plan: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("letter") / "advies.docx"
    result = run(plan, "-f", "docx", "-o", target)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def letter(letter_file: Path) -> docx.document.Document:
    return docx.Document(str(letter_file))


def texts(letter: docx.document.Document, style: str | None = None) -> list[str]:
    return [p.text for p in letter.paragraphs if style is None or p.style.name == style]


def test_letter_head_names_municipality_plan_and_date(letter: docx.document.Document) -> None:
    paragraphs = texts(letter)
    assert paragraphs[0] == "Aan het college van burgemeester en wethouders van Zeist"
    assert "Onderwerp: advies over Concept Integraal Veiligheidsplan Zeist 2025-2028" in paragraphs
    head = {row.cells[0].text: row.cells[1].text for row in letter.tables[0].rows}
    assert head == {
        "Datum": "2025-06-01",
        "Plan": "Concept Integraal Veiligheidsplan Zeist 2025-2028 (2025-2028)",
        "Bestand": "zeist-2025-concept.pdf",
    }


def test_score_and_band(letter: docx.document.Document, report: Report) -> None:
    assert f"Het plan scoort {display_score(report.total)} van de 100 punten: matig." in texts(letter)
    assert "Kernelement(en) ontbreken, dus het oordeel is hoogstens 'voldoende': K1." in texts(letter)


def test_improvement_points_by_weight_with_their_evidence(
    letter: docx.document.Document, report: Report
) -> None:
    headings = texts(letter, "Heading 2")
    expected = improvement_order(report.criteria)
    assert [h.split()[1] for h in headings] == [c.id for c in expected]
    weights = [c.weight for c in expected]
    assert weights == sorted(weights, reverse=True) and weights[0] == 3
    assert headings[0] == "1. K1 ★ Wettelijke grondslag (gewicht 3, ✘ ontbreekt)"
    paragraphs = texts(letter)
    p4 = next(c for c in report.criteria if c.id == "P4")
    at = paragraphs.index(next(h for h in headings if " P4 " in h))
    assert paragraphs[at + 1] == p4.improvement
    assert p4.evidence[0].quote in paragraphs[at + 2] and paragraphs[at + 2].startswith("Vindplaats: p. ")


def test_annex_table_holds_every_criterion(letter: docx.document.Document, report: Report) -> None:
    assert "Bijlage: oordeel per criterium" in texts(letter, "Heading 1")
    annex = letter.tables[-1]
    rows = [[c.text for c in row.cells] for row in annex.rows]
    assert rows[0] == ["Code", "Criterium", "Gewicht", "Oordeel", "Pagina"]
    by_id = {row[0].rstrip(" ★"): row for row in rows[1:] if row[0] != row[1]}  # section rows span all cells
    assert list(by_id) == [c.id for c in report.criteria]
    assert by_id["K1"][1:4] == ["Wettelijke grondslag", "3", "✘ ontbreekt"]
    assert sum(row[0] == row[-1] for row in rows[1:]) == len(report.sections)


def test_english_letter(plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "advice.docx"
    assert run(plan, "-f", "docx", "--lang", "en", "-o", target).exit_code == 0
    paragraphs = texts(docx.Document(str(target)))
    assert paragraphs[0] == "To the municipal executive of Zeist"
    assert "Improvement points" in paragraphs


def test_several_letters_into_a_folder(built_corpus: Path, tmp_path: Path) -> None:
    plans = [built_corpus / "pdf" / "zeist-2025-concept.pdf", built_corpus / "pdf" / "zeist-2025.pdf"]
    assert run(*plans, "-f", "docx", "-o", tmp_path / "brieven").exit_code == 0
    written = sorted(p.name for p in (tmp_path / "brieven").iterdir())
    assert written == ["zeist-2025-concept.docx", "zeist-2025.docx"]
    assert texts(docx.Document(str(tmp_path / "brieven" / "zeist-2025.docx")))[0].endswith("Zeist")


def test_a_letter_needs_an_output_file(plan: Path) -> None:
    result = run(plan, "-f", "docx")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "een Word-brief vraagt -o BESTAND of MAP" in result.stderr


def one_line(text: str) -> str:
    """Text with every run of whitespace (line breaks of the PDF too) as one space."""
    return " ".join(text.split())


def test_the_letter_opens_in_libreoffice(letter_file: Path, report: Report, tmp_path: Path) -> None:
    """LibreOffice Writer converts the letter to PDF, and the PDF holds every improvement point."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice missing: scripts/test.sh installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice not installed (scripts/test.sh installs libreoffice-writer-nogui)")
    profile = (tmp_path / "lo-profile").as_uri()  # its own user profile: no clash with a running office
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    result = subprocess.run(
        [*command, "--outdir", str(tmp_path), str(letter_file)],
        capture_output=True,
        text=True,
        timeout=180,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    pdf_path = tmp_path / "advies.pdf"
    assert result.returncode == 0 and pdf_path.exists(), result.stdout + result.stderr
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        text = one_line(" ".join(page.get_textpage().get_text_range() for page in pdf))
    finally:
        pdf.close()
    points = [c.improvement for c in improvement_order(report.criteria)]
    assert len(points) > 10 and all(points)
    assert [p for p in points if one_line(p) not in text] == []
    assert "Aan het college van burgemeester en wethouders van Zeist" in text
