"""The upload page in a real browser (Playwright + Debian's Chromium) against `ivpcheck serve`.

A person's path: open the page, choose a file, press the button, read the report; plus the
Dutch messages for bad files, the upload limit, keyboard use, and axe-core (zero violations).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ivpcheck.model.report import Report
from ivpcheck.render.view import build_view, display_score
from ivpcheck.web.views import FIELD_LABELS

from .web_helpers import ARTIFACTS, REPO, Server, run_server

TIMEOUT_MS = 900_000
BAD_MESSAGES = {
    "encrypted.pdf": "beveiligd met een wachtwoord",
    "corrupt.pdf": "beschadigd",
    "truncated.pdf": "beschadigd",
    "empty.pdf": "leeg",
    "scan.pdf": "geen tekst",
    "not-a-pdf.pdf": "geen PDF",
    "plan.odt": "niet ondersteund",
    "empty.docx": "leeg",
}


class Watcher:
    """Everything a page asked for outside the server, and every console error (CSP reports too)."""

    def __init__(self, page: Any, base: str) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request(base))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _request(self, base: str) -> Any:
        def seen(request: Any) -> None:
            if not request.url.startswith((base, "data:", "blob:")):
                self.external.append(request.url)

        return seen

    def assert_clean(self, allow_status: bool = False) -> None:
        assert self.external == []
        errors = [e for e in self.errors if not (allow_status and "status of 4" in e)]
        assert errors == []


@pytest.fixture
def page(chromium_browser: Any, server: Server) -> Iterator[Any]:
    context = chromium_browser.new_context(locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.watcher = Watcher(page, server.url)
    yield page
    context.close()


def submit(page: Any, base: str, path: Path) -> Any:
    """Open the upload page, choose the file, press the button; the response of the result page."""
    page.goto(base + "/")
    page.get_by_label("Kies het plan").set_input_files(str(path))
    with page.expect_navigation(timeout=TIMEOUT_MS) as navigation:
        page.get_by_role("button", name="Controleer het plan").click()
    return navigation.value


def run_axe(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's violations on the current page (all rules, WCAG 2.1 AA and best practices)."""
    page.evaluate("() => {\n" + axe_source + "\n}")
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def downloaded_report(page: Any) -> Report:
    with page.expect_download() as info:
        page.get_by_role("link", name="Download gegevens (JSON)").click()
    return Report.model_validate_json(Path(info.value.path()).read_text(encoding="utf-8"))


def gold_priorities(plan_id: str) -> list[dict[str, str]]:
    gold = yaml.safe_load((REPO / "corpus" / "gold" / f"{plan_id}.profile.yaml").read_text(encoding="utf-8"))
    return gold["priorities"]


def assert_report_page(page: Any, report: Report, plan_id: str) -> None:
    """Score, band, an improvement point with its evidence, and priorities under their veiligheidsveld."""
    view = build_view(report)
    assert page.locator("h1").inner_text() == "Uitslag van de controle"
    total = page.locator(".ivp-report .total")
    assert total.locator(".num").inner_text() == str(display_score(report.total))
    assert total.locator(".band").inner_text() == view.band
    first = view.improvements[0]
    item = page.locator(f"#ivp-imp-{first.id}")
    assert first.title in item.inner_text() and first.text in item.inner_text()
    if first.evidence and first.evidence[0].page is not None:
        assert f"p. {first.evidence[0].page}" in item.inner_text()
    kern = page.locator("#kern-h")
    assert kern.is_visible()
    priorities = page.locator("section:has(#prio-h)")
    found = 0
    for gold in gold_priorities(plan_id):
        field = FIELD_LABELS[gold["field"]]
        heading = priorities.locator("h3", has_text=field)
        if (
            heading.count()
            and gold["text"].lower() in heading.locator("xpath=following-sibling::ul[1]").inner_text().lower()
        ):
            found += 1
    assert found >= 1, priorities.inner_text()
    assert any(p.text in priorities.inner_text() for p in report.profile.priorities)
    assert report.profile.municipalities[0].name in page.locator(".ivp-report dl.meta").inner_text()


