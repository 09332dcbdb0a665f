"""Small parts of the web service: file names, the report store, messages."""

from __future__ import annotations

from ivpcheck.model.report import InputInfo, Report
from ivpcheck.web.messages import TEXTS, problem
from ivpcheck.web.store import ReportStore
from ivpcheck.web.uploads import display_name, safe_name


def test_safe_name_keeps_no_directories_or_odd_characters() -> None:
    assert safe_name("../../etc/passwd") == "passwd.bin"
    assert safe_name("C:\\Users\\a\\IVP 2024 (def).PDF") == "IVP_2024_def_.pdf"
    assert safe_name("plan.exe") == "plan.exe.bin"
    assert safe_name("") == "plan.bin"
    assert safe_name("Veiligheidsplan é.docx") == "Veiligheidsplan_e.docx"
    assert len(safe_name("a" * 500 + ".pdf")) == 100


def test_display_name_drops_paths_and_control_characters() -> None:
    assert display_name("map/IVP\x00 2024.pdf") == "IVP 2024.pdf"
    assert display_name("") == "plan"


def _report() -> Report:
    return Report(
        tool_version="t",
        rulepack_version="t",
        check_date="2025-01-01",
        input=InputInfo(path="p", sha256="0", format="pdf", pages=1),
    )


def test_store_is_a_bounded_lru() -> None:
    store = ReportStore(2)
    a, b = store.add(_report()), store.add(_report())
    assert store.get(a) is not None  # a is now the most recent
    c = store.add(_report())
    assert store.get(b) is None and store.get(a) is not None and store.get(c) is not None
    assert len(store) == 2 and store.get("unknown") is None


def test_every_message_is_dutch_with_a_status() -> None:
    for category, (status, title, message) in TEXTS.items():
        assert 400 <= status < 600, category
        assert title and message.endswith("."), category
    assert problem("busy").status == 503 and "bezet, probeer het later opnieuw" in problem("busy").message
    assert problem("whatever").category == "internal"


def test_serve_command_options() -> None:
    from click.testing import CliRunner

    from ivpcheck.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--max-upload-mb", "--max-pages", "--workers", "--timeout"):
        assert option in result.output
