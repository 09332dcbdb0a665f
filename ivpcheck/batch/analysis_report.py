"""Write the national analysis: Markdown + PNGs beside it, self-contained HTML, tables as CSV."""

from __future__ import annotations

import base64
import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ivpcheck import __version__
from ivpcheck.batch import charts
from ivpcheck.batch.analyse import BANDS, NETWORK, PROVINCE, TOTAL, Analysis
from ivpcheck.batch.labels import OUTCOME_LABELS
from ivpcheck.text.numbers import number, percent

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
FIGURES = "figuren"
TABLES = "tabellen"


def pct(value: float | None) -> str:
    """0.423 -> '42,3%' ('–' for None)."""
    return "–" if value is None else percent(value)


def num(value: float | None) -> str:
    """67.25 -> '67,3' ('–' for None)."""
    return "–" if value is None else number(value, whole_plain=False)


@dataclass
class Table:
    """A table for display: formatted cells."""

    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Figure:
    """A chart: file name, caption and PNG bytes."""

    name: str
    caption: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Section:
    """One analysis in the report."""

    id: str
    title: str
    intro: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def _select(rows: list[dict[str, Any]], dimension: str) -> list[dict[str, Any]]:
    """The Totaal rows followed by the rows of one dimension."""
    return [r for r in rows if r["dimensie"] == "totaal"] + [r for r in rows if r["dimensie"] == dimension]


def _per_group(
    rows: list[dict[str, Any]], dimension: str, cells: Callable[[dict[str, Any]], list[str]]
) -> list[list[str]]:
    """One display row per group (first matching row of each group)."""
    out, seen = [], set()
    for row in _select(rows, dimension):
        if row["groep"] not in seen:
            seen.add(row["groep"])
            out.append([row["groep"], *cells(row)])
    return out


def _top_per_group(
    rows: list[dict[str, Any]], dimension: str, top: int, cell: Callable[[dict], str]
) -> list[list[str]]:
    """The first `top` rows of each group of one dimension, joined into one cell."""
    groups: dict[str, list[str]] = {}
    for row in (r for r in rows if r["dimensie"] == dimension):
        items = groups.setdefault(row["groep"], [])
        if len(items) < top:
            items.append(cell(row))
    return [[group, "; ".join(items)] for group, items in groups.items()]


def fields_section(analysis: Analysis) -> Section:
    rows = analysis.tables["velden"]
    labels = list(dict.fromkeys(r["veiligheidsveld"] for r in rows))
    tables = []
    for dimension in (NETWORK, PROVINCE):
        wide: dict[str, dict[str, Any]] = {}
        for r in _select(rows, dimension):
            wide.setdefault(r["groep"], {"n": r["totaal_prioriteiten"]})[r["veiligheidsveld"]] = r["aandeel"]
        tables.append(
            Table(
                f"Per {dimension}",
                ["groep", "prioriteiten", *labels],
                [[g, str(v["n"]), *(pct(v.get(label)) for label in labels)] for g, v in wide.items()],
            )
        )
    return Section(
        "velden",
        "Prioriteiten per veiligheidsveld",
        "Aandeel van alle prioriteiten (speerpunten) per veiligheidsveld van Kernbeleid Veiligheid. "
        "Ter vergelijking: in de landelijke analyse van het CCV (2020; 381 speerpunten) viel 42% onder "
        "veilige woon- en leefomgeving en ging 28% over ondermijning (hier onder integriteit en veiligheid).",
        [
            Figure(
                "velden_netwerk.png",
                "Prioriteiten per veiligheidsveld, per netwerk",
                charts.fields_chart(rows, NETWORK),
            ),
            Figure(
                "velden_provincie.png",
                "Prioriteiten per veiligheidsveld, per provincie",
                charts.fields_chart(rows, PROVINCE),
            ),
        ],
        tables,
    )


def themes_section(analysis: Analysis) -> Section:
    rows = analysis.tables["themas"]
    total = [r for r in rows if r["dimensie"] == "totaal"]
    tables = [
        Table(
            "Alle plannen",
            ["rang", "thema", "prioriteiten", "aandeel"],
            [[str(r["rang"]), r["thema"], str(r["prioriteiten"]), pct(r["aandeel"])] for r in total],
        )
    ]
    for dimension, top in ((NETWORK, 5), (PROVINCE, 3)):
        body = _top_per_group(rows, dimension, top, lambda r: f"{r['thema']} ({r['prioriteiten']})")
        tables.append(Table(f"Top {top} per {dimension}", ["groep", "thema's (aantal prioriteiten)"], body))
    return Section(
        "themas",
        "Meest voorkomende prioriteitsthema's",
        "Het thema van een prioriteit is het thema uit de woordenlijst van de veiligheidsvelden waarop de "
        "indeling van de prioriteit berust (bijvoorbeeld 'Ondermijning' of 'Woninginbraak').",
        [Figure("themas.png", "Meest voorkomende prioriteitsthema's", charts.themes_chart(rows))],
        tables,
    )


def joint_section(analysis: Analysis) -> Section:
    rows = analysis.tables["gezamenlijk"]

    def cells(r: dict[str, Any]) -> list[str]:
        return [str(r["plannen"]), str(r["gezamenlijk"]), pct(r["aandeel"])]

    headers = ["groep", "plannen", "gezamenlijk", "aandeel"]
    return Section(
        "gezamenlijk",
        "Gezamenlijke plannen",
        "Een plan is gezamenlijk als het voor meer dan één gemeente geldt (bijvoorbeeld de gemeenten van één "
        "basisteam).",
        [Figure("gezamenlijk.png", "Aandeel gezamenlijke plannen", charts.joint_chart(rows))],
        [Table(f"Per {d}", headers, _per_group(rows, d, cells)) for d in (NETWORK, PROVINCE)],
    )


