"""The service's settings, filled by `ivpcheck serve` from its command-line options and the
configuration file (`ivpcheck.toml` or `[tool.ivpcheck]` in pyproject.toml, as for `ivpcheck check`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ivpcheck.model.settings import Settings

DEFAULT_CHECK = "ivpcheck.run.pipeline:check_file"


@dataclass(frozen=True)
class ServeConfig:
    """Limits and resources of one running service."""

    max_upload_mb: float = 50.0
    max_pages: int = 300
    workers: int = 2
    timeout: float = 120.0  # wall-clock seconds per check (the worker is killed after)
    cpu_limit: float = 60.0  # CPU seconds per check inside its worker
    queue: int = 16
    upload_timeout: float = 300.0  # the whole upload, however fast it arrives
    header_timeout: float = 10.0  # seconds to send the request line and headers
    body_timeout: float = 20.0  # seconds for the body, plus one per `min_upload_rate` bytes received
    min_upload_rate: float = 10_000.0  # bytes per second
    max_connections: int = 256  # open connections; uvicorn answers a plain 503 beyond them
    heavy_upload_mb: float = 5.0  # larger uploads are checked on at most workers - 1 workers at once
    retry_after: int = 30  # seconds, in the Retry-After header of a 503 (busy)
    reports_kept: int = 50
    memory_limit_mb: int = 640  # address space per worker
    max_jobs_per_worker: int = 200
    allowed_hosts: tuple[str, ...] = ()
    check_function: str = DEFAULT_CHECK
    settings: Settings = field(default_factory=Settings)  # rules, select/ignore, weights, params, lang
    check_date: dt.date | None = None  # a configured check date; None: the day of each check

    @property
    def max_upload_bytes(self) -> int:
        """The upload limit in bytes (for the file itself)."""
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def heavy_upload_bytes(self) -> int:
        """Uploads larger than this are heavy (see `heavy_upload_mb`)."""
        return int(self.heavy_upload_mb * 1024 * 1024)

    @property
    def heavy_workers(self) -> int:
        """How many workers may check heavy uploads at once: all but one, so normal plans never wait
        behind them (one, with a single worker)."""
        return max(1, self.workers - 1)

    @property
    def capacity(self) -> int:
        """How many checks may be admitted at once: running plus waiting."""
        return self.workers + self.queue

    def settings_for(self, force: bool = False) -> Settings:
        """The settings of one check: the configured ones, dated today unless a date is configured."""
        update = {"check_date": self.check_date or dt.date.today(), "force": force or self.settings.force}
        return self.settings.model_copy(update=update)
