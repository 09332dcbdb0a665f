"""The web pages' templates and the parts of a report the page adds to the shared report partial.

The environment searches the web templates first, then ivpcheck/render/templates, so a page
can `{% include "report.html.j2" %}` (the report partial of the HTML renderer) unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from ivpcheck import __version__
from ivpcheck.model.checklist import FIELD_LABELS, UNCLASSIFIED
from ivpcheck.model.report import Report
from ivpcheck.render.html import TEMPLATES_DIR as REPORT_TEMPLATES
from ivpcheck.render.labels import SECTIONS, VERDICT_SYMBOLS, VERDICTS

WEB_TEMPLATES = Path(__file__).resolve().parent / "templates"


# What the upload page says each checklist section looks for.
SECTION_TEXTS: dict[str, str] = {
    "K": "Het kader: wettelijke grondslag (art. 38b Politiewet), looptijd, vaststelling door de raad, "
    "aansluiting op regionale prioriteiten en ander beleid, actualiteit.",
    "A": "De veiligheidsanalyse: cijfers en beleving, bronnen, trends en een terugblik op het vorige plan.",
    "V": "Missie, visie, strategische uitgangspunten en aandacht voor alle vijf veiligheidsvelden.",
    "P": "Een beperkt aantal onderbouwde prioriteiten met meetbare (SMART) doelen en een nulmeting.",
    "U": "Uitvoeringsplan, aanpak, partners en hun rol, regie, inzet van de politie en middelen.",
    "M": "Monitoring, evaluatie, verantwoording aan de raad en tussentijds bijsturen.",
    "S": "Betrokkenheid van inwoners, ondernemers, raad en partners; communicatie; lokale accenten.",
    "L": "Samenvatting, structuur, leesbaarheid, uitgelegde afkortingen, concrete taal en toegankelijkheid.",
}


def _mb(value: float) -> str:
    """50.0 -> '50', 0.5 -> '0,5' (Dutch decimal comma)."""
    return f"{value:g}".replace(".", ",")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Web templates first, then the report templates; autoescape on."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(WEB_TEMPLATES)), FileSystemLoader(str(REPORT_TEMPLATES))]),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["mb"] = _mb
    env.globals["version"] = __version__
    return env


def render_page(name: str, **context: Any) -> str:
    """Render one web template."""
    return environment().get_template(name).render(**context)


def upload_sections() -> list[tuple[str, str, str]]:
    """(letter, name, what is checked) for the upload page."""
    return [(letter, name, SECTION_TEXTS.get(letter, "")) for letter, name in SECTIONS["nl"].items()]


@dataclass
class PriorityGroup:
    """The priorities in one veiligheidsveld."""

    label: str
    items: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Extra:
    """What the web page shows beside the report partial."""

    kernelementen: list[dict[str, str]]
    priorities: list[PriorityGroup]
    fields_without: list[str]


def extra_view(report: Report) -> Extra:
    """Kernelementen with their verdicts, and the profile's priorities grouped by veiligheidsveld."""
    kern = [
        {
            "id": c.id,
            "title": c.title,
            "label": VERDICTS["nl"][c.verdict],
            "symbol": VERDICT_SYMBOLS[c.verdict],
            "css": "nvt" if c.verdict == "n.v.t." else c.verdict,
        }
        for c in report.criteria
        if c.kernelement
    ]
    groups: dict[str, PriorityGroup] = {}
    priorities = report.profile.priorities if report.profile else []
    for p in priorities:
        label = FIELD_LABELS.get(p.field or "", UNCLASSIFIED)
        meta = [x for x in (p.scope, p.municipality, f"p. {p.page}" if p.page else None) if x]
        groups.setdefault(label, PriorityGroup(label)).items.append({"text": p.text, "meta": ", ".join(meta)})
    order = list(FIELD_LABELS.values()) + [UNCLASSIFIED]
    ordered = sorted(groups.values(), key=lambda g: order.index(g.label))
    main_fields = list(FIELD_LABELS.values())[:5]
    without = [label for label in main_fields if label not in groups] if groups else []
    return Extra(kern, ordered, without)
