"""Two versions of a plan compared by a real `ivpcheck serve`: POST /api/diff gives the bytes of
`ivpcheck diff --format json`, and the page /vergelijk in a real browser (Playwright + Debian's Chromium)
lists exactly the criteria whose verdict changed, accessibly (axe-core)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_diff import ZEIST_CHANGES

from ivpcheck.model.diff import ReportDiff

from .test_browser import TIMEOUT_MS, Watcher, describe, run_axe
from .web_helpers import ARTIFACTS, HASH_SEED, Server, ivpcheck_command


@pytest.fixture(scope="module")
def versions(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Zeist concept (DOCX) and final version (PDF), side by side in one folder without configuration."""
    folder = tmp_path_factory.mktemp("versions")
    old = shutil.copy(built_corpus / "docx" / "zeist-2025-concept.docx", folder)
    new = shutil.copy(built_corpus / "pdf" / "zeist-2025.pdf", folder)
    return Path(old), Path(new)


def api_diff(server: Server, old: Path | None, new: Path | None) -> httpx.Response:
    files = {
        field: (path.name, path.read_bytes(), "application/octet-stream")
        for field, path in (("old", old), ("new", new))
        if path is not None
    }
    return httpx.post(f"{server.url}/api/diff", files=files, timeout=900)


def test_api_returns_the_bytes_of_the_cli_diff(server: Server, versions: tuple[Path, Path]) -> None:
    response = api_diff(server, *versions)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    cmd = [*ivpcheck_command(), "diff", "--format", "json", *(p.name for p in versions)]
    env = dict(os.environ, PYTHONHASHSEED=HASH_SEED)
    cli = subprocess.run(cmd, cwd=versions[0].parent, capture_output=True, timeout=900, env=env)
    assert cli.returncode == 0, cli.stderr
    assert response.content + b"\n" == cli.stdout
    diff = ReportDiff.model_validate_json(response.content)
    assert {
        c.id: (c.old_verdict, c.new_verdict) for c in diff.criteria if c.change != "gelijk"
    } == ZEIST_CHANGES
    assert server.stored_files() == []


def test_api_names_the_version_that_cannot_be_read(
    server: Server, versions: tuple[Path, Path], built_corpus: Path
) -> None:
    response = api_diff(server, versions[0], built_corpus / "bad" / "encrypted.pdf")
    assert response.status_code == 422
    assert response.json()["error"] == "encrypted" and response.json()["version"] == "new"
    missing = api_diff(server, versions[0], None)
    assert missing.status_code == 400 and missing.json()["error"] == "no_file"
    assert server.stored_files() == []


@pytest.fixture
def page(chromium_browser: Any, server: Server) -> Iterator[Any]:
    context = chromium_browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.watcher = Watcher(page, server.url)
    yield page
    context.close()


def submit(page: Any, base: str, old: Path, new: Path) -> Any:
    """Open the comparison page from the upload page, choose both versions, press the button."""
    page.goto(base + "/")
    page.get_by_role("link", name="Vergelijk twee versies").click()
    page.get_by_label("Kies de oude versie").set_input_files(str(old))
    page.get_by_label("Kies de nieuwe versie").set_input_files(str(new))
    with page.expect_navigation(timeout=TIMEOUT_MS) as navigation:
        page.get_by_role("button", name="Vergelijk de versies").click()
    return navigation.value


def test_the_page_lists_exactly_the_changed_verdicts(
    page: Any, server: Server, versions: tuple[Path, Path], axe_source: str
) -> None:
    page.goto(server.url + "/vergelijk")
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    response = submit(page, server.url, *versions)
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Uitslag van de vergelijking"
    rows = page.locator("table.diff-changed tbody tr")
    assert [th.split()[0] for th in rows.locator("th").all_inner_texts()] == list(ZEIST_CHANGES)
    for row, (old, new) in zip(rows.all(), ZEIST_CHANGES.values(), strict=True):
        cells = row.locator("td").all_inner_texts()
        assert cells[1].endswith(old) and cells[2].endswith(new), cells
    k1 = page.locator('table.diff-changed tr[data-criterion="K1"]').inner_text()
    assert "artikel 38b" in k1 and "beter" in k1
    scores = page.locator("table.diff-scores tbody").inner_text()
    assert "57 / 100" in scores and "matig" in scores and "76 / 100" in scores and "voldoende" in scores
    assert "10 van 32 verbeterpunten opgelost" in page.locator(".ivp-diff").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-compare-page.png"), full_page=True)
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    page.watcher.assert_clean()
    assert server.stored_files() == []


def test_a_version_that_cannot_be_read_is_named(
    page: Any, server: Server, versions: tuple[Path, Path], built_corpus: Path, axe_source: str
) -> None:
    response = submit(page, server.url, built_corpus / "bad" / "corrupt.pdf", versions[1])
    assert response.status == 422
    text = page.locator(".problem").inner_text()
    assert "beschadigd" in text and "corrupt.pdf (oude versie)" in text
    assert page.get_by_label("Kies de oude versie").count() == 1  # try again right here
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    page.watcher.assert_clean(allow_status=True)


def test_the_html_diff_is_accessible(page: Any, versions: tuple[Path, Path], axe_source: str) -> None:
    """`ivpcheck diff --format html`: the stand-alone page, opened from disk."""
    cmd = [*ivpcheck_command(), "diff", "--format", "html", *(p.name for p in versions)]
    cli = subprocess.run(cmd, cwd=versions[0].parent, capture_output=True, text=True, timeout=900)
    assert cli.returncode == 0, cli.stderr
    page.set_content(cli.stdout)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("table.diff-changed tbody th").count() == len(ZEIST_CHANGES)
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    page.watcher.assert_clean()
