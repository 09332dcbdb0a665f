"""`ivpcheck analyse` on a real batch database: every figure checked against counts computed with SQL."""

from __future__ import annotations

import base64
import csv
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import batch_exit_code

IVPCHECK = [sys.executable, "-c", "import sys; from ivpcheck.cli import main; sys.exit(main())"]
SCORED = "r.status = 'scored' AND r.path IN ({paths})"  # the plans analysed: each plan once
# A plan's groups per dimension: its municipalities' network groups / provinces, or 'onbekend'.
GROUP_SQL = """SELECT DISTINCT r.sha256, coalesce(m.{column}, 'onbekend') FROM results r
               LEFT JOIN municipalities m USING (sha256, rulepack_version) WHERE {scored}"""
GROUPS = {"netwerk": "network_group", "provincie": "province"}


@pytest.fixture(scope="module")
def analysed(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(db, out): a batch over every main PDF, DOCX and HTML plan plus one bad file, and its analysis."""
    root = tmp_path_factory.mktemp("analyse")
    inputs = root / "in"
    for folder in ("pdf", "docx", "html"):
        shutil.copytree(built_corpus / folder, inputs / folder)
    shutil.copy2(built_corpus / "bad" / "corrupt.pdf", inputs / "corrupt.pdf")
    rules = Path(__file__).resolve().parent.parent / "ivpcheck" / "rules"
    shutil.copytree(rules, root / "rules")  # frozen while we run
    db, out = root / "db.sqlite", root / "analyse"
    cmd = [*IVPCHECK, "batch", str(inputs), "--db", str(db), "-j", "2", "--check-date", "2025-06-01"]
    cmd += ["--rules", str(root / "rules"), "--replace-rules"]
    batch = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    assert batch.returncode == batch_exit_code(batch.stdout), batch.stdout + batch.stderr
    result = subprocess.run(
        [*IVPCHECK, "analyse", "--db", str(db), "-o", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return db, out


def sql(db: Path, query: str, **fields: str) -> list[tuple]:
    """Rows of `query`, whose {scored} stands for the plans the analysis beside `db` lists."""
    paths = [r["bestand"] for r in table(db.parent / "analyse", "plannen")]
    scored = SCORED.format(paths=", ".join("?" * len(paths)))
    conn = sqlite3.connect(db)
    try:
        args = paths * query.count("{scored}")
        return [tuple(row) for row in conn.execute(query.format(scored=scored, **fields), args)]
    finally:
        conn.close()


def table(out: Path, name: str) -> list[dict[str, str]]:
    with (out / "tabellen" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def groups_of(db: Path, dimension: str) -> dict[str, set[str]]:
    """Group -> the SHA-256 of its plans, from SQL (plus Totaal)."""
    members: dict[str, set[str]] = defaultdict(set)
    for sha, group in sql(db, GROUP_SQL, column=GROUPS[dimension]):
        members[group].add(sha)
    members["Totaal"] = {sha for (sha,) in sql(db, "SELECT sha256 FROM results r WHERE {scored}")}
    return members


def csv_rows(rows: list[dict[str, str]], dimension: str, group: str) -> list[dict[str, str]]:
    wanted = "totaal" if group == "Totaal" else dimension
    return [r for r in rows if r["dimensie"] == wanted and r["groep"] == group]


@pytest.mark.parametrize("dimension", ["netwerk", "provincie"])
def test_priorities_per_field_match_sql(analysed: tuple[Path, Path], dimension: str) -> None:
    db, out = analysed
    rows = table(out, "velden")
    per_plan = sql(
        db,
        """SELECT p.sha256, coalesce(p.field, '') FROM priorities p
           JOIN results r USING (sha256, rulepack_version) WHERE {scored}""",
    )
    assert per_plan, "the corpus plans have priorities"
    for group, shas in groups_of(db, dimension).items():
        expected: dict[str, int] = defaultdict(int)
        for sha, field in per_plan:
            if sha in shas:
                expected[field] += 1
        got = {r["veld_id"]: int(r["prioriteiten"]) for r in csv_rows(rows, dimension, group)}
        assert {k: v for k, v in got.items() if v} == dict(expected), group
        n = sum(expected.values())
        for r in csv_rows(rows, dimension, group):
            assert int(r["totaal_prioriteiten"]) == n
            if n:
                assert float(r["aandeel"]) == pytest.approx(int(r["prioriteiten"]) / n)


@pytest.mark.parametrize("dimension", ["netwerk", "provincie"])
def test_joint_share_matches_sql(analysed: tuple[Path, Path], dimension: str) -> None:
    db, out = analysed
    joint = dict(sql(db, "SELECT sha256, joint FROM results r WHERE {scored}"))
    assert any(joint.values()), "kempen-2023 is a joint plan"
    rows = table(out, "gezamenlijk")
    for group, shas in groups_of(db, dimension).items():
        (row,) = csv_rows(rows, dimension, group)
        assert int(row["plannen"]) == len(shas)
        assert int(row["gezamenlijk"]) == sum(joint[s] for s in shas)


@pytest.mark.parametrize("dimension", ["netwerk", "provincie"])
def test_scores_and_bands_match_sql(analysed: tuple[Path, Path], dimension: str) -> None:
    db, out = analysed
    plans = {
        sha: (total, band)
        for sha, total, band in sql(db, "SELECT sha256, total, band FROM results r WHERE {scored}")
    }
    rows = table(out, "scores")
    for group, shas in groups_of(db, dimension).items():
        (row,) = csv_rows(rows, dimension, group)
        totals = [plans[s][0] for s in shas if plans[s][0] is not None]
        assert int(row["plannen"]) == len(shas)
        assert float(row["gemiddelde"]) == pytest.approx(statistics.fmean(totals))
        assert float(row["mediaan"]) == pytest.approx(statistics.median(totals))
        assert (float(row["minimum"]), float(row["maximum"])) == (min(totals), max(totals))
        for band in ("goed", "voldoende", "matig", "onvoldoende"):
            assert int(row[band]) == sum(plans[s][1] == band for s in shas), (group, band)


def test_missing_criteria_match_sql(analysed: tuple[Path, Path]) -> None:
    db, out = analysed
    expected = {
        criterion: (judged, missing)
        for criterion, judged, missing in sql(
            db,
            """SELECT v.criterion_id, sum(v.verdict != 'n.v.t.'), sum(v.verdict = 'ontbreekt')
               FROM verdicts v JOIN results r USING (sha256, rulepack_version)
               WHERE {scored} AND v.weight > 0 GROUP BY v.criterion_id""",
        )
        if judged
    }
    rows = [r for r in table(out, "ontbreekt") if r["dimensie"] == "totaal"]
    assert {r["criterium"]: (int(r["getoetst"]), int(r["ontbreekt"])) for r in rows} == expected
    shares = [float(r["aandeel"]) for r in rows]
    assert shares == sorted(shares, reverse=True)
    assert [int(r["rang"]) for r in rows] == list(range(1, len(rows) + 1))


def test_themes_are_ranked_and_bounded_by_sql(analysed: tuple[Path, Path]) -> None:
    db, out = analysed
    rows = [r for r in table(out, "themas") if r["dimensie"] == "totaal"]
    counts = [int(r["prioriteiten"]) for r in rows]
    assert counts == sorted(counts, reverse=True) and len(rows) <= 10
    (n_priorities,) = sql(
        db, "SELECT count(*) FROM priorities p JOIN results r USING (sha256, rulepack_version) WHERE {scored}"
    )[0]
    assert sum(counts) <= n_priorities
    for r in rows:
        assert float(r["aandeel"]) == pytest.approx(int(r["prioriteiten"]) / n_priorities)
    (integrity,) = sql(
        db,
        """SELECT count(*) FROM priorities p JOIN results r USING (sha256, rulepack_version)
           WHERE {scored} AND p.field = 'integriteit-en-veiligheid'""",
    )[0]
    undermining = [r for r in rows if r["thema"].startswith("Ondermijning")]
    assert undermining and int(undermining[0]["prioriteiten"]) <= integrity


def test_markdown_and_html_report(analysed: tuple[Path, Path]) -> None:
    db, out = analysed
    markdown = (out / "analyse.md").read_text(encoding="utf-8")
    html = (out / "analyse.html").read_text(encoding="utf-8")
    (n_plans,) = sql(db, "SELECT count(*) FROM results r WHERE {scored}")[0]
    (n_priorities,) = sql(
        db, "SELECT count(*) FROM priorities p JOIN results r USING (sha256, rulepack_version) WHERE {scored}"
    )[0]
    assert (
        f"**{n_plans}** plannen geanalyseerd" in markdown and f"**{n_priorities}** prioriteiten" in markdown
    )
    assert f"<strong>{n_plans}</strong> plannen" in html
    for title in (
        "Prioriteiten per veiligheidsveld",
        "Gezamenlijke plannen",
        "Criteria die het vaakst ontbreken",
    ):
        assert title in markdown and title in html
    # the Totaal row of the fields table, in Dutch number format
    totals = table(out, "velden")
    first = next(r for r in totals if r["dimensie"] == "totaal" and int(r["prioriteiten"]))
    share = f"{float(first['aandeel']) * 100:.1f}%".replace(".", ",")
    assert re.search(rf"\| Totaal \| {n_priorities} \|.*{re.escape(share)}", markdown)
    # charts: PNG files beside the Markdown, the same bytes embedded in the HTML as data URIs
    images = re.findall(r"!\[[^\]]*\]\((figuren/[^)]+\.png)\)", markdown)
    embedded = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == len(embedded) >= 5
    for path, data in zip(images, embedded, strict=True):
        png = (out / path).read_bytes()
        assert png.startswith(b"\x89PNG") and base64.b64decode(data) == png
    assert "figuren/" not in html and "http" not in html.split("<body>")[1]
    assert "| beschadigd of afgebroken | 1 |" in markdown  # failures are counted, with Dutch labels


def test_each_plan_counted_once_by_its_final_version(analysed: tuple[Path, Path]) -> None:
    """The same plan as PDF, DOCX and HTML, or as concept and final version, is one plan: the final
    PDF stands for it and names the others; no two listed plans share municipalities and period."""
    db, out = analysed
    plans = table(out, "plannen")
    with sqlite3.connect(db) as conn:
        every = {path for (path,) in conn.execute("SELECT path FROM results WHERE status = 'scored'")}
    listed = [r["bestand"] for r in plans]
    assert len(listed) < len(every)
    also = {path for r in plans for path in r["ook_als"].split("; ") if path}
    assert set(listed) | also == every and not set(listed) & also
    keys = [(r["gemeenten"], r["periode"]) for r in plans if r["periode"]]
    assert len(keys) == len(set(keys))
    by_name = {Path(r["bestand"]).name: r for r in plans}
    amersfoort = by_name["amersfoort-2024.pdf"]
    others = {Path(p).name for p in amersfoort["ook_als"].split("; ")}
    assert {"amersfoort-2024.docx", "amersfoort-2024.html"} <= others
    assert "zeist-2025-concept.pdf" not in by_name and "zeist-2025.pdf" in by_name
    assert "zeist-2025-concept.pdf" in by_name["zeist-2025.pdf"]["ook_als"]


def test_informational_criteria_are_not_among_the_most_missing(analysed: tuple[Path, Path]) -> None:
    db, out = analysed
    informational = {cid for (cid,) in sql(db, "SELECT DISTINCT criterion_id FROM verdicts WHERE weight = 0")}
    assert informational, "the rule pack has criteria with weight 0"
    assert not informational & {r["criterium"] for r in table(out, "ontbreekt")}