def test_pdf_upload_shows_the_report(page: Any, server: Server, ivp_pdf: Path, axe_source: str) -> None:
    response = submit(page, server.url, ivp_pdf)
    assert response.status == 200 and "/rapport/" in page.url
    report = downloaded_report(page)
    assert report.input.path == ivp_pdf.name and report.scored
    assert_report_page(page, report, ivp_pdf.stem)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-report-page.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download rapport (HTML)").click()
    html = Path(info.value.path()).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and str(display_score(report.total)) in html
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    page.watcher.assert_clean()
    assert server.stored_files() == []


def test_docx_upload_shows_the_report(page: Any, server: Server, ivp_docx: Path) -> None:
    response = submit(page, server.url, ivp_docx)
    assert response.status == 200
    report = downloaded_report(page)
    assert report.input.format == "docx"
    assert_report_page(page, report, ivp_docx.stem)
    page.watcher.assert_clean()


def test_upload_page_is_accessible(page: Any, server: Server, axe_source: str) -> None:
    page.goto(server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_label("Kies het plan").count() == 1
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-upload-page.png"), full_page=True)
    page.watcher.assert_clean()


def test_keyboard_reaches_every_control(page: Any, server: Server) -> None:
    page.goto(server.url + "/")
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        )
    assert reached[0] == "Direct naar de inhoud"
    assert "bestand" in reached and "submit-button" in reached
    assert reached.index("bestand") < reached.index("submit-button")


@pytest.mark.parametrize("name", sorted(BAD_MESSAGES))
def test_bad_files_get_a_dutch_message(page: Any, server: Server, built_corpus: Path, name: str) -> None:
    response = submit(page, server.url, built_corpus / "bad" / name)
    assert 400 <= response.status < 500
    assert page.get_by_role("alert").count() == 1
    text = page.locator(".problem").inner_text()
    assert BAD_MESSAGES[name] in text, text
    assert "Traceback" not in page.content()
    assert page.get_by_label("Kies het plan").count() == 1  # try again right here
    page.watcher.assert_clean(allow_status=True)


def test_error_page_is_accessible(page: Any, server: Server, built_corpus: Path, axe_source: str) -> None:
    submit(page, server.url, built_corpus / "bad" / "encrypted.pdf")
    violations = run_axe(page, axe_source)
    assert violations == [], describe(violations)


def test_not_an_ivp_gets_a_dutch_message(
    page: Any, server: Server, non_ivp_pdf: Path, manifest: dict
) -> None:
    response = submit(page, server.url, non_ivp_pdf)
    assert response.status == 422
    text = page.locator(".problem").inner_text()
    assert "Dit is geen integraal veiligheidsplan" in text
    doc_type = next(f["doc_type"] for f in manifest["files"] if f["path"].endswith("/" + non_ivp_pdf.name))
    if doc_type == "nieuwsbericht":
        assert "nieuwsbericht" in text


def test_upload_limit(chromium_browser: Any, tmp_path: Path, ivp_pdf: Path, built_corpus: Path) -> None:
    big = tmp_path / "groot-plan.pdf"
    big.write_bytes(ivp_pdf.read_bytes() + b"\n%" + b"0" * (2 * 1024 * 1024))  # a PDF of more than 2 MB
    with run_server(tmp_path / "tmp", "--max-upload-mb", "1", "--max-pages", "5", workers=1) as small:
        context = chromium_browser.new_context(locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        response = submit(page, small.url, big)
        assert response.status == 413
        text = page.locator(".problem").inner_text()
        assert "Het bestand is te groot" in text and "1 MB" in text
        response = submit(page, small.url, built_corpus / "pdf" / "amersfoort-2024.pdf")  # > 5 pages
        assert response.status == 422
        assert "meer pagina's" in page.locator(".problem").inner_text()
        context.close()
        assert small.stored_files() == []


def test_drag_and_drop_fills_the_file_input(page: Any, server: Server) -> None:
    page.goto(server.url + "/")
    page.evaluate(
        """() => {
            const data = new DataTransfer();
            data.items.add(new File(["%PDF-1.7"], "ivp-2024.pdf", {type: "application/pdf"}));
            const zone = document.getElementById("dropzone");
            const init = {dataTransfer: data, bubbles: true, cancelable: true};
            zone.dispatchEvent(new DragEvent("dragover", init));
            zone.dispatchEvent(new DragEvent("drop", init));
        }"""
    )
    assert page.evaluate("document.getElementById('bestand').files[0].name") == "ivp-2024.pdf"
    assert page.get_by_role("status").inner_text() == "Gekozen bestand: ivp-2024.pdf"
