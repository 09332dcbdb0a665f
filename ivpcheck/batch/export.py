"""`ivpcheck export`: the batch database as flat tables, one row per plan and one per priority."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

ExportFormat = Literal["csv", "jsonl"]
TABLE_NAMES = ("plans", "priorities")
SEPARATOR = "; "

PLAN_COLUMNS = [
    "bestand",
    "sha256",
    "regelset",
    "status",
    "categorie",
    "melding",
    "formaat",
    "paginas",
    "documenttype",
    "documenttype_twijfel",
    "titel",
    "gemeenten",
    "gemeentecodes",
    "provincies",
    "netwerken",
    "gezamenlijk",
    "periode_start",
    "periode_eind",
    "vastgesteld_op",
    "totaal",
    "band",
    "band_begrensd_door",
    "aantal_prioriteiten",
]
PRIORITY_COLUMNS = [
    "bestand",
    "sha256",
    "regelset",
    "nr",
    "prioriteit",
    "veiligheidsveld",
    "reikwijdte",
    "gemeente",
    "pagina",
    "termen",
]


def _where(rulepack_version: str | None, alias: str = "") -> tuple[str, tuple[str, ...]]:
    if rulepack_version is None:
        return "", ()
    return f" WHERE {alias}rulepack_version = ?", (rulepack_version,)


def _grouped(
    conn: sqlite3.Connection, sql: str, args: tuple[str, ...]
) -> dict[tuple[str, str], list[sqlite3.Row]]:
    groups: dict[tuple[str, str], list[sqlite3.Row]] = defaultdict(list)
    for row in conn.execute(sql, args):
        groups[(row["sha256"], row["rulepack_version"])].append(row)
    return groups


def criterion_ids(conn: sqlite3.Connection, rulepack_version: str | None = None) -> list[str]:
    """Every criterion id in the database, in report order."""
    where, args = _where(rulepack_version)
    sql = f"SELECT criterion_id, min(position) AS pos FROM verdicts{where} GROUP BY 1 ORDER BY pos, 1"
    return [row[0] for row in conn.execute(sql, args)]


def section_ids(conn: sqlite3.Connection, rulepack_version: str | None = None) -> list[str]:
    """Every section letter in the database, in report order."""
    where, args = _where(rulepack_version)
    sql = f"SELECT section, min(position) AS pos FROM section_scores{where} GROUP BY section ORDER BY pos, 1"
    return [row[0] for row in conn.execute(sql, args)]


def plan_rows(
    conn: sqlite3.Connection, rulepack_version: str | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows): one row per stored result, with section scores and every criterion's verdict."""
    where, args = _where(rulepack_version)
    criteria = criterion_ids(conn, rulepack_version)
    sections = section_ids(conn, rulepack_version)
    municipalities = _grouped(conn, f"SELECT * FROM municipalities{where} ORDER BY position", args)
    verdicts = _grouped(conn, f"SELECT * FROM verdicts{where}", args)
    scores = _grouped(conn, f"SELECT * FROM section_scores{where}", args)
    n_priorities = {
        (row[0], row[1]): row[2]
        for row in conn.execute(
            f"SELECT sha256, rulepack_version, count(*) FROM priorities{where} GROUP BY 1, 2", args
        )
    }
    columns = PLAN_COLUMNS + [f"score_{s}" for s in sections] + criteria
    rows = []
    for result in conn.execute(f"SELECT * FROM results{where} ORDER BY path, sha256, rulepack_version", args):
        key = (result["sha256"], result["rulepack_version"])
        towns = municipalities.get(key, [])
        groups = list(dict.fromkeys(m["network_group"] for m in towns))
        row: dict[str, Any] = {
            "bestand": result["path"],
            "sha256": result["sha256"],
            "regelset": result["rulepack_version"],
            "status": result["status"],
            "categorie": result["category"],
            "melding": result["message"],
            "formaat": result["format"],
            "paginas": result["pages"],
            "documenttype": result["doc_type"],
            "documenttype_twijfel": _doubt(result["report_json"]),
            "titel": result["title"],
            "gemeenten": [m["name"] for m in towns],
            "gemeentecodes": [m["code"] for m in towns],
            "provincies": list(dict.fromkeys(m["province"] for m in towns)),
            "netwerken": groups,
            "gezamenlijk": None if result["joint"] is None else bool(result["joint"]),
            "periode_start": result["period_start"],
            "periode_eind": result["period_end"],
            "vastgesteld_op": result["adopted_on"],
            "totaal": result["total"],
            "band": result["band"],
            "band_begrensd_door": result["band_capped_by"].split(",") if result["band_capped_by"] else [],
            "aantal_prioriteiten": n_priorities.get(key, 0) if result["report_json"] else None,
        }
        row.update({f"score_{s['section']}": s["score"] for s in scores.get(key, [])})
        row.update({v["criterion_id"]: v["verdict"] for v in verdicts.get(key, [])})
        rows.append({column: row.get(column) for column in columns})
    return columns, rows


def priority_rows(
    conn: sqlite3.Connection, rulepack_version: str | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows): one row per priority of every stored plan."""
    where, args = _where(rulepack_version, "p.")
    sql = f"""SELECT r.path, p.* FROM priorities p JOIN results r USING (sha256, rulepack_version){where}
              ORDER BY r.path, p.sha256, p.rulepack_version, p.position"""
    rows = [
        {
            "bestand": row["path"],
            "sha256": row["sha256"],
            "regelset": row["rulepack_version"],
            "nr": row["position"] + 1,
            "prioriteit": row["text"],
            "veiligheidsveld": row["field"],
            "reikwijdte": row["scope"],
            "gemeente": row["municipality"],
            "pagina": row["page"],
            "termen": json.loads(row["matched"] or "[]"),
        }
        for row in conn.execute(sql, args)
    ]
    return PRIORITY_COLUMNS, rows


def table(
    conn: sqlite3.Connection, name: str, rulepack_version: str | None = None
) -> tuple[list[str], list[dict]]:
    """The 'plans' or 'priorities' table."""
    return plan_rows(conn, rulepack_version) if name == "plans" else priority_rows(conn, rulepack_version)


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return SEPARATOR.join(str(v) for v in value)
    return "" if value is None else value


def _doubt(report_json: str | None) -> bool | None:
    """Whether a scored plan carries the 'dit lijkt geen (volledig) IVP' notice (None without a report)."""
    if not report_json:
        return None
    doc_type = (json.loads(report_json).get("profile") or {}).get("doc_type") or {}
    return bool(doc_type.get("doubt"))


def write_csv(handle: Any, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    """CSV (comma-separated, UTF-8); lists joined with '; ', booleans as 1/0, missing values empty."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row[column]) for column in columns])


def write_jsonl(handle: Any, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    """JSON lines: one object per row, lists and booleans kept as JSON types."""
    for row in rows:
        handle.write(json.dumps({c: row[c] for c in columns}, ensure_ascii=False) + "\n")


def write_table(handle: Any, fmt: ExportFormat, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """Write rows in the chosen format."""
    (write_csv if fmt == "csv" else write_jsonl)(handle, columns, rows)


def export_dir(
    conn: sqlite3.Connection, out: Path, fmt: ExportFormat, rulepack_version: str | None = None
) -> dict[str, Path]:
    """Write plans.<fmt> and priorities.<fmt> into a folder; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in TABLE_NAMES:
        columns, rows = table(conn, name, rulepack_version)
        path = out / f"{name}.{fmt}"
        with path.open("w", encoding="utf-8", newline="") as handle:
            write_table(handle, fmt, columns, rows)
        written[name] = path
    return written
