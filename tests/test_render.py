"""Renderers on real reports: the built corpus checked by the real pipeline."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from markupsafe import escape

from ivpcheck.model.report import Evidence, Report
from ivpcheck.model.settings import Settings
from ivpcheck.render import render
from ivpcheck.render.html import render_html, render_html_fragment
from ivpcheck.render.view import build_view, display_score
from ivpcheck.run.pipeline import check_file

CHECK_DATE = dt.date(2025, 6, 1)
SETTINGS = Settings(check_date=CHECK_DATE)


def flat(text: str) -> str:
    """Whitespace collapsed (the terminal renderer wraps long lines)."""
    return " ".join(text.split())


PLANS = ("hof-van-twente-2019", "amersfoort-2024")  # short plans with improvement points


@pytest.fixture(scope="module")
def report(built_corpus: Path) -> Report:
    """A scored report with at least one improvement point that quotes the plan on a page."""
    for plan in PLANS:
        candidate = check_file(built_corpus / "pdf" / f"{plan}.pdf", SETTINGS)
        view = build_view(candidate)
        if candidate.scored and any(ev.page and ev.quote for i in view.improvements for ev in i.evidence):
            return candidate
    pytest.fail("no corpus plan has an improvement point with page and quote")


def quoted_improvement(report: Report) -> tuple[str, int, str]:
    """(improvement text, page, quote) of the first improvement point with evidence."""
    for item in build_view(report).improvements:
        for ev in item.evidence:
            if ev.page and ev.quote:
                return item.text, ev.page, ev.quote
    raise AssertionError("no quoted improvement")


def test_json_is_exactly_the_report(report: Report) -> None:
    out = render(report, "json")
    assert out == report.model_dump_json()
    assert Report.model_validate_json(out) == report
    assert json.loads(out)["schema_version"] == report.schema_version


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_human_formats_show_score_band_and_a_quoted_improvement(report: Report, fmt: str) -> None:
    out = render(report, fmt, color=False)
    text = flat(re.sub(r"<[^>]+>", " ", out)) if fmt == "html" else flat(out)
    total = display_score(report.total)
    assert f"{total} / 100" in text
    assert report.band and report.band in text
    improvement, page, quote = quoted_improvement(report)
    assert flat(improvement)[:60] in text.replace("\\", "")
    assert f"p. {page}" in text
    if fmt == "html":
        assert str(escape(quote)) in flat(out)
    else:
        assert quote[:60] in text.replace("\\", "")


def test_improvements_ordered_by_weight(report: Report) -> None:
    weights = [item.weight for item in build_view(report).improvements]
    assert weights == sorted(weights, reverse=True)
    terminal = flat(render(report, "terminal"))
    ids = [item.id for item in build_view(report).improvements]
    positions = [terminal.index(f"{n}. {cid}") for n, cid in enumerate(ids, start=1)]
    assert positions == sorted(positions)


def test_terminal_header_names_plan_and_sections(report: Report) -> None:
    out = render(report, "terminal")
    assert Path(report.input.path).name in out
    assert "Totaalscore" in out and "Verbeterpunten" in out
    for section in report.sections:
        if any(c.section == section.section for c in report.criteria):
            assert f"{section.section} — " in out
    for name in (m.name for m in report.profile.municipalities) if report.profile else ():
        assert name in out


def test_html_is_self_contained_printable_and_accessible(report: Report) -> None:
    out = render_html(report)
    assert out.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in out
    for external in ("<script", "<link", "src=", "href=", "url(", "@import", "<iframe", "<img"):
        assert external not in out.lower(), external
    assert not re.search(r"https?://", out.split("</style>")[0]), "no external references in head/CSS"
    assert out.count("<style>") == 1
    assert "size: A4" in out and "@page" in out
    assert "display: table-header-group" in out
    assert out.count("<h1") == 1 and "<h2" in out and "<h3" in out
    assert '<th scope="col"' in out and '<th scope="row"' in out
    # every verdict is written out, not only coloured
    for c in report.criteria:
        if c.verdict == "ontbreekt" and not c.waived:
            assert "✘ ontbreekt" in out


def test_html_escapes_quotes(report: Report) -> None:
    evil = '<script>alert("x")</script> & "aanhalingstekens"'
    hacked = report.model_copy(deep=True)
    target = next(c for c in hacked.criteria if c.verdict in ("deels", "ontbreekt") and not c.waived)
    target.evidence.insert(0, Evidence(page=1, section="<b>kop</b>", quote=evil))
    out = render_html(hacked)
    assert "<script>" not in out and "<b>kop</b>" not in out
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;aanhalingstekens&#34;" in out


def test_html_partial_for_reuse(report: Report) -> None:
    fragment = render_html_fragment(report, heading_base=2)
    assert fragment.lstrip().startswith("<article")
    assert "<h1" not in fragment and "<h2" in fragment
    assert "<html" not in fragment and "<style" not in fragment


def test_english_labels(report: Report) -> None:
    assert "Total score" in render(report, "terminal", lang="en")
    assert '<html lang="en">' in render_html(report, lang="en")
    assert "Improvement points" in render(report, "markdown", lang="en")


def test_markdown_tables_per_section(report: Report) -> None:
    out = render(report, "markdown")
    assert out.startswith("# ")
    assert "| Code | Criterium | Gewicht | Oordeel | Pagina |" in out
    assert "## Verbeterpunten" in out


def test_not_an_ivp_is_stated_without_score(built_corpus: Path, corpus_manifest: dict) -> None:
    other = next(
        f["path"]
        for f in corpus_manifest["files"]
        if f["format"] == "pdf" and not f.get("variant") and f.get("doc_type") not in (None, "ivp")
    )
    report = check_file(built_corpus / other, SETTINGS)
    assert not report.scored and report.total is None
    for fmt in ("terminal", "markdown", "html"):
        out = render(report, fmt)
        assert "geen integraal veiligheidsplan" in flat(out).lower()
        assert "/ 100" not in out
        for reason in report.profile.doc_type.reasons if report.profile else ():
            assert flat(str(escape(reason)) if fmt == "html" else reason)[:40] in flat(out).replace("\\", "")
