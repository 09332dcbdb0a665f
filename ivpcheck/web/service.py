"""One check from request to Report: admission, streamed upload, worker, clean-up."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from starlette.requests import Request

from ivpcheck.model.report import Report
from ivpcheck.web.config import ServeConfig
from ivpcheck.web.messages import Problem, problem
from ivpcheck.web.store import ReportStore
from ivpcheck.web.uploads import DRAIN_MIN, Upload, UploadError, drain, receive_uploads
from ivpcheck.web.views import _mb
from ivpcheck.web.worker import Admission, Job, WorkerPool

LOG = logging.getLogger("ivpcheck.web")


@dataclass
class Outcome:
    """A check's result: a report, a problem, or both (a document that is not an IVP)."""

    report: Report | None = None
    problem: Problem | None = None
    filename: str = ""


class Service:
    """The running service's state: workers, admission, recent reports and the temp root."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.pool = WorkerPool(config)
        self.admission = Admission(config.capacity)
        self.store = ReportStore(config.reports_kept)
        self.temp_root: Path | None = None

    async def start(self) -> None:
        """Make the private temp root (mode 0700) and start the workers."""
        self.temp_root = Path(tempfile.mkdtemp(prefix="ivpcheck-serve-"))
        self.pool.start()

    async def close(self) -> None:
        """Stop the workers and remove the temp root."""
        await asyncio.to_thread(self.pool.close)
        if self.temp_root is not None:
            shutil.rmtree(self.temp_root, ignore_errors=True)

    def limit_text(self, category: str) -> str:
        """The limit that was hit, in Dutch."""
        if category == "too_large":
            return f"De grens is {_mb(self.config.max_upload_mb)} MB."
        if category == "too_many_pages":
            return f"De grens is {self.config.max_pages} pagina's."
        return ""

    def problem(self, category: str, detail: str = "") -> Problem:
        """A Problem with the relevant limit added to its message (and when to retry, for 'busy')."""
        prob = problem(category, detail, self.limit_text(category))
        if category == "busy":
            prob = replace(prob, retry_after=self.config.retry_after)
        return prob

    async def check(self, request: Request, force: bool = False) -> Outcome:
        """Receive the upload in the request, check it in a worker and delete it again."""
        return (await self.check_all(request, force))[0]

    async def check_all(
        self, request: Request, force: bool = False, fields: tuple[str | None, ...] = (None,)
    ) -> list[Outcome]:
        """Receive one file per form field (None: the first file of any field) and check them side by
        side, each in a worker and an admission place of its own; one Outcome per file, or a single
        Outcome with the problem when the request itself fails (busy, upload)."""
        entered = 0
        while entered < len(fields) and self.admission.try_enter():
            entered += 1
        try:
            if entered < len(fields):
                with contextlib.suppress(Exception):
                    await drain(
                        request.stream(), max(DRAIN_MIN, 4 * len(fields) * self.config.max_upload_bytes)
                    )
                return [Outcome(problem=self.problem("busy"))]
            return await self._check(request, force, fields)
        finally:
            for _ in range(entered):
                self.admission.leave()

    async def _check(self, request: Request, force: bool, fields: tuple[str | None, ...]) -> list[Outcome]:
        assert self.temp_root is not None
        length = request.headers.get("content-length")
        try:
            async with asyncio.timeout(self.config.upload_timeout):
                uploads = await receive_uploads(
                    request.stream(),
                    request.headers.get("content-type", ""),
                    int(length) if length and length.isdigit() else None,
                    self.temp_root,
                    self.config.max_upload_bytes,
                    fields,
                )
        except TimeoutError:
            return [Outcome(problem=self.problem("upload_timeout"))]
        except UploadError as error:
            return [Outcome(problem=self.problem(error.category, error.detail))]
        try:
            return list(await asyncio.gather(*(self._run(upload, force) for upload in uploads)))
        finally:
            for upload in uploads:
                upload.remove()

    async def _run(self, upload: Upload, force: bool) -> Outcome:
        """Check one received file in a worker."""
        if upload.size == 0:
            return Outcome(problem=self.problem("empty"), filename=upload.filename)
        settings = self.config.settings_for(force)
        job = Job(str(upload.path), upload.filename, self.config.max_pages, settings.model_dump_json())
        result = await self.pool.check(job, heavy=upload.size > self.config.heavy_upload_bytes)
        if result["status"] != "ok":
            if result["category"] in ("internal", "memory", "timeout"):
                LOG.warning("check failed: %s (%s)", result["category"], result.get("detail", ""))
            return Outcome(
                problem=self.problem(result["category"], result.get("detail", "")), filename=upload.filename
            )
        report = Report.model_validate_json(result["report"])
        if not report.scored and not force:
            return Outcome(report=report, problem=self.problem("not_ivp"), filename=upload.filename)
        return Outcome(report=report, filename=upload.filename)
