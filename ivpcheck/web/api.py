"""The JSON API: POST /api/check, GET /api/rules, GET /healthz."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ivpcheck import __version__
from ivpcheck.model.errors import IvpcheckError
from ivpcheck.model.report import Report
from ivpcheck.model.settings import Settings
from ivpcheck.render.json import render_json
from ivpcheck.web.messages import problem
from ivpcheck.web.service import Service

router = APIRouter()


class ErrorBody(BaseModel):
    """An error: its category (as in ivpcheck's input errors) and a Dutch message."""

    error: str = Field(
        description="empty, unsupported, not_pdf, corrupt, encrypted, scan, not_ivp, "
        "too_many_pages, too_large, timeout, memory, busy, no_file, bad_request, internal"
    )
    message: str = Field(description="Dutch message for the user")
    detail: str | None = None
    doc_type: str | None = Field(default=None, description="for not_ivp: the document type found")
    report: dict[str, Any] | None = Field(default=None, description="for not_ivp: the unscored report")


UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "het plan: PDF, DOCX, HTML, TXT of MD (het type volgt uit de inhoud)",
                    }
                },
            }
        }
    },
}


# The error answers of an endpoint that checks uploads (for the OpenAPI schema).
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "geen bestand of ongeldig verzoek"},
    413: {"model": ErrorBody, "description": "bestand te groot"},
    415: {"model": ErrorBody, "description": "bestandsformaat niet ondersteund"},
    422: {
        "model": ErrorBody,
        "description": "onleesbaar bestand, geen IVP, te veel pagina's of te lang bezig",
    },
    503: {"model": ErrorBody, "description": "bezet, probeer het later opnieuw"},
}


def _error(prob: Any, **extra: Any) -> JSONResponse:
    return JSONResponse({**prob.as_json(), **extra}, status_code=prob.status, headers=prob.headers)


@router.post(
    "/api/check",
    summary="Toets een plan (multipart-upload) en geef het rapport als JSON",
    description=(
        "Geeft precies het rapport van `ivpcheck check --format json` (schema: `ivpcheck schema`). "
        "Fouten: JSON {error, message}. Het bestand wordt na de controle verwijderd."
    ),
    response_model=None,
    responses={200: {"model": Report, "description": "het rapport"}, **UPLOAD_ERRORS},
    openapi_extra={"requestBody": UPLOAD_BODY},
    tags=["API"],
)
async def api_check(
    request: Request,
    force: bool = Query(False, description="ook scoren als het document geen IVP is (zoals --force)"),
) -> Response:
    """Check one uploaded plan."""
    svc: Service = request.app.state.service
    outcome = await svc.check(request, force=force)
    if outcome.problem is not None:
        extra: dict[str, Any] = {}
        if outcome.report is not None and outcome.report.profile is not None:
            extra["doc_type"] = outcome.report.profile.doc_type.type
            extra["report"] = outcome.report.model_dump(mode="json")
        return _error(outcome.problem, **extra)
    assert outcome.report is not None
    return Response(render_json(outcome.report), media_type="application/json")


def _rules(settings: Settings) -> dict[str, Any]:
    from ivpcheck.render.rules import rules_data
    from ivpcheck.run.pipeline import pack_for

    return rules_data(pack_for(settings))


@router.get(
    "/api/rules",
    summary="De regels (criteria) van de regelset",
    description="Elke regel die de dienst toetst (de ingestelde regelset): id, titel, onderdeel, gewicht, "
    "kernelement en omschrijving.",
    tags=["API"],
)
async def api_rules(request: Request) -> JSONResponse:
    """Every rule the service checks (its configured rule pack): id, title, section, weight, kernelement,
    description."""
    svc: Service = request.app.state.service
    try:
        return JSONResponse(await run_in_threadpool(_rules, svc.config.settings))
    except IvpcheckError as error:
        return _error(problem("usage", error.one_line()))


@router.get(
    "/healthz",
    summary="Gezondheid van de dienst",
    description="Status, versie, werkers (gereed en bezig), toegelaten toetsen en capaciteit.",
    tags=["API"],
)
async def healthz(request: Request) -> dict[str, Any]:
    """Status, workers (ready/busy), admitted checks and capacity."""
    svc: Service = request.app.state.service
    pool = svc.pool
    return {
        "status": "ok" if pool.ready > 0 else "starting",
        "version": __version__,
        "workers": svc.config.workers,
        "ready": pool.ready,
        "busy": pool.busy,
        "admitted": svc.admission.admitted,
        "capacity": svc.config.capacity,
        "timeouts": pool.timeouts,
        "replaced": pool.replaced,
        "reports": len(svc.store),
    }
