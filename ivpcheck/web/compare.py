"""Two versions of a plan compared by the service, as `ivpcheck diff` does: the page (GET and POST
/vergelijk) and the API (POST /api/diff, multipart with the files `old` and `new`)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ivpcheck.model.diff import ReportDiff
from ivpcheck.render.diff import build_diff_view, render_diff
from ivpcheck.run.diff import compare_reports
from ivpcheck.web.api import UPLOAD_ERRORS
from ivpcheck.web.pages import error_page, limits, service_of
from ivpcheck.web.service import Outcome
from ivpcheck.web.views import render_page

router = APIRouter()
FIELDS = ("old", "new")  # the form fields of the two versions, oldest first
VERSION_NAMES = {"old": "oude versie", "new": "nieuwe versie"}
DIFF_FORM = "_diff_form.html.j2"

DIFF_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": list(FIELDS),
                "properties": {
                    "old": {
                        "type": "string",
                        "format": "binary",
                        "description": "de oude versie van het plan",
                    },
                    "new": {
                        "type": "string",
                        "format": "binary",
                        "description": "de nieuwe versie van het plan",
                    },
                },
            }
        }
    },
}


@dataclass(frozen=True)
class Failed:
    """Why there is no comparison: the outcome with the problem, and the version it belongs to (None
    when the request itself failed: busy, no file, too large)."""

    outcome: Outcome
    version: str | None


async def compare_uploads(request: Request, force: bool) -> ReportDiff | Failed:
    """Check both uploaded versions side by side and compare them."""
    outcomes = await service_of(request).check_all(request, force, FIELDS)
    if len(outcomes) != len(FIELDS):
        return Failed(outcomes[0], None)
    for version, outcome in zip(FIELDS, outcomes, strict=True):
        if outcome.problem is not None:
            return Failed(outcome, version)
    old, new = (outcome.report for outcome in outcomes)
    assert old is not None and new is not None
    return compare_reports(old, new)


@router.get("/vergelijk", response_class=HTMLResponse, include_in_schema=False)
async def compare_page(request: Request) -> HTMLResponse:
    """The form for two versions."""
    return HTMLResponse(render_page("compare.html.j2", **limits(service_of(request))))


@router.post("/vergelijk", response_model=None, include_in_schema=False)
async def compare_form(request: Request) -> Response:
    """The form's target: the comparison page, or a Dutch error page naming the version."""
    result = await compare_uploads(request, force=False)
    if isinstance(result, Failed):
        outcome = result.outcome
        assert outcome.problem is not None
        name = f"{outcome.filename} ({VERSION_NAMES[result.version]})" if result.version else None
        return error_page(service_of(request), outcome.problem, outcome.report, filename=name, form=DIFF_FORM)
    view = build_diff_view(result, service_of(request).config.settings.language)  # the reports' language
    return HTMLResponse(render_page("compare_result.html.j2", d=view, hb=2))


@router.post(
    "/api/diff",
    summary="Vergelijk twee versies van een plan (multipart-upload) en geef de vergelijking als JSON",
    description=(
        "Geeft precies de vergelijking van `ivpcheck diff OUD NIEUW --format json`: per criterium het "
        "oordeel in beide versies, nieuwe en vervallen vindplaatsen, score en oordeel, en wat er van de "
        "verbeterpunten van de oude versie werd. Fouten: JSON {error, message, version} (version: old of "
        "new, de versie die niet getoetst kon worden). De bestanden worden na de controle verwijderd."
    ),
    response_model=None,
    responses={200: {"model": ReportDiff, "description": "de vergelijking"}, **UPLOAD_ERRORS},
    openapi_extra={"requestBody": DIFF_BODY},
    tags=["API"],
)
async def api_diff(
    request: Request,
    force: bool = Query(False, description="ook vergelijken als een versie geen IVP is (zoals --force)"),
) -> Response:
    """Compare two uploaded versions of a plan."""
    result = await compare_uploads(request, force)
    if isinstance(result, Failed):
        problem = result.outcome.problem
        assert problem is not None
        version = {"version": result.version} if result.version else {}
        return JSONResponse({**problem.as_json(), **version}, status_code=problem.status)
    return Response(render_diff(result, "json"), media_type="application/json")
