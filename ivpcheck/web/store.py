"""Recent reports in memory, by an unguessable id, bounded (least recently used goes first).

Only the Report is kept (no plan file, no plan text beyond the report's quotes); a service
restart forgets everything.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

from ivpcheck.model.report import Report


class ReportStore:
    """A bounded LRU map id -> Report."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = max(1, maxsize)
        self._items: OrderedDict[str, Report] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, report: Report) -> str:
        """Keep a report; return its new id (256 random bits, URL-safe)."""
        report_id = secrets.token_urlsafe(32)
        with self._lock:
            self._items[report_id] = report
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return report_id

    def get(self, report_id: str) -> Report | None:
        """The report, or None when unknown or dropped; a hit counts as recent use."""
        with self._lock:
            report = self._items.get(report_id)
            if report is not None:
                self._items.move_to_end(report_id)
            return report

    def __len__(self) -> int:
        return len(self._items)
