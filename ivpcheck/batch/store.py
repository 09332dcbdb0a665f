"""The batch database: one SQLite file, one row per (file SHA-256, rule pack version).

Only the parent process writes. Every file is written in one transaction (the result, its
verdicts, section scores, municipalities and priorities together), so a run that is interrupted
(Ctrl-C, SIGKILL, power loss) leaves either all of a file or nothing of it, and a re-run resumes.
WAL mode lets `export`/`analyse` read while a batch writes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from ivpcheck.batch.worker import FileResult
from ivpcheck.model.errors import CorruptDatabaseError, OutputError, UsageError, writing
from ivpcheck.model.paths import display_path
from ivpcheck.model.report import Report

STORE_SCHEMA_VERSION = "1"
KEY = ("sha256", "rulepack_version")
NETWORK_ORDER = ("G4", "G40", "P10")
OTHER_NETWORK = "overig"
# Columns that differ between two runs over the same files (left out of `canonical_dump`).
VOLATILE_COLUMNS = frozenset({"created_at", "duration_s", "cpu_s"})

TABLES: dict[str, str] = {
    "results": """
        sha256 TEXT NOT NULL,
        rulepack_version TEXT NOT NULL,
        path TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('scored', 'not_ivp', 'failed')),
        category TEXT,
        message TEXT,
        format TEXT,
        pages INTEGER,
        doc_type TEXT,
        title TEXT,
        joint INTEGER,
        period_start INTEGER,
        period_end INTEGER,
        adopted_on TEXT,
        total REAL,
        band TEXT,
        band_capped_by TEXT,
        tool_version TEXT,
        schema_version TEXT,
        check_date TEXT,
        settings_hash TEXT,
        report_json TEXT,
        profile_json TEXT,
        duration_s REAL,
        cpu_s REAL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (sha256, rulepack_version)""",
    "verdicts": """
        sha256 TEXT NOT NULL,
        rulepack_version TEXT NOT NULL,
        position INTEGER NOT NULL,
        criterion_id TEXT NOT NULL,
        slug TEXT,
        title TEXT,
        section TEXT,
        weight INTEGER,
        kernelement INTEGER,
        verdict TEXT NOT NULL,
        score REAL,
        PRIMARY KEY (sha256, rulepack_version, criterion_id)""",
    "section_scores": """
        sha256 TEXT NOT NULL,
        rulepack_version TEXT NOT NULL,
        position INTEGER NOT NULL,
        section TEXT NOT NULL,
        name TEXT,
        score REAL,
        weight INTEGER,
        PRIMARY KEY (sha256, rulepack_version, section)""",
    "municipalities": """
        sha256 TEXT NOT NULL,
        rulepack_version TEXT NOT NULL,
        position INTEGER NOT NULL,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        province TEXT,
        networks TEXT,
        network_group TEXT NOT NULL,
        PRIMARY KEY (sha256, rulepack_version, position)""",
    "priorities": """
        sha256 TEXT NOT NULL,
        rulepack_version TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        field TEXT,
        matched TEXT,
        scope TEXT,
        municipality TEXT,
        page INTEGER,
        PRIMARY KEY (sha256, rulepack_version, position)""",
}
CHILD_TABLES = ("verdicts", "section_scores", "municipalities", "priorities")


def columns(table: str) -> list[str]:
    """The column names of a table, in schema order."""
    names = []
    for line in TABLES[table].strip().splitlines():
        word = line.strip().split()[0]
        if word != "PRIMARY":
            names.append(word)
    return names


def network_group(networks: list[str]) -> str:
    """A municipality's group for the national analysis: G4, G40, P10 or 'overig'."""
    return next((net for net in NETWORK_ORDER if net in networks), OTHER_NETWORK)


def connect(path: str | Path, create: bool = True) -> sqlite3.Connection:
    """Open (and create or upgrade) a batch database in WAL mode, after SQLite's quick integrity check.

    A damaged database raises CorruptDatabaseError, one that cannot be created or opened OutputError.
    """
    path = Path(path)
    if not create and not path.is_file():
        raise UsageError(str(path), "database niet gevonden / database not found")
    conn: sqlite3.Connection | None = None
    try:
        with writing(path), guarded(path):  # writing: a file where the database's folder should be
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            _open(conn, path)
            _ensure_schema(conn, str(path), create)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return conn