def scores_section(analysis: Analysis) -> Section:
    rows = analysis.tables["scores"]

    def cells(r: dict[str, Any]) -> list[str]:
        stats = [num(r[k]) for k in ("gemiddelde", "mediaan", "minimum", "maximum")]
        return [str(r["plannen"]), *stats, *(str(r[b]) for b in BANDS)]

    headers = ["groep", "plannen", "gemiddelde", "mediaan", "min", "max", *BANDS]
    return Section(
        "scores",
        "Verdeling van scores en oordelen",
        "Totaalscore 0-100 (gewogen gemiddelde van de criteria) en oordeel: goed (80 of hoger), voldoende "
        "(60-79), matig (40-59), onvoldoende (onder 40); ontbreekt een kernelement, dan hoogstens voldoende.",
        [
            Figure(
                "scores.png",
                "Verdeling van de totaalscores en oordelen",
                charts.scores_chart(analysis.plans, rows),
            )
        ],
        [Table(f"Per {d}", headers, _per_group(rows, d, cells)) for d in (NETWORK, PROVINCE)],
    )


def missing_section(analysis: Analysis) -> Section:
    rows = analysis.tables["ontbreekt"]
    total = [r for r in rows if r["dimensie"] == "totaal"][:10]
    tables = [
        Table(
            "Alle plannen (top 10)",
            ["rang", "criterium", "titel", "getoetst", "ontbreekt", "aandeel"],
            [
                [
                    str(r["rang"]),
                    r["criterium"],
                    r["titel"],
                    str(r["getoetst"]),
                    str(r["ontbreekt"]),
                    pct(r["aandeel"]),
                ]
                for r in total
            ],
        )
    ]
    for dimension, top in ((NETWORK, 5), (PROVINCE, 3)):
        body = _top_per_group(rows, dimension, top, lambda r: f"{r['criterium']} ({pct(r['aandeel'])})")
        tables.append(Table(f"Top {top} per {dimension}", ["groep", "criteria (aandeel ontbreekt)"], body))
    return Section(
        "ontbreekt",
        "Criteria die het vaakst ontbreken",
        "Aandeel van de plannen met het oordeel 'ontbreekt' op een criterium, van de plannen die erop "
        "getoetst zijn (n.v.t. telt niet mee; informatieve criteria zonder gewicht evenmin). De volledige "
        "lijst staat in tabellen/ontbreekt.csv.",
        [Figure("ontbreekt.png", "Criteria die het vaakst ontbreken", charts.missing_chart(rows))],
        tables,
    )


def plans_section(analysis: Analysis) -> Section:
    rows = analysis.tables["plannen"]
    headers = ["gemeente(n)", "periode", "bestand", "ook als", "score", "oordeel"]
    body = [
        [r["gemeenten"], r["periode"], r["bestand"], r["ook_als"], num(r["totaalscore"]), r["oordeel"] or "–"]
        for r in rows
    ]
    return Section(
        "plannen",
        "Geanalyseerde plannen",
        "Elk plan telt één keer: hetzelfde plan als PDF, DOCX en HTML, of de concept- en de definitieve "
        "versie, is één plan (dezelfde gemeenten en looptijd). Het telt mee met de definitieve versie (niet "
        "'concept' of 'ontwerp', met een vaststellingsdatum, bij voorkeur de PDF); 'ook als' noemt de "
        "andere bestanden ervan.",
        [],
        [Table(f"{len(rows)} plannen", headers, body)],
    )


def build_sections(analysis: Analysis) -> list[Section]:
    """Every section of the report, charts included."""
    return [
        fields_section(analysis),
        themes_section(analysis),
        joint_section(analysis),
        scores_section(analysis),
        missing_section(analysis),
        plans_section(analysis),
    ]


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def md_table(table: Table) -> str:
    """A Markdown (GFM) table."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return "\n".join([line(table.headers), "|" + "---|" * len(table.headers), *map(line, table.rows)])


def write_report(analysis: Analysis, out: Path) -> dict[str, Path]:
    """Write analyse.md, analyse.html, figuren/*.png and tabellen/*.csv into `out`."""
    (out / FIGURES).mkdir(parents=True, exist_ok=True)
    (out / TABLES).mkdir(parents=True, exist_ok=True)
    sections = build_sections(analysis)
    for section in sections:
        for figure in section.figures:
            (out / FIGURES / figure.name).write_bytes(figure.png)
    for name, rows in analysis.tables.items():
        with (out / TABLES / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            if rows:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
    order = sorted(analysis.files, key=lambda k: (k != "scored", k != "not_ivp", k))
    outcomes = [(OUTCOME_LABELS.get(k, k), analysis.files[k]) for k in order]
    context = {
        "a": analysis,
        "sections": sections,
        "outcomes": outcomes,
        "outcome_table": Table("", ["uitkomst", "bestanden"], [[label, str(n)] for label, n in outcomes]),
        "n_files": sum(analysis.files.values()),
        "n_plans": len(analysis.plans),
        "n_priorities": sum(len(p.priorities) for p in analysis.plans),
        "total_label": TOTAL,
        "figures_dir": FIGURES,
        "md_table": md_table,
        "version": __version__,
        "today": dt.date.today().isoformat(),
    }
    written = {}
    for name in ("analyse.md", "analyse.html"):
        text = environment().get_template(f"{name}.j2").render(**context)
        (out / name).write_text(text, encoding="utf-8")
        written[name] = out / name
    return written
