"""The command line speaks one language per --lang (click's own messages included) and gives one
meaning one option name across commands (real subprocesses, the real click catalog)."""

from __future__ import annotations

import gettext
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po

from ivpcheck.cli import COMMANDS, LOCALE_DIR, main

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "amersfoort-2024.pdf"
# meaning -> the one name; old spellings that must still work but not show in --help
NAMES = {"check_date": "--date", "fmt": "--format", "score_all": "--force", "force": "--force"}
OLD_NAMES = {"--check-date", "--score-all", "--json", "--memory-limit-mb"}


def ivpcheck(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "ivpcheck", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)


def test_click_catalog_is_compiled_from_its_source() -> None:
    folder = LOCALE_DIR / "nl" / "LC_MESSAGES"
    with open(folder / "click.po", "rb") as handle:
        source = {m.id: m.string for m in read_po(handle) if m.id}
    with open(folder / "click.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, text in source.items():
        if isinstance(msgid, tuple):
            assert (compiled.ngettext(msgid[0], msgid[1], 1), compiled.ngettext(*msgid, 2)) == tuple(text)
        else:
            assert compiled.gettext(msgid) == text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ["Gebruik:", "Fout: Onbekende optie '--nope'.", "Probeer '"]),
        ("en", ["Usage:", "Error: No such option '--nope'.", "Try '"]),
    ],
)
def test_click_messages_follow_lang(lang: str, expected: list[str]) -> None:
    result = ivpcheck("check", str(SAMPLE), "--nope", "--lang", lang)
    assert result.returncode == 2
    assert all(text in result.stderr for text in expected), result.stderr


def test_bad_choice_in_dutch() -> None:
    result = ivpcheck("check", str(SAMPLE), "--format", "pdf")
    assert result.returncode == 2
    assert "Fout: Ongeldige waarde voor '--format' / '-f': 'pdf' is niet een van" in result.stderr


def every_command() -> list[click.Command]:
    ctx = click.Context(main)
    return [main.get_command(ctx, name) for name in COMMANDS]  # type: ignore[misc]


def test_one_name_per_meaning_across_commands() -> None:
    for command in every_command():
        for param in command.params:
            if not isinstance(param, click.Option) or param.hidden:
                continue
            shown = (
                param.opts
                if not hasattr(param, "old_names")
                else [o for o in param.opts if o not in param.old_names]
            )
            assert not set(shown) & OLD_NAMES, (command.name, shown)
            if param.name in NAMES:
                assert NAMES[param.name] in shown, (command.name, param.name, shown)


def test_old_spellings_still_work_but_are_not_shown() -> None:
    help_text = ivpcheck("check", "--help").stdout
    assert "--date" in help_text and "--check-date" not in help_text
    batch_help = ivpcheck("batch", "--help").stdout
    assert "--recheck" in batch_help and "--score-all" not in batch_help
    result = ivpcheck("check", str(SAMPLE), "--check-date", "2025-06-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["check_date"] == "2025-06-01"