def _open(conn: sqlite3.Connection, path: Path) -> None:
    """WAL mode and full sync; a file that is no SQLite database at all is a usage error (exit 2), one
    with damaged pages a corrupt database (exit 19)."""
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as error:
        raise UsageError(
            str(path), f"geen bruikbare ivpcheck-database / not an ivpcheck database: {error}"
        ) from error
    conn.execute("PRAGMA synchronous=FULL")
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        lines = [line for problem in problems for line in problem.splitlines() if not line.startswith("***")]
        found = "; ".join(" ".join(line.split()) for line in lines)  # one line
        raise CorruptDatabaseError(str(path), f"SQLite quick_check: {found}"[:300])


@contextmanager
def guarded(path: str | Path) -> Iterator[None]:
    """Turn SQLite's errors on the database `path` into one-line errors: a damaged database ->
    CorruptDatabaseError (exit 19), one that cannot be opened or written (disk full, read-only) ->
    OutputError (exit 20)."""
    try:
        yield
    except sqlite3.OperationalError as error:
        raise OutputError(str(path), f"SQLite: {error}") from error
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(str(path), f"SQLite: {error}") from error


def _ensure_schema(conn: sqlite3.Connection, name: str, create: bool) -> None:
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if has_meta:
        row = conn.execute("SELECT value FROM meta WHERE key='store_schema'").fetchone()
        if row is None or row[0] != STORE_SCHEMA_VERSION:
            found = row[0] if row else "?"
            raise UsageError(
                name, f"databaseschema {found}, verwacht {STORE_SCHEMA_VERSION} / schema mismatch"
            )
        return
    if not create:
        raise UsageError(name, "geen ivpcheck-database / not an ivpcheck database")
    with transaction(conn):
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('store_schema', ?)", (STORE_SCHEMA_VERSION,))
        for table, body in TABLES.items():
            conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
        conn.execute("CREATE INDEX IF NOT EXISTS results_status ON results (status, category)")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (KeyboardInterrupt included)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]], replace: bool = False) -> None:
    if not rows:
        return
    names = columns(table)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    sql = f"{verb} INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    conn.executemany(sql, [tuple(row.get(name) for name in names) for row in rows])


