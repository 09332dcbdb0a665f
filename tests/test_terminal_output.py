"""The terminal and HTML reports as a reader meets them: evidence for positive verdicts, 80 columns,
no word cut in two, colour on request (real plans, real subprocesses)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "amersfoort-2024.pdf"
DATE = ["--check-date", "2025-06-01"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
ROW = re.compile(r"^(?P<id>[A-Z]\d+)(?P<kern> ★)? +│")


def ivpcheck(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m ivpcheck ARGS` with its output piped, in the environment plus `env`."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    cmd = [sys.executable, "-m", "ivpcheck", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=clean | env, timeout=600, cwd=REPO)


def rules_by_id() -> dict[str, bool]:
    """Every rule id of the pack with its kernelement flag."""
    from ivpcheck.model.settings import Settings
    from ivpcheck.run.pipeline import pack_for

    return {r.id: r.kernelement for r in pack_for(Settings()).rules}


def test_table_at_80_columns_keeps_ids_and_kernelement_marks_whole() -> None:
    result = ivpcheck("check", str(SAMPLE), *DATE, COLUMNS="80")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    rows = {m["id"]: bool(m["kern"]) for m in map(ROW.match, lines) if m}
    assert rows == rules_by_id()
    assert not [line for line in lines if ROW.match(line) and "…" in line]  # nothing truncated


def test_piped_output_never_cuts_a_word() -> None:
    """Every word of the narrow report is a word of the same report printed without wrapping."""
    narrow = ivpcheck("check", str(SAMPLE), *DATE, "-v", COLUMNS="80").stdout
    wide = ivpcheck("check", str(SAMPLE), *DATE, "-v", COLUMNS="1000").stdout
    assert len(narrow.splitlines()) > len(wide.splitlines())  # the narrow one did wrap
    assert set(narrow.split()) <= set(wide.split())


def test_colour_on_request_when_piped() -> None:
    def coloured(*args: str, **env: str) -> bool:
        return bool(ANSI.search(ivpcheck("check", str(SAMPLE), *DATE, *args, **env).stdout))

    assert not coloured()
    assert coloured("--color")
    assert coloured(FORCE_COLOR="1")
    assert not coloured(NO_COLOR="1")
    assert not coloured("--no-color", FORCE_COLOR="1")
    assert coloured("--color", NO_COLOR="1")


def test_show_evidence_lists_where_met_criteria_were_found() -> None:
    plain = ivpcheck("check", str(SAMPLE), *DATE).stdout
    shown = ivpcheck("check", str(SAMPLE), *DATE, "--show-evidence").stdout
    assert ivpcheck("check", str(SAMPLE), *DATE, "-v").stdout == shown
    assert "Vindplaatsen van de criteria die voldoen" not in plain
    section = shown.split("Vindplaatsen van de criteria die voldoen", 1)[1]
    k1 = section.split("K1 ★ Wettelijke grondslag  ✔ voldoet", 1)[1].split("\n", 2)
    assert k1[1].strip().startswith("Vindplaats: p. ")
    assert "38b" in section
    english = ivpcheck("check", str(SAMPLE), *DATE, "-v", "--lang", "en").stdout
    assert "Evidence for the criteria that are met" in english


class DetailsParser(HTMLParser):
    """The <details> of the criteria tables: (summary, list items) per criterion row id."""

    def __init__(self) -> None:
        super().__init__()
        self.row_id = ""
        self.stack: list[str] = []
        self.details: dict[str, tuple[str, list[str]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag == "details":
            self.details[self.row_id] = ("", [])
        if tag == "li" and "details" in self.stack:
            self.details[self.row_id][1].append("")

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.stack[-1:] == ["th"] and re.fullmatch(r"[A-Z]\d+\s*", data):
            self.row_id = data.strip()
        elif "summary" in self.stack:
            summary, items = self.details[self.row_id]
            self.details[self.row_id] = (summary + data, items)
        elif "details" in self.stack and "li" in self.stack:
            self.details[self.row_id][1][-1] += data


def test_html_has_collapsible_evidence_per_criterion(tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    assert ivpcheck("check", str(SAMPLE), *DATE, "--format", "html", "-o", str(out)).returncode == 0
    parser = DetailsParser()
    parser.feed(out.read_text(encoding="utf-8"))
    import json

    report = json.loads(ivpcheck("check", str(SAMPLE), *DATE, "--format", "json").stdout)
    met = [c for c in report["criteria"] if c["verdict"] == "voldoet" and c["evidence"]]
    assert len(met) > 30
    for criterion in met:
        summary, items = parser.details[criterion["id"]]
        assert summary.startswith("vindplaatsen (")
        first = criterion["evidence"][0]
        assert " ".join(first["quote"].split())[:40] in " ".join(items[0].split())
