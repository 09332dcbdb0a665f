"""The closed set of detector kinds. Each module defines KIND, a pydantic `Params` model (with a
`kind` literal), METRICS and VALUES (what decisions and improvement texts may refer to),
`describe(params)` (Dutch, for 'searched' and `ivpcheck rules`) and `detect(ctx, params)`."""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Union

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.judge.kinds import (
    abbreviations,
    coverage,
    heading,
    municipalities,
    near,
    page_count,
    pdf_meta,
    period,
    priorities,
    readability,
    regex,
    structure,
    targets,
    terms,
)

MODULES: tuple[ModuleType, ...] = (
    heading,
    terms,
    near,
    regex,
    priorities,
    coverage,
    targets,
    readability,
    abbreviations,
    period,
    pdf_meta,
    page_count,
    structure,
    municipalities,
)
KINDS: dict[str, ModuleType] = {m.KIND: m for m in MODULES}

# One registry: the parameter union that rule files are validated against is built from MODULES.
AnyParams = Annotated[Union[tuple(m.Params for m in MODULES)], Field(discriminator="kind")]  # noqa: UP007


def metrics_of(params: DetectorParams) -> set[str]:
    """Metric names a configured detector yields ('found' is always there)."""
    module = KINDS[params.kind]  # type: ignore[attr-defined]
    names = module.metrics_for(params) if hasattr(module, "metrics_for") else set(module.METRICS)
    return names | {"found"}


def values_of(params: DetectorParams) -> set[str]:
    """Text value names a configured detector yields (for improvement placeholders)."""
    module = KINDS[params.kind]  # type: ignore[attr-defined]
    return module.values_for(params) if hasattr(module, "values_for") else set(module.VALUES)


def run(ctx: Context, params: DetectorParams) -> Findings:
    """Run one configured detector."""
    return KINDS[params.kind].detect(ctx, params)  # type: ignore[attr-defined]


def describe(params: DetectorParams) -> str:
    """Dutch one-line description of what a configured detector looks for."""
    return KINDS[params.kind].describe(params)  # type: ignore[attr-defined]


__all__ = ["AnyParams", "Context", "Findings", "KINDS", "describe", "metrics_of", "run", "values_of"]
