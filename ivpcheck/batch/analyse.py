"""`ivpcheck analyse`: a national analysis of the scored plans in a batch database.

Five analyses, each for all plans and split by network (G4, G40, P10, overig) and by province:
priorities per veiligheidsveld, the most frequent priority themes, the share of joint plans, the
distribution of scores and bands, and the criteria most often `ontbreekt` (informational criteria,
weight 0, left out). A joint plan counts once in every group one of its municipalities belongs to;
a plan without a recognised municipality goes to 'onbekend'. Only documents scored as IVP take
part, and each plan once: the same plan as PDF, DOCX and HTML, or its concept and final version,
is one plan (same municipalities and period), represented by the final version (`one_per_plan`).
"""

from __future__ import annotations

import json
import re
import sqlite3
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ivpcheck.batch.store import NETWORK_ORDER, OTHER_NETWORK
from ivpcheck.model.checklist import FIELD_IDS, field_label
from ivpcheck.text.vocab import Vocabularies

TOTAL = "Totaal"
UNKNOWN = "onbekend"
UNCLASSIFIED = "niet ingedeeld"
NETWORK = "netwerk"
PROVINCE = "provincie"
DIMENSIONS = (NETWORK, PROVINCE)
NETWORK_GROUPS = (*NETWORK_ORDER, OTHER_NETWORK)
BANDS = ("goed", "voldoende", "matig", "onvoldoende")
FIELDS = FIELD_IDS
CONCEPT = re.compile(r"\b(?:concept|ontwerp|draft|voorlopig)\b")
FORMAT_PREFERENCE = ("pdf", "docx", "html", "text")  # the published form first


@dataclass
class Plan:
    """One scored plan, as the analyses need it."""

    path: str
    total: float | None
    band: str | None
    joint: bool
    networks: list[str]
    provinces: list[str]
    priorities: list[tuple[str | None, str, list[str]]] = field(default_factory=list)  # field, text, matched
    verdicts: dict[str, str] = field(default_factory=dict)  # criteria with a weight (informational left out)
    sha256: str = ""
    title: str = ""
    period: tuple[int | None, int | None] = (None, None)
    adopted_on: str | None = None
    format: str = ""
    municipalities: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    also: list[str] = field(default_factory=list)  # other files of the same plan (formats, concept)

    @property
    def is_concept(self) -> bool:
        """A concept or draft version, by its title or file name."""
        words = f"{self.title} {re.sub(r'[-_.]', ' ', self.path.rsplit('/', 1)[-1])}".lower()
        return bool(CONCEPT.search(words))

    def same_plan_key(self) -> tuple[object, ...]:
        """Versions with the same key are one plan: the same municipalities and period (and, when the
        period is unknown, the same title); a plan without a municipality is only itself."""
        if not self.municipalities:
            return ("file", self.sha256)
        codes = tuple(sorted(code for code, _ in self.municipalities))
        if self.period != (None, None):
            return (codes, *self.period)
        return (codes, CONCEPT.sub("", self.title.lower()).strip())

    def groups(self, dimension: str) -> list[str]:
        """The plan's groups in a dimension ('onbekend' when no municipality was recognised)."""
        return (self.networks if dimension == NETWORK else self.provinces) or [UNKNOWN]


@lru_cache(maxsize=1)
def _default_vocab() -> Vocabularies:
    """The default rule pack's vocabularies (the analysis names themes as the shipped pack does)."""
    from ivpcheck.model.settings import Settings
    from ivpcheck.run.pipeline import pack_for

    return pack_for(Settings()).vocab


@lru_cache(maxsize=1)
def _theme_names() -> dict[str, str]:
    """Theme id -> Dutch theme name, from the fields vocabulary."""
    data = _default_vocab().file("fields") or {}
    names = {}
    for spec in (data.get("fields") or {}).values():
        for theme_id, theme in (spec.get("themes") or {}).items():
            names[theme_id] = str(theme.get("name", theme_id))
    return names


def theme_of(field_id: str | None, matched: list[str]) -> str:
    """A priority's theme: the vocabulary theme of the first term that decided its field."""
    from ivpcheck.profile.vocab import profile_vocab

    meaning = profile_vocab(_default_vocab()).fields.meaning
    for term in matched:
        found = meaning.get(term)
        if found is None:
            continue
        if found.theme == "veld":
            return field_label(found.field)
        return _theme_names().get(found.theme, found.theme)
    return field_label(field_id) if field_id else UNCLASSIFIED.capitalize()


