"""The HTML pages: upload form, report page, downloads, errors and the API documentation."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ivpcheck.model.report import Report
from ivpcheck.render.html import render_html, report_context
from ivpcheck.render.json import render_json
from ivpcheck.render.labels import DOC_TYPES
from ivpcheck.web.messages import Problem, problem
from ivpcheck.web.security import DOWNLOAD_CSP
from ivpcheck.web.service import Service
from ivpcheck.web.uploads import safe_name
from ivpcheck.web.views import extra_view, render_page, upload_sections

router = APIRouter(include_in_schema=False)
REPORT_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def service_of(request: Request) -> Service:
    """The running Service."""
    return request.app.state.service


def limits(svc: Service) -> dict[str, object]:
    """The limits the form mentions."""
    return {"max_upload_mb": svc.config.max_upload_mb, "max_pages": svc.config.max_pages}


def error_page(
    svc: Service,
    prob: Problem,
    report: Report | None = None,
    show_form: bool = True,
    filename: str | None = None,
    form: str = "_form.html.j2",
) -> HTMLResponse:
    """A friendly Dutch page for a problem, with the HTTP status that fits it, and `form` to try again."""
    doc_type = reasons = None
    if report is not None:
        filename = filename or report.input.path
        if report.profile is not None:
            decision = report.profile.doc_type
            doc_type = DOC_TYPES["nl"].get(decision.type)
            reasons = decision.reasons
    html = render_page(
        "error.html.j2",
        problem=prob,
        filename=filename,
        doc_type=doc_type,
        reasons=reasons,
        show_form=show_form,
        form=form,
        **limits(svc),
    )
    return HTMLResponse(html, status_code=prob.status, headers=prob.headers)


def stored_report(request: Request, report_id: str) -> Report | None:
    """The kept report for an id, or None."""
    if not REPORT_ID.match(report_id):
        return None
    return service_of(request).store.get(report_id)


@router.get("/", response_class=HTMLResponse)
async def upload_page(request: Request) -> HTMLResponse:
    """The upload page."""
    svc = service_of(request)
    return HTMLResponse(render_page("upload.html.j2", sections=upload_sections(), **limits(svc)))


@router.post("/controleer", response_model=None)
async def check_form(request: Request) -> Response:
    """The form's target: check the upload, then show the report (303) or a Dutch error page."""
    svc = service_of(request)
    outcome = await svc.check(request)
    if outcome.problem is not None:
        return error_page(svc, outcome.problem, outcome.report)
    assert outcome.report is not None
    report_id = svc.store.add(outcome.report)
    return RedirectResponse(f"/rapport/{report_id}", status_code=303)


@router.get("/rapport/{report_id}", response_class=HTMLResponse)
async def report_page(request: Request, report_id: str) -> HTMLResponse:
    """The report page: the shared report partial plus kernelementen, priorities and downloads."""
    report = stored_report(request, report_id)
    if report is None:
        return error_page(service_of(request), problem("not_found"), show_form=False)
    context = report_context(report, heading_base=2)  # in the report's language (config `lang`)
    html = render_page("result.html.j2", report_id=report_id, extra=extra_view(report), **context)
    return HTMLResponse(html)


def _attachment(report: Report, suffix: str) -> str:
    stem = safe_name(report.input.path).rsplit(".", 1)[0]
    return f'attachment; filename="{stem}-ivpcheck{suffix}"'


@router.get("/rapport/{report_id}/rapport.html", response_model=None)
async def download_html(request: Request, report_id: str) -> Response:
    """The report as one self-contained HTML file."""
    report = stored_report(request, report_id)
    if report is None:
        return error_page(service_of(request), problem("not_found"), show_form=False)
    headers = {"Content-Disposition": _attachment(report, ".html"), "Content-Security-Policy": DOWNLOAD_CSP}
    return HTMLResponse(render_html(report), headers=headers)


@router.get("/rapport/{report_id}/rapport.json", response_model=None)
async def download_json(request: Request, report_id: str) -> Response:
    """The report as JSON (the same as `ivpcheck check --format json`)."""
    report = stored_report(request, report_id)
    if report is None:
        return error_page(service_of(request), problem("not_found"), show_form=False)
    headers = {"Content-Disposition": _attachment(report, ".json")}
    return Response(render_json(report) + "\n", media_type="application/json", headers=headers)


@router.get("/rapport/{report_id}/adviesbrief.docx", response_model=None)
async def download_letter(request: Request, report_id: str) -> Response:
    """The advisor's letter as an editable Word document (the same as `ivpcheck check --format docx`)."""
    from ivpcheck.render.letter import render_letter

    report = stored_report(request, report_id)
    if report is None:
        return error_page(service_of(request), problem("not_found"), show_form=False)
    headers = {"Content-Disposition": _attachment(report, ".docx")}
    return Response(render_letter(report), media_type=DOCX_MEDIA_TYPE, headers=headers)


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> HTMLResponse:
    """The API documentation, rendered from the app's OpenAPI schema (no external assets)."""
    from ivpcheck.web.apidocs import operations

    schema = request.app.openapi()
    html = render_page("api_docs.html.j2", info=schema["info"], operations=operations(schema))
    return HTMLResponse(html)
