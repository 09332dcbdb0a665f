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
    timeout: float = 120.0
    queue: int = 8
    upload_timeout: float = 300.0
    reports_kept: int = 50
    memory_limit_mb: int = 4096
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
    def capacity(self) -> int:
        """How many checks may be admitted at once: running plus waiting."""
        return self.workers + self.queue

    def settings_for(self, force: bool = False) -> Settings:
        """The settings of one check: the configured ones, dated today unless a date is configured."""
        update = {"check_date": self.check_date or dt.date.today(), "force": force or self.settings.force}
        return self.settings.model_copy(update=update)