def load_plans(conn: sqlite3.Connection, rulepack_version: str) -> list[Plan]:
    """The scored plans of one rule pack version, with municipalities, priorities and verdicts."""
    args = (rulepack_version,)
    plans: dict[str, Plan] = {}
    sql = """SELECT sha256, path, total, band, joint, title, period_start, period_end, adopted_on, format
             FROM results WHERE status='scored' AND rulepack_version=?"""
    for row in conn.execute(sql + " ORDER BY path, sha256", args):
        plans[row["sha256"]] = Plan(
            row["path"],
            row["total"],
            row["band"],
            bool(row["joint"]),
            [],
            [],
            sha256=row["sha256"],
            title=row["title"] or "",
            period=(row["period_start"], row["period_end"]),
            adopted_on=row["adopted_on"],
            format=row["format"] or "",
        )
    sql = "SELECT sha256, code, name, network_group, province FROM municipalities WHERE rulepack_version=?"
    for row in conn.execute(sql + " ORDER BY position", args):
        if plan := plans.get(row["sha256"]):
            _add_once(plan.networks, row["network_group"])
            _add_once(plan.provinces, row["province"] or UNKNOWN)
            _add_once(plan.municipalities, (row["code"], row["name"]))
    for plan in plans.values():
        plan.networks.sort(key=NETWORK_GROUPS.index)
    for row in conn.execute(
        "SELECT sha256, field, text, matched FROM priorities WHERE rulepack_version=? ORDER BY position", args
    ):
        if plan := plans.get(row["sha256"]):
            plan.priorities.append((row["field"], row["text"], json.loads(row["matched"] or "[]")))
    for row in conn.execute(
        "SELECT sha256, criterion_id, verdict FROM verdicts WHERE rulepack_version=? AND weight > 0", args
    ):
        if plan := plans.get(row["sha256"]):
            plan.verdicts[row["criterion_id"]] = row["verdict"]
    return list(plans.values())


def one_per_plan(plans: list[Plan]) -> list[Plan]:
    """Each plan once: of the versions of one plan (`Plan.same_plan_key`) the final one (not a
    concept, adopted, the published format), with the others' paths in `also`."""
    versions: dict[tuple[object, ...], list[Plan]] = {}
    for plan in plans:
        versions.setdefault(plan.same_plan_key(), []).append(plan)
    chosen = []
    for group in versions.values():
        group.sort(key=_preference)
        best = group[0]
        best.also = sorted(p.path for p in group[1:])
        chosen.append(best)
    return sorted(chosen, key=lambda p: p.path)


def _preference(plan: Plan) -> tuple[object, ...]:
    rank = (
        FORMAT_PREFERENCE.index(plan.format) if plan.format in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)
    )
    return (plan.is_concept, plan.adopted_on is None, rank, plan.path)


def plans_table(plans: list[Plan]) -> list[dict[str, Any]]:
    """The plans analysed, each once, with the other files that are versions of it."""
    return [
        {
            "gemeenten": ", ".join(name for _, name in plan.municipalities) or UNKNOWN,
            "periode": "-".join(str(year or "?") for year in plan.period) if any(plan.period) else "",
            "titel": plan.title,
            "bestand": plan.path,
            "ook_als": "; ".join(plan.also),
            "totaalscore": plan.total,
            "oordeel": plan.band,
        }
        for plan in sorted(plans, key=lambda p: (p.municipalities[:1] or [("", "~")])[0][1])
    ]


def _add_once(items: list[Any], item: Any) -> None:
    if item not in items:
        items.append(item)


def group_order(plans: list[Plan], dimension: str) -> list[str]:
    """Totaal first, then the groups of a dimension (all four networks; the provinces present)."""
    present = {g for plan in plans for g in plan.groups(dimension)}
    groups = list(NETWORK_GROUPS) if dimension == NETWORK else sorted(present - {UNKNOWN})
    return [TOTAL, *groups, *([UNKNOWN] if UNKNOWN in present else [])]


def members(plans: list[Plan], dimension: str, group: str) -> list[Plan]:
    """The plans in a group (all plans for Totaal)."""
    return plans if group == TOTAL else [p for p in plans if group in p.groups(dimension)]


def share(part: float, whole: float) -> float | None:
    """part / whole, None when whole is 0."""
    return part / whole if whole else None


# Each analysis returns long-format rows: {"dimensie", "groep", ...}; the Totaal rows have dimensie "totaal".


def _each_group(plans: list[Plan]) -> list[tuple[str, str, list[Plan]]]:
    out = [("totaal", TOTAL, plans)]
    for dimension in DIMENSIONS:
        out += [(dimension, g, members(plans, dimension, g)) for g in group_order(plans, dimension)[1:]]
    return out


