"""`ivpcheck read` on every bad input of the built corpus: one line, the right exit code, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ivpcheck.cli import main
from ivpcheck.model.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    IvpcheckError,
    NotAPdfError,
    NoTextLayerError,
    UnsupportedFormatError,
)

# bad/<file> -> the error the readers must raise for it (manifest "bad" kind in the comment)
EXPECTED: dict[str, type[IvpcheckError]] = {
    "encrypted.pdf": EncryptedFileError,  # encrypted
    "truncated.pdf": CorruptFileError,  # truncated
    "corrupt.pdf": CorruptFileError,  # corrupt
    "empty.pdf": EmptyFileError,  # empty (0 bytes)
    "not-a-pdf.pdf": NotAPdfError,  # an HTML page named .pdf
    "scan.pdf": NoTextLayerError,  # scan without a text layer
    "plan.odt": UnsupportedFormatError,  # unsupported-format
    "empty.docx": EmptyFileError,  # empty-document: a valid DOCX without text
}
CASES = sorted(EXPECTED)


def _bad_path(built_corpus: Path, name: str) -> Path:
    path = built_corpus / "bad" / name
    assert path.exists(), f"the corpus builder did not write bad/{name}"
    return path


def assert_one_line_error(output: str, path: Path, code: int, expected: int) -> None:
    """Exit code of the error class, one line on stderr naming the file, no traceback."""
    assert code == expected, output
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert path.name in lines[0]
    assert lines[0].startswith("ivpcheck: ")


def test_every_bad_file_is_covered(corpus_manifest: dict) -> None:
    built = {Path(f["path"]).name for f in corpus_manifest["files"] if f.get("bad")}
    assert built == set(EXPECTED), "a bad input was added or removed: update EXPECTED"


@pytest.mark.parametrize("name", CASES)
def test_cli_runner_bad_input(built_corpus: Path, name: str) -> None:
    path = _bad_path(built_corpus, name)
    result = CliRunner().invoke(main, ["read", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == ""
    assert_one_line_error(result.stderr, path, result.exit_code, EXPECTED[name].exit_code)


@pytest.mark.parametrize("output_format", ["outline", "text", "json"])
def test_cli_runner_missing_path(tmp_path: Path, output_format: str) -> None:
    path = tmp_path / "bestaat-niet.pdf"
    result = CliRunner().invoke(main, ["read", str(path), "--format", output_format])
    assert_one_line_error(result.stderr, path, result.exit_code, FileMissingError.exit_code)


def _console_script() -> str:
    script = shutil.which("ivpcheck") or str(Path(sys.executable).parent / "ivpcheck")
    if not Path(script).exists():
        pytest.fail("the `ivpcheck` console script is not installed: run `pip install -e .`")
    return script


@pytest.mark.parametrize("name", [*CASES, "missing.docx"])
def test_console_script_bad_input(built_corpus: Path, tmp_path: Path, name: str) -> None:
    """The installed entry point, in a real process: stderr, exit code, no traceback."""
    if name == "missing.docx":
        path, expected = tmp_path / name, FileMissingError.exit_code
    else:
        path, expected = _bad_path(built_corpus, name), EXPECTED[name].exit_code
    result = subprocess.run(
        [_console_script(), "read", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.stdout == ""
    assert_one_line_error(result.stderr, path, result.returncode, expected)


@pytest.mark.parametrize(
    ("name", "says", "never"),
    [
        ("truncated.pdf", "bestand is afgebroken: het einde ontbreekt", "beschadigd"),
        ("corrupt.pdf", "bestand is beschadigd en kan niet worden gelezen", "afgebroken"),
        ("empty.docx", "document bevat geen tekst / document contains no text", "0 bytes"),
        ("empty.pdf", "bestand is leeg (0 bytes)", "geen tekst"),
    ],
)
def test_message_says_what_happened(built_corpus: Path, name: str, says: str, never: str) -> None:
    """A cut-off PDF is not called corrupt, a garbled one not truncated, a DOCX without text not 0 bytes."""
    result = CliRunner().invoke(main, ["read", str(_bad_path(built_corpus, name))])
    assert says in result.stderr and never not in result.stderr, result.stderr
