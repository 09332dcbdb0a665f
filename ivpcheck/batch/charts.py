"""PNG charts for the national analysis (matplotlib, Agg canvas, no pyplot state, Dutch labels).
Every bar carries its value, and every group its n (plans or priorities), so a share of 100% of
two plans is not mistaken for a national pattern."""

from __future__ import annotations

import io
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ivpcheck.batch.analyse import BANDS, FIELDS, NETWORK, PROVINCE, TOTAL, Plan, field_label
from ivpcheck.text.numbers import percent

FIELD_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#bbbbbb")
BAND_COLOURS = {"goed": "#2e7d32", "voldoende": "#9ccc65", "matig": "#ffb300", "onvoldoende": "#e53935"}
PERCENT = FuncFormatter(lambda x, _: percent(x, digits=0))


def with_n(group: str, n: int) -> str:
    """A bar's label with the number it stands for: 'G40 (n=12)'."""
    return f"{group} (n={n})"


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _groups(rows: list[dict[str, Any]], dimension: str) -> list[str]:
    return [TOTAL] + list(dict.fromkeys(r["groep"] for r in rows if r["dimensie"] == dimension))


def _rows_for(rows: list[dict[str, Any]], dimension: str, group: str) -> list[dict[str, Any]]:
    wanted = "totaal" if group == TOTAL else dimension
    return [r for r in rows if r["dimensie"] == wanted and r["groep"] == group]


def fields_chart(rows: list[dict[str, Any]], dimension: str) -> bytes:
    """Stacked 100% bars: each group's priorities per veiligheidsveld."""
    groups = [
        g for g in _groups(rows, dimension) if any(r["prioriteiten"] for r in _rows_for(rows, dimension, g))
    ]
    labels = [field_label(f) for f in FIELDS] + [field_label(None)]
    names = [with_n(g, _rows_for(rows, dimension, g)[0]["totaal_prioriteiten"]) for g in groups]
    fig = Figure(layout="constrained", figsize=(9, 1.2 + 0.45 * max(1, len(groups))))
    ax = fig.add_subplot()
    left = [0.0] * len(groups)
    for label, colour in zip(labels, FIELD_COLOURS, strict=True):
        values = []
        for group in groups:
            match = [r for r in _rows_for(rows, dimension, group) if r["veiligheidsveld"] == label]
            values.append((match[0]["aandeel"] or 0.0) if match else 0.0)
        if any(values):
            bars = ax.barh(names, values, left=left, label=label, color=colour)
            shown = [percent(v, digits=0) if v >= 0.08 else "" for v in values]  # room for the text
            ax.bar_label(bars, labels=shown, label_type="center", fontsize=7)
            left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(PERCENT)
    ax.set_xlim(0, 1)
    ax.set_xlabel("aandeel van de prioriteiten")
    ax.set_title(f"Prioriteiten per veiligheidsveld, per {dimension}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.02 * len(groups)), ncol=3, fontsize=8)
    return _png(fig)


def themes_chart(rows: list[dict[str, Any]]) -> bytes:
    """Horizontal bars: the most frequent priority themes over all plans."""
    top = [r for r in rows if r["dimensie"] == "totaal"]
    fig = Figure(layout="constrained", figsize=(8, 1.2 + 0.35 * max(1, len(top))))
    ax = fig.add_subplot()
    bars = ax.barh([r["thema"] for r in top], [r["prioriteiten"] for r in top], color="#1f77b4")
    ax.bar_label(bars, labels=[f"{r['prioriteiten']} ({percent(r['aandeel'] or 0)})" for r in top], padding=2)
    ax.margins(x=0.2)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("aantal prioriteiten")
    ax.set_title("Meest voorkomende prioriteitsthema's")
    return _png(fig)


def joint_chart(rows: list[dict[str, Any]]) -> bytes:
    """Bars: share of joint plans per network and per province."""
    fig = Figure(layout="constrained", figsize=(9, 4.5))
    for index, dimension in enumerate((NETWORK, PROVINCE)):
        ax = fig.add_subplot(1, 2, index + 1)
        groups = [g for g in _groups(rows, dimension) if _rows_for(rows, dimension, g)[0]["plannen"]]
        found = [_rows_for(rows, dimension, g)[0] for g in groups]
        names = [with_n(g, r["plannen"]) for g, r in zip(groups, found, strict=True)]
        bars = ax.barh(names, [r["aandeel"] or 0.0 for r in found], color="#2ca02c")
        ax.bar_label(
            bars, labels=[f"{percent(r['aandeel'] or 0, digits=0)} ({r['gezamenlijk']})" for r in found]
        )
        ax.invert_yaxis()
        ax.set_xlim(0, 1.25)
        ax.xaxis.set_major_formatter(PERCENT)
        ax.set_title(f"per {dimension}")
    fig.suptitle("Aandeel gezamenlijke plannen")
    return _png(fig)


def scores_chart(plans: list[Plan], rows: list[dict[str, Any]]) -> bytes:
    """Histogram of total scores, and plans per band per network."""
    fig = Figure(layout="constrained", figsize=(10, 4))
    ax = fig.add_subplot(1, 2, 1)
    totals = [p.total for p in plans if p.total is not None]
    counts, _, bars = ax.hist(totals, bins=range(0, 101, 10), color="#1f77b4", edgecolor="white")
    ax.bar_label(bars, labels=[str(int(c)) if c else "" for c in counts])
    ax.set_xlabel("totaalscore")
    ax.set_ylabel("aantal plannen")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Verdeling van de totaalscores (n={len(totals)})")
    ax = fig.add_subplot(1, 2, 2)
    groups = [g for g in _groups(rows, NETWORK) if _rows_for(rows, NETWORK, g)[0]["plannen"]]
    names = [with_n(g, _rows_for(rows, NETWORK, g)[0]["plannen"]) for g in groups]
    bottom = [0] * len(groups)
    for band in BANDS:
        values = [_rows_for(rows, NETWORK, g)[0][band] for g in groups]
        bars = ax.bar(names, values, bottom=bottom, label=band, color=BAND_COLOURS[band])
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center", fontsize=8)
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    ax.set_ylabel("aantal plannen")
    ax.set_title("Oordeel (band) per netwerk")
    ax.legend(fontsize=8)
    return _png(fig)


def missing_chart(rows: list[dict[str, Any]], top: int = 15) -> bytes:
    """Horizontal bars: the criteria most often `ontbreekt` over all plans."""
    ranked = [r for r in rows if r["dimensie"] == "totaal" and r["ontbreekt"]][:top]
    fig = Figure(layout="constrained", figsize=(8, 1.2 + 0.35 * max(1, len(ranked))))
    ax = fig.add_subplot()
    bars = ax.barh(
        [with_n(f"{r['criterium']} {r['titel']}"[:40], r["getoetst"]) for r in ranked],
        [r["aandeel"] for r in ranked],
        color="#e53935",
    )
    ax.bar_label(
        bars, labels=[f"{percent(r['aandeel'], digits=0)} ({r['ontbreekt']})" for r in ranked], padding=2
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1.2)
    ax.xaxis.set_major_formatter(PERCENT)
    ax.set_xlabel("aandeel plannen met 'ontbreekt'")
    ax.set_title("Criteria die het vaakst ontbreken")
    return _png(fig)
