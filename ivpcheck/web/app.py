"""The FastAPI app factory for `ivpcheck serve`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ivpcheck import __version__
from ivpcheck.render.html import report_css
from ivpcheck.web import api, compare, pages
from ivpcheck.web.config import ServeConfig
from ivpcheck.web.messages import problem
from ivpcheck.web.security import SecurityHeaders
from ivpcheck.web.service import Service

LOG = logging.getLogger("ivpcheck.web")
STATIC_DIR = Path(__file__).resolve().parent / "static"
DESCRIPTION = (
    "Toets een Integraal Veiligheidsplan (IVP) aan de CCV-checklist. Upload het plan als multipart-formulier "
    "naar POST /api/check en krijg het rapport als JSON, hetzelfde als `ivpcheck check --format json`."
)


def create_app(config: ServeConfig | None = None) -> FastAPI:
    """A new app with its own workers, report store and temp dir (started by the lifespan)."""
    config = config or ServeConfig()
    service = Service(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.close()

    app = FastAPI(
        title="ivpcheck",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.service = service

    @app.get("/static/report.css", include_in_schema=False)
    async def report_stylesheet() -> Response:
        return Response(report_css(), media_type="text/css; charset=utf-8")

    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(compare.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        category = "page_not_found" if error.status_code == 404 else "bad_request"
        prob = problem(category)
        if error.status_code not in (404,):
            prob = type(prob)(error.status_code, prob.category, prob.title, prob.message)
        if request.url.path.startswith("/api/"):
            return JSONResponse(prob.as_json(), status_code=prob.status)
        return pages.error_page(service, prob, show_form=False)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        prob = problem("bad_request", "; ".join(str(e.get("msg", "")) for e in error.errors())[:300])
        if request.url.path.startswith("/api/"):
            return JSONResponse(prob.as_json(), status_code=prob.status)
        return pages.error_page(service, prob, show_form=False)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        LOG.error("unexpected error on %s", request.url.path, exc_info=error)
        prob = problem("internal", type(error).__name__)
        if request.url.path.startswith("/api/"):
            return JSONResponse(prob.as_json(), status_code=prob.status)
        return pages.error_page(service, prob, show_form=False)

    app.add_middleware(SecurityHeaders)
    if config.allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
    return app