def rows_for(result: FileResult, settings_hash: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one file's result."""
    key = {"sha256": result.sha256, "rulepack_version": result.rulepack_version}
    main: dict[str, Any] = {
        **key,
        "path": display_path(result.path),  # a name that is not UTF-8 is stored escaped
        "status": result.status,
        "category": result.category,
        "message": None if result.message is None else display_path(result.message),
        "settings_hash": settings_hash,
        "duration_s": round(result.duration_s, 3),
        "cpu_s": round(result.cpu_s, 3),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in CHILD_TABLES}
    tables["results"] = [main]
    if result.report_json is None:
        return tables
    report = Report.model_validate_json(result.report_json)
    main.update(
        format=report.input.format,
        pages=report.input.pages,
        total=report.total,
        band=report.band,
        band_capped_by=",".join(report.band_capped_by) or None,
        tool_version=report.tool_version,
        schema_version=report.schema_version,
        check_date=report.check_date,
        report_json=result.report_json,
    )
    for position, criterion in enumerate(report.criteria):
        tables["verdicts"].append(
            {
                **key,
                "position": position,
                "criterion_id": criterion.id,
                "slug": criterion.slug,
                "title": criterion.title,
                "section": criterion.section,
                "weight": criterion.weight,
                "kernelement": int(criterion.kernelement),
                "verdict": criterion.verdict,
                "score": criterion.score,
            }
        )
    for position, section in enumerate(report.sections):
        tables["section_scores"].append({**key, "position": position, **section.model_dump()})
    profile = report.profile
    if profile is None:
        return tables
    main.update(
        doc_type=profile.doc_type.type,
        title=profile.title,
        joint=int(profile.joint),
        period_start=profile.period_start,
        period_end=profile.period_end,
        adopted_on=profile.adopted_on,
        profile_json=profile.model_dump_json(),
    )
    for position, municipality in enumerate(profile.municipalities):
        tables["municipalities"].append(
            {
                **key,
                "position": position,
                # today's municipality (a former one's successor): the national analysis groups by it;
                # the plan's own name stays in profile_json
                "code": municipality.current_code or municipality.code,
                "name": municipality.current_name or municipality.name,
                "province": municipality.province,
                "networks": ",".join(municipality.networks),
                "network_group": network_group(municipality.networks),
            }
        )
    for position, priority in enumerate(profile.priorities):
        tables["priorities"].append(
            {
                **key,
                "position": position,
                "text": priority.text,
                "field": priority.field,
                "matched": json.dumps(priority.matched, ensure_ascii=False),
                "scope": priority.scope,
                "municipality": priority.municipality,
                "page": priority.page,
            }
        )
    return tables


def save(conn: sqlite3.Connection, result: FileResult, settings_hash: str) -> None:
    """Write one file's result in one transaction, replacing an earlier result for the same key."""
    tables = rows_for(result, settings_hash)
    key = (result.sha256, result.rulepack_version)
    with transaction(conn):
        for table in CHILD_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE sha256 = ? AND rulepack_version = ?", key)
        _insert(conn, "results", tables["results"], replace=True)
        for table in CHILD_TABLES:
            _insert(conn, table, tables[table])


class Stored(NamedTuple):
    """What is known about a stored result before deciding to skip it."""

    status: str
    settings_hash: str | None


def stored(conn: sqlite3.Connection, rulepack_version: str) -> dict[str, Stored]:
    """SHA-256 -> status and settings hash of every file already stored for this rule pack version."""
    sql = "SELECT sha256, status, settings_hash FROM results WHERE rulepack_version = ?"
    return {row[0]: Stored(row[1], row[2]) for row in conn.execute(sql, (rulepack_version,))}


def latest_rulepack(conn: sqlite3.Connection) -> str | None:
    """The rule pack version of the most recently stored result."""
    row = conn.execute("SELECT rulepack_version FROM results ORDER BY created_at DESC LIMIT 1").fetchone()
    return row[0] if row else None


def counts(conn: sqlite3.Connection, rulepack_version: str | None = None) -> dict[str, int]:
    """Stored results per outcome: 'scored', 'not_ivp' and each failure category."""
    sql = "SELECT CASE WHEN status = 'failed' THEN category ELSE status END, count(*) FROM results"
    args: tuple[str, ...] = ()
    if rulepack_version is not None:
        sql += " WHERE rulepack_version = ?"
        args = (rulepack_version,)
    return {row[0]: row[1] for row in conn.execute(sql + " GROUP BY 1 ORDER BY 1", args)}


def canonical_dump(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, without the volatile columns (timestamps, durations)."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for table in TABLES:
        names = [name for name in columns(table) if name not in VOLATILE_COLUMNS]
        rows = conn.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
        dump[table] = sorted((tuple(row) for row in rows), key=repr)
    return dump


def merge(out: str | Path, inputs: list[str | Path]) -> dict[str, int]:
    """Merge batch databases into `out`; for a key in several, the newest result wins.

    Returns, per input, how many results it contributed.
    """
    conn = connect(out)
    added: dict[str, int] = {}
    try:
        for source in inputs:
            connect(source, create=False).close()  # validates the schema and the pages
            with guarded(out):
                conn.execute("ATTACH DATABASE ? AS src", (str(source),))
                try:
                    added[str(source)] = _merge_attached(conn)
                finally:
                    conn.execute("DETACH DATABASE src")
    finally:
        conn.close()
    return added


def _merge_attached(conn: sqlite3.Connection) -> int:
    key = ", ".join(KEY)
    with transaction(conn):
        conn.execute("DROP TABLE IF EXISTS temp.newer")
        conn.execute(
            f"""CREATE TEMP TABLE newer AS
                SELECT s.sha256, s.rulepack_version FROM src.results s
                LEFT JOIN main.results m USING ({key})
                WHERE m.sha256 IS NULL OR s.created_at > m.created_at"""
        )
        for table in CHILD_TABLES:
            conn.execute(f"DELETE FROM main.{table} WHERE ({key}) IN (SELECT {key} FROM temp.newer)")
        for table in ("results", *CHILD_TABLES):
            names = ", ".join(columns(table))
            verb = "INSERT OR REPLACE" if table == "results" else "INSERT"
            conn.execute(
                f"""{verb} INTO main.{table} ({names})
                    SELECT {names} FROM src.{table} WHERE ({key}) IN (SELECT {key} FROM temp.newer)"""
            )
        count = conn.execute("SELECT count(*) FROM temp.newer").fetchone()[0]
        conn.execute("DROP TABLE temp.newer")
    return count
