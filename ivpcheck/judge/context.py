"""What every detector shares: its parameter base model, its result (Findings) and its input (Context)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from ivpcheck.model.document import Document
from ivpcheck.model.report import Evidence, Profile

if TYPE_CHECKING:
    from ivpcheck.profile.goals import Goal, GoalVocab
    from ivpcheck.text.passages import DocView, Scope, Unit
    from ivpcheck.text.vocab import Vocabularies


class DetectorParams(BaseModel):
    """Base of every detector's parameter model: unknown fields are errors. Validators are built on
    first use: a rule pack from the per-user cache is never validated again (~25 ms of a cold start)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


@dataclass
class Findings:
    """What one detector found: a yes/no, named measurements, text values and evidence."""

    found: bool
    metrics: dict[str, float] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    searched: str = ""


@dataclass
class Context:
    """Everything a detector may read: the document, its profile, the check date and vocabularies."""

    doc: Document
    profile: Profile
    check_date: dt.date
    vocab: Vocabularies
    cache: dict[str, object] = field(default_factory=dict)

    @cached_property
    def view(self) -> DocView:
        """The document indexed for searching (built once per context)."""
        from ivpcheck.text.passages import view_of

        return view_of(self.doc)

    def goals(self, spec: GoalVocab) -> list[Goal]:
        """The document's goal candidates (the profile's goal finder, cached per check)."""
        from ivpcheck.profile.goals import GoalSource, find_goals

        period = (self.profile.period_start, self.profile.period_end)
        return find_goals(GoalSource(self.view, self.vocab, *period), spec)

    def terms(self, items: list[str]) -> list[str]:
        """Expand `@vocab` references in a term list."""
        return self.vocab.expand(items)

    def units(self, scope: Scope | None) -> list[Unit]:
        """The units a scope selects, with vocabulary references in its section terms expanded."""
        from ivpcheck.text.passages import Scope

        scope = scope or Scope()
        if scope.sections or scope.exclude_sections:
            scope = scope.model_copy(
                update={
                    "sections": self.terms(scope.sections),
                    "exclude_sections": self.terms(scope.exclude_sections),
                }
            )
        return self.view.in_scope(scope)


def describe_terms(items: list[str], limit: int = 6) -> str:
    """A short Dutch rendering of a term list: 'a', 'b', … and vocabulary references."""
    shown = []
    for item in items[:limit]:
        shown.append(f"woordenlijst {item[1:]}" if item.startswith("@") else f"'{item}'")
    more = " …" if len(items) > limit else ""
    return ", ".join(shown) + more
