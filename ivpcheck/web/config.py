"""The service's settings, filled by `ivpcheck serve` from its command-line options."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_CHECK = "ivpcheck.pipeline:check_file"


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

    @property
    def max_upload_bytes(self) -> int:
        """The upload limit in bytes (for the file itself)."""
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def capacity(self) -> int:
        """How many checks may be admitted at once: running plus waiting."""
        return self.workers + self.queue
