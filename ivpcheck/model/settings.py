"""Run settings shared by every stage: which rules, overrides, check date, language.

Filled from the command line and the config file (`ivpcheck.toml` or `[tool.ivpcheck]` in
pyproject.toml) by ivpcheck.run.config; the engine only reads this model.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from ivpcheck.model.document import OcrMode

# The CCV rule pack ships inside the package (ivpcheck/rules); wheels install unzipped, so it is a folder.
DEFAULT_RULES_DIR = Path(str(files("ivpcheck") / "rules"))


class AdvisorReview(BaseModel):
    """An advisor's verdict on one criterion, with the reason (a review file entry)."""

    verdict: Literal["voldoet", "deels", "ontbreekt", "n.v.t."]
    reason: str


class Settings(BaseModel):
    """Everything that changes how a plan is judged or shown."""

    rules: list[Path] = Field(default_factory=lambda: [DEFAULT_RULES_DIR], description="rule packs")
    replace_rules: bool = Field(default=False, description="--rules replaces the default pack")
    select: list[str] = Field(default_factory=list, description="rule ids or section letters")
    ignore: list[str] = Field(default_factory=list, description="rule ids or section letters")
    weights: dict[str, int] = Field(default_factory=dict, description="rule id -> weight override")
    params: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="rule id -> detector parameter overrides (thresholds)"
    )
    check_date: dt.date = Field(default_factory=dt.date.today, description="date for K6 actualiteit")
    language: Literal["nl", "en"] = "nl"
    reader: Literal["pdfium", "pdfplumber"] = "pdfium"
    ocr: OcrMode = Field(default="auto", description="which PDF pages OCR reads: auto, always, never")
    force: bool = Field(default=False, description="score documents that are not an IVP")
    waivers: dict[str, str] = Field(default_factory=dict, description="rule id -> reason")
    review: dict[str, AdvisorReview] = Field(
        default_factory=dict, description="rule id -> the advisor's verdict and reason (review file)"
    )

    def is_selected(self, rule_id: str, section: str) -> bool:
        """Whether a rule runs under --select/--ignore (ids or section letters)."""
        keys = {rule_id.upper(), section.upper()}
        if self.select and not keys & {s.upper() for s in self.select}:
            return False
        return not keys & {s.upper() for s in self.ignore}