def fields_table(plans: list[Plan]) -> list[dict[str, Any]]:
    """Priorities per veiligheidsveld: count and share of the group's priorities."""
    rows = []
    for dimension, group, subset in _each_group(plans):
        counts = Counter(f for plan in subset for f, _, _ in plan.priorities)
        n = sum(counts.values())
        for field_id in (*FIELDS, None):
            if field_id is None and not counts[None]:
                continue
            rows.append(
                {
                    "dimensie": dimension,
                    "groep": group,
                    "veiligheidsveld": field_label(field_id),
                    "veld_id": field_id or "",
                    "prioriteiten": counts[field_id],
                    "totaal_prioriteiten": n,
                    "aandeel": share(counts[field_id], n),
                }
            )
    return rows


def themes_table(plans: list[Plan], top: int = 10) -> list[dict[str, Any]]:
    """The most frequent priority themes per group (rank, count, share of the group's priorities)."""
    rows = []
    for dimension, group, subset in _each_group(plans):
        counts = Counter(theme_of(f, matched) for plan in subset for f, _, matched in plan.priorities)
        n = sum(counts.values())
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        for rank, (theme, count) in enumerate(ranked[:top], start=1):
            rows.append(
                {
                    "dimensie": dimension,
                    "groep": group,
                    "rang": rank,
                    "thema": theme,
                    "prioriteiten": count,
                    "aandeel": share(count, n),
                }
            )
    return rows


def joint_table(plans: list[Plan]) -> list[dict[str, Any]]:
    """Share of joint plans per group."""
    rows = []
    for dimension, group, subset in _each_group(plans):
        joint = sum(plan.joint for plan in subset)
        rows.append(
            {
                "dimensie": dimension,
                "groep": group,
                "plannen": len(subset),
                "gezamenlijk": joint,
                "aandeel": share(joint, len(subset)),
            }
        )
    return rows


def scores_table(plans: list[Plan]) -> list[dict[str, Any]]:
    """Score distribution (mean, median, min, max) and plans per band, per group."""
    rows = []
    for dimension, group, subset in _each_group(plans):
        totals = [p.total for p in subset if p.total is not None]
        bands = Counter(p.band for p in subset)
        row: dict[str, Any] = {
            "dimensie": dimension,
            "groep": group,
            "plannen": len(subset),
            "gemiddelde": statistics.fmean(totals) if totals else None,
            "mediaan": statistics.median(totals) if totals else None,
            "minimum": min(totals) if totals else None,
            "maximum": max(totals) if totals else None,
        }
        row.update({band: bands[band] for band in BANDS})
        rows.append(row)
    return rows


def missing_table(plans: list[Plan], titles: dict[str, str], top: int | None = None) -> list[dict[str, Any]]:
    """Per criterion and group: how many plans were judged on it and how many got `ontbreekt`."""
    order = list(titles)
    rows = []
    for dimension, group, subset in _each_group(plans):
        judged: Counter[str] = Counter()
        missing: Counter[str] = Counter()
        for plan in subset:
            for criterion, verdict in plan.verdicts.items():
                if verdict != "n.v.t.":
                    judged[criterion] += 1
                    missing[criterion] += verdict == "ontbreekt"
        ranked = sorted(
            judged,
            key=lambda c: (
                -(share(missing[c], judged[c]) or 0),
                -missing[c],
                order.index(c) if c in order else 999,
            ),
        )
        for rank, criterion in enumerate(ranked[:top] if top else ranked, start=1):
            rows.append(
                {
                    "dimensie": dimension,
                    "groep": group,
                    "rang": rank,
                    "criterium": criterion,
                    "titel": titles.get(criterion, ""),
                    "getoetst": judged[criterion],
                    "ontbreekt": missing[criterion],
                    "aandeel": share(missing[criterion], judged[criterion]),
                }
            )
    return rows


def criterion_titles(conn: sqlite3.Connection, rulepack_version: str) -> dict[str, str]:
    """Criterion id -> title, in report order."""
    sql = """SELECT criterion_id, title, min(position) AS pos FROM verdicts WHERE rulepack_version = ?
             GROUP BY criterion_id ORDER BY pos, criterion_id"""
    return {row[0]: row[1] or "" for row in conn.execute(sql, (rulepack_version,))}


@dataclass
class Analysis:
    """Every table of the national analysis (long format, raw numbers)."""

    rulepack_version: str
    files: dict[str, int]
    plans: list[Plan]
    tables: dict[str, list[dict[str, Any]]]


def analyse(conn: sqlite3.Connection, rulepack_version: str) -> Analysis:
    """Compute the national analysis of one rule pack version's results."""
    from ivpcheck.batch.store import counts

    plans = one_per_plan(load_plans(conn, rulepack_version))
    titles = criterion_titles(conn, rulepack_version)
    tables = {
        "plannen": plans_table(plans),
        "velden": fields_table(plans),
        "themas": themes_table(plans),
        "gezamenlijk": joint_table(plans),
        "scores": scores_table(plans),
        "ontbreekt": missing_table(plans, titles),
    }
    return Analysis(rulepack_version, counts(conn, rulepack_version), plans, tables)
