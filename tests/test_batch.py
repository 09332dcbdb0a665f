"""`ivpcheck batch`, `export` and `merge` on real files from the built corpus, with real SQLite databases.

Every batch run is the real command in a subprocess (2 workers). Inputs are copied into tmp_path
first, so that a corpus rebuild by another test session cannot change them mid-run.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import batch_exit_code

from ivpcheck.batch import store
from ivpcheck.batch.inputs import collect, parse_shard, select_shard, shard_of
from ivpcheck.model.checklist import id_order
from ivpcheck.model.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    IvpcheckError,
    NotAnIvpError,
    NotAPdfError,
    NoTextLayerError,
    ProcessingTimeoutError,
    UnsupportedFormatError,
    UsageError,
)

CHECK_DATE = "2025-06-01"
CORPUS_SOURCES = Path(__file__).resolve().parent.parent / "corpus" / "sources"
RULES = Path(__file__).resolve().parent.parent / "ivpcheck" / "rules"
FROZEN: list[str] = []  # --rules options of the frozen copy of rules/ (set by `frozen_rules`)
IVPCHECK = [sys.executable, "-c", "import sys; from ivpcheck.cli import main; sys.exit(main())"]
# bad/<file> -> the error category the batch must store for it
BAD: dict[str, type[IvpcheckError]] = {
    "encrypted.pdf": EncryptedFileError,
    "truncated.pdf": CorruptFileError,
    "corrupt.pdf": CorruptFileError,
    "empty.pdf": EmptyFileError,
    "not-a-pdf.pdf": NotAPdfError,
    "scan.pdf": NoTextLayerError,
    "plan.odt": UnsupportedFormatError,
    "empty.docx": EmptyFileError,
}
NEWS = """Nieuwsbericht – 12 maart 2024

Buurtcentrum De Linde in Zeist heropend

Wethouder Jansen heeft dinsdagmiddag het vernieuwde buurtcentrum De Linde geopend. Het gebouw is het
afgelopen halfjaar verbouwd en biedt nu ruimte aan een bibliotheekpunt, een koffiehoek en spreekuren
van het wijkteam.

"We zijn blij dat inwoners hier weer terechtkunnen," zei de wethouder bij de opening. Ruim honderd
buurtbewoners kwamen af op de feestelijke middag, met muziek van de plaatselijke harmonie.

Het buurtcentrum is op werkdagen open van 9.00 tot 17.00 uur. Meer informatie staat op de website
van de gemeente.
"""


@pytest.fixture(scope="module", autouse=True)
def frozen_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of rules/ that every batch in this module uses, so that rule files edited while the
    tests run cannot change results between a reference run and a resumed one."""
    target = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(RULES, target)
    FROZEN[:] = ["--rules", str(target), "--replace-rules"]
    return target


def batch_cmd(*args: str | Path, db: Path) -> list[str]:
    """The command line of a real `ivpcheck batch` (2 workers, corpus check date, frozen rules)."""
    return [
        *IVPCHECK,
        "batch",
        *map(str, args),
        "--db",
        str(db),
        "-j",
        "2",
        "--check-date",
        CHECK_DATE,
        *FROZEN,
    ]


def run_batch(*args: str | Path, db: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `ivpcheck batch` in a subprocess."""
    cmd = batch_cmd(*args, db=db)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    if check:
        assert result.returncode == batch_exit_code(result.stdout), result.stdout + result.stderr
    return result


def engine_fingerprint() -> str:
    """A hash of the code, rules and data that decide a report (to tell a bug from concurrent edits)."""
    digest = hashlib.sha256()
    root = RULES.parent
    for pattern in ("ivpcheck/**/*.py", "rules/**/*.y*ml", "ivpcheck/data/*"):
        for path in sorted(root.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def assert_same_database(db: Path, reference: Path, since: str) -> None:
    """Same canonical contents; when they differ because the engine itself was edited while the test
    ran (a shared working tree), the comparison is meaningless and the test is skipped instead."""
    same = dump(db) == dump(reference)
    if not same and engine_fingerprint() != since:
        pytest.skip("ivpcheck's code or rules changed while this test ran; results are not comparable")
    assert same


def dump(db: Path) -> dict[str, list[tuple]]:
    conn = store.connect(db, create=False)
    try:
        return store.canonical_dump(conn)
    finally:
        conn.close()


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return [tuple(row) for row in conn.execute(sql, args)]
    finally:
        conn.close()


def doc_type(path: Path) -> str | None:
    """The document type of a corpus file's source (None for bad inputs and files made here)."""
    source = CORPUS_SOURCES / f"{path.stem.split('--')[0]}.md"
    if path.parent.name == "bad" or not source.exists():
        return None
    match = re.search(r"^doc_type:\s*(\S+)", source.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else None


def copy_inputs(built_corpus: Path, target: Path, variants: int, extra: list[str], bad: list[str]) -> Path:
    """Copy `variants` PDF variants, the `bad` inputs and the `extra` corpus files; add a news item as TXT."""
    names = [f"bad/{name}" for name in bad] + extra
    names += [
        f"pdf-variants/{p.name}" for p in sorted((built_corpus / "pdf-variants").glob("*.pdf"))[:variants]
    ]
    for name in names:
        (target / Path(name).parent).mkdir(parents=True, exist_ok=True)
        shutil.copy2(built_corpus / name, target / name)
    (target / "overig").mkdir()
    (target / "overig" / "nieuwsbericht.txt").write_text(NEWS, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def full(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(inputs, db, stdout) of one uninterrupted batch over 40 files of every format, good and bad."""
    root = tmp_path_factory.mktemp("batch-full")
    extra = [
        "docx/kempen-2023.docx",
        "html/leiden-kadernota-2022.html",
        "pdf/almelo-2023.pdf",  # the same bytes as one of the variants
        "pdf/amersfoort-uvp-2024.pdf",  # not an IVP
        "pdf/nieuws-heerenveen-ivp.pdf",  # not an IVP
    ]
    inputs = copy_inputs(built_corpus, root / "in", variants=26, extra=extra, bad=sorted(BAD))
    db = root / "full.sqlite"
    result = run_batch(inputs, db=db)
    return inputs, db, result.stdout


def test_every_good_file_scored_every_bad_file_categorised(full: tuple[Path, Path, str]) -> None:
    inputs, db, stdout = full
    rows = {
        Path(r[0]).relative_to(inputs).as_posix(): r[1:]
        for r in query(db, "SELECT path, status, category, total, band, report_json FROM results")
    }
    plans = [p for p in rows if doc_type(inputs / p) == "ivp"]
    others = [p for p in rows if doc_type(inputs / p) not in (None, "ivp")] + ["overig/nieuwsbericht.txt"]
    assert len(plans) >= 27 and len(others) == 3
    for path in plans:
        status, category, total, band, report_json = rows[path]
        assert (status, category) == ("scored", None), path
        assert total is not None and band is not None, path
        assert json.loads(report_json)["input"]["sha256"]
    for name, error in BAD.items():
        status, category, *_ = rows[f"bad/{name}"]
        assert (status, category) == ("failed", error.category), name
    for path in others:
        status, category, total, _, report_json = rows[path]
        assert (status, category, total) == ("not_ivp", NotAnIvpError.category, None), path
        assert json.loads(report_json)["profile"]["doc_type"]["is_ivp"] is False
    stored_types = {t for (t,) in query(db, "SELECT doc_type FROM results WHERE category = 'not_ivp'")}
    assert stored_types and "ivp" not in stored_types
    assert f"getoetst als IVP:              {len(plans)}" in stdout
    assert f"geen IVP (opgeslagen):         {len(others)}" in stdout
    assert f"mislukt:                       {len(BAD)}" in stdout


def test_duplicates_stored_once_and_children_complete(full: tuple[Path, Path, str]) -> None:
    inputs, db, stdout = full
    files = collect([str(inputs)]).files
    hashes = [hashlib.sha256(p.read_bytes()).hexdigest() for p in files]
    duplicates = len(hashes) - len(set(hashes))
    assert duplicates >= 1  # pdf/almelo-2023.pdf
    assert f"dubbel (zelfde inhoud):        {duplicates}" in stdout
    assert query(db, "SELECT count(*) FROM results")[0][0] == len(set(hashes))
    per_plan = query(
        db,
        """SELECT r.sha256, count(v.criterion_id) FROM results r
           LEFT JOIN verdicts v USING (sha256, rulepack_version)
           WHERE r.status = 'scored' GROUP BY r.sha256""",
    )
    expected = {
        len(json.loads(r[0])["criteria"])
        for r in query(db, "SELECT report_json FROM results WHERE status='scored'")
    }
    assert {n for _, n in per_plan} == expected and min(expected) > 0
    assert query(db, "PRAGMA journal_mode")[0][0] == "wal"


def test_rerun_skips_everything_and_changes_nothing(full: tuple[Path, Path, str], tmp_path: Path) -> None:
    inputs, db, _ = full
    copy = tmp_path / "copy.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("VACUUM INTO ?", (str(copy),))
    conn.close()
    result = run_batch(inputs, db=copy)
    n = query(copy, "SELECT count(*) FROM results")[0][0]
    assert f"overgeslagen (al opgeslagen):  {n}" in result.stdout
    assert "0 bestanden verwerkt" in result.stdout
    assert dump(copy) == dump(db)


@pytest.fixture(scope="module")
def small(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(inputs, db, engine fingerprint) of an uninterrupted reference run over 12 files
    (4 bad files, 6 PDFs, a DOCX, a text)."""
    since = engine_fingerprint()
    root = tmp_path_factory.mktemp("batch-small")
    bad = ["corrupt.pdf", "empty.pdf", "encrypted.pdf", "truncated.pdf"]
    inputs = copy_inputs(
        built_corpus, root / "in", variants=6, extra=["docx/zeist-2025-concept.docx"], bad=bad
    )
    db = root / "reference.sqlite"
    run_batch(inputs, db=db)
    return inputs, db, since


def default_sigint() -> None:
    """In the child: Ctrl-C acts again even when the test run itself ignores SIGINT (a shell's
    background job inherits SIG_IGN, and Python then installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def committed(db: Path) -> int:
    """Rows committed so far (read-only; 0 while the database does not exist yet)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM results").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def descendants(pid: int) -> list[int]:
    """Every descendant process of `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def wait_gone(pids: list[int], seconds: float = 30) -> bool:
    """Whether every process has exited (zombies count as gone) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        if not alive:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["sigint", "sigkill"])
def test_interrupted_run_resumes_to_the_same_database(
    small: tuple[Path, Path, str], tmp_path: Path, sig: signal.Signals
) -> None:
    inputs, reference, since = small
    total = query(reference, "SELECT count(*) FROM results")[0][0]
    db = tmp_path / "interrupted.sqlite"
    process = subprocess.Popen(
        batch_cmd(inputs, db=db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,
    )
    deadline = time.monotonic() + 900
    while committed(db) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    helpers = descendants(process.pid)  # the forkserver and its workers
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == (130 if sig == signal.SIGINT else -signal.SIGKILL), stdout + stderr
    assert helpers and wait_gone(helpers), "worker processes outlived the batch"
    stored = committed(db)
    assert 3 <= stored < total, "the run must be interrupted after the first rows and before the end"
    if sig == signal.SIGINT:
        assert "Onderbroken" in stdout and "nog te doen" in stdout
    resumed = run_batch(inputs, db=db)
    assert f"overgeslagen (al opgeslagen):  {stored}" in resumed.stdout
    assert_same_database(db, reference, since)


def test_workers_forked_by_a_forkserver_while_the_progress_bar_runs_store_the_same(
    small: tuple[Path, Path, str], tmp_path: Path
) -> None:
    """Without a progress bar the workers are forked from the batch process itself (the reference run);
    with one, whose drawing thread a fork would copy, from a forkserver: the same database."""
    inputs, reference, since = small
    db = tmp_path / "progress.sqlite"
    run_batch(inputs, "--progress", db=db)
    assert_same_database(db, reference, since)


def test_timeout_is_stored_and_the_batch_goes_on(built_corpus: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("pdf/kempen-2023.pdf", "pdf/zeist-2025-concept.pdf", "pdf/almelo-2023.pdf"):
        shutil.copy2(built_corpus / name, inputs / Path(name).name)
    db = tmp_path / "timeout.sqlite"
    result = run_batch(inputs, "--timeout", "0.01", db=db)  # no plan is checked within 10 ms
    rows = query(db, "SELECT category, message FROM results")
    assert len(rows) == 3 and {c for c, _ in rows} == {ProcessingTimeoutError.category}
    assert all("te lang" in m for _, m in rows)
    assert "verwerking te lang (time-out) (timeout): 3" in result.stdout


def hang_or_crash(real):
    """ivpcheck.run.pipeline.check_file, except for files named 'hangt' (sleeps) or 'crasht' (exits)."""

    def check_file(path, settings):
        if "hangt" in str(path):
            time.sleep(600)
        if "crasht" in str(path):
            os._exit(3)
        return real(path, settings)

    return check_file


def test_pool_kills_a_hanging_worker_isolates_a_crash_and_recycles(
    built_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frozen_rules: Path
) -> None:
    """The pool itself (fork start method, so that the workers inherit a check_file that hangs or crashes)."""
    import ivpcheck.run.pipeline
    from ivpcheck.batch.worker import WorkerPool, rulepack_version
    from ivpcheck.model.settings import Settings

    monkeypatch.setattr(ivpcheck.run.pipeline, "check_file", hang_or_crash(ivpcheck.run.pipeline.check_file))
    names = ["hangt.pdf", "crasht.pdf", "plan.pdf", "kapot.pdf", "leeg.pdf"]
    sources = [
        "pdf/kempen-2023.pdf",
        "pdf/kempen-2023.pdf",
        "pdf/almelo-2023.pdf",
        "bad/corrupt.pdf",
        "bad/empty.pdf",
    ]
    for name, source in zip(names, sources, strict=True):
        shutil.copy2(built_corpus / source, tmp_path / name)
    settings = Settings(rules=[frozen_rules], replace_rules=True)
    version = rulepack_version(settings)
    tasks = [(str(tmp_path / name), f"sha-{name}") for name in names]
    started = time.monotonic()
    with WorkerPool(2, settings, version, timeout=600, max_tasks=1, start_method="fork") as pool:
        results = {Path(r.path).name: r for r in pool.run(tasks[1:])}
        pool.timeout = 3.0
        results.update({Path(r.path).name: r for r in pool.run(tasks[:1])})
        spawned = pool.spawned
    assert time.monotonic() - started < 600
    assert (results["hangt.pdf"].category, results["hangt.pdf"].rulepack_version) == ("timeout", version)
    assert results["crasht.pdf"].category == "crash" and "exitcode 3" in results["crasht.pdf"].message
    assert results["plan.pdf"].status == "scored" and results["plan.pdf"].report_json
    assert results["kapot.pdf"].category == CorruptFileError.category
    assert results["leeg.pdf"].category == EmptyFileError.category
    assert spawned == 5  # max_tasks=1: a fresh worker per file (the crashed and the killed one replaced too)


def test_shards_partition_the_list_and_merge_to_the_full_run(
    small: tuple[Path, Path, str], tmp_path: Path
) -> None:
    inputs, reference, since = small
    files = collect([str(inputs)]).files
    shards = [select_shard(files, k, 3) for k in (1, 2, 3)]
    assert sorted(p for shard in shards for p in shard) == sorted(files)
    assert all(shard_of(p, 3) == k + 1 for k, shard in enumerate(shards) for p in shard)
    assert select_shard(files, 2, 3) == select_shard(list(reversed(files)), 2, 3)
    dbs = []
    for k in (1, 2):
        dbs.append(tmp_path / f"shard{k}.sqlite")
        run_batch(inputs, "--shard", f"{k}/2", db=dbs[-1])
    assert sum(committed(d) for d in dbs) == committed(reference)
    out = tmp_path / "merged.sqlite"
    merged = subprocess.run([*IVPCHECK, "merge", str(out), *map(str, dbs)], capture_output=True, text=True)
    assert merged.returncode == 0, merged.stderr
    merged_once = dump(out)
    again = subprocess.run([*IVPCHECK, "merge", str(out), *map(str, dbs)], capture_output=True, text=True)
    assert again.returncode == 0 and dump(out) == merged_once  # merging again adds no duplicates
    assert_same_database(out, reference, since)


def test_merge_keeps_the_newest_result(small: tuple[Path, Path, str], tmp_path: Path) -> None:
    _, reference, _ = small
    old, new = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    for target in (old, new):
        conn = sqlite3.connect(reference)
        conn.execute("VACUUM INTO ?", (str(target),))
        conn.close()
    (sha,) = query(new, "SELECT sha256 FROM results WHERE status = 'scored' ORDER BY path LIMIT 1")[0]
    conn = sqlite3.connect(new)
    conn.execute("UPDATE results SET path = 'nieuw.pdf', created_at = '9999' WHERE sha256 = ?", (sha,))
    conn.commit()
    conn.close()
    store.merge(old, [new])
    assert query(old, "SELECT path FROM results WHERE sha256 = ?", sha) == [("nieuw.pdf",)]
    assert committed(old) == committed(reference)
    assert query(old, "SELECT count(*) FROM verdicts") == query(reference, "SELECT count(*) FROM verdicts")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_round_trips(full: tuple[Path, Path, str], tmp_path: Path) -> None:
    _, db, _ = full
    for fmt in ("csv", "jsonl"):
        out = tmp_path / fmt
        result = subprocess.run(
            [*IVPCHECK, "export", "--db", str(db), "--format", fmt, "-o", str(out)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        read = read_csv if fmt == "csv" else read_jsonl
        plans = read(out / f"plans.{fmt}")
        priorities = read(out / f"priorities.{fmt}")
        results = query(
            db, "SELECT sha256, path, status, category, total, band, joint, period_start FROM results"
        )
        assert len(plans) == len(results)
        assert len(priorities) == query(db, "SELECT count(*) FROM priorities")[0][0]
        by_sha = {p["sha256"]: p for p in plans}
        for sha, path, status, category, total, band, joint, start in results:
            row = by_sha[sha]
            assert (row["bestand"], row["status"]) == (path, status)
            if fmt == "csv":
                assert row["categorie"] == (category or "")
                assert row["totaal"] == ("" if total is None else str(total))
                assert row["band"] == (band or "")
                assert row["gezamenlijk"] == ("" if joint is None else str(joint))
                assert row["periode_start"] == ("" if start is None else str(start))
            else:
                assert (row["categorie"], row["totaal"], row["band"]) == (category, total, band)
                assert row["gezamenlijk"] == (None if joint is None else bool(joint))
                assert row["periode_start"] == start
        for sha, criterion, verdict in query(db, "SELECT sha256, criterion_id, verdict FROM verdicts"):
            assert by_sha[sha][criterion] == verdict
        for sha, section, score in query(db, "SELECT sha256, section, score FROM section_scores"):
            value = by_sha[sha][f"score_{section}"]
            assert value == (score if fmt == "jsonl" else ("" if score is None else str(score)))
        towns: dict[str, list[str]] = {}
        for sha, name in query(db, "SELECT sha256, name FROM municipalities ORDER BY sha256, position"):
            towns.setdefault(sha, []).append(name)
        for sha, row in by_sha.items():
            value = row["gemeenten"]
            assert (value.split("; ") if fmt == "csv" and value else value or []) == towns.get(sha, [])
        db_priorities = query(
            db, "SELECT p.sha256, p.position + 1, p.text, p.field FROM priorities p ORDER BY 1, 2"
        )
        exported = sorted(
            (p["sha256"], int(p["nr"]), p["prioriteit"], p["veiligheidsveld"] or None) for p in priorities
        )
        assert exported == sorted(db_priorities)


def test_export_single_table_to_stdout(full: tuple[Path, Path, str]) -> None:
    _, db, _ = full
    result = subprocess.run(
        [*IVPCHECK, "export", "--db", str(db), "--format", "jsonl", "--table", "priorities"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == query(db, "SELECT count(*) FROM priorities")[0][0]
    assert {"prioriteit", "veiligheidsveld", "bestand"} <= set(json.loads(lines[0]))


def test_inputs_folders_globs_lists_and_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a/plan1.pdf", "a/sub/plan2.docx", "a/manifest.json", "a/.verborgen.pdf", "b/plan3.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lijst.txt").write_text(
        "# plannen\nb/plan3.html\n\na/plan1.pdf\nontbreekt.pdf\n", encoding="utf-8"
    )
    found = collect(["a", "@lijst.txt", "b/*.html", "geen/*.pdf"])
    assert [p.as_posix() for p in found.files] == ["a/plan1.pdf", "a/sub/plan2.docx", "b/plan3.html"]
    assert found.missing == ["ontbreekt.pdf", "geen/*.pdf"]
    assert parse_shard("2/5") == (2, 5)
    for bad in ("0/2", "3/2", "x", "1/0"):
        with pytest.raises(UsageError):
            parse_shard(bad)


def test_bad_database_is_a_usage_error(tmp_path: Path) -> None:
    not_db = tmp_path / "x.sqlite"
    not_db.write_text("geen database", encoding="utf-8")
    result = subprocess.run([*IVPCHECK, "export", "--db", str(not_db)], capture_output=True, text=True)
    assert result.returncode == UsageError.exit_code
    assert "Traceback" not in result.stderr and "x.sqlite" in result.stderr
    missing = subprocess.run(
        [*IVPCHECK, "analyse", "--db", str(tmp_path / "nee.sqlite"), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == UsageError.exit_code and "niet gevonden" in missing.stderr


def test_export_criterion_columns_in_id_order(full: tuple[Path, Path, str], tmp_path: Path) -> None:
    _, db, _ = full
    out = tmp_path / "csv"
    result = subprocess.run(
        [*IVPCHECK, "export", "--db", str(db), "-o", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    header = (out / "plans.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    criteria = [column for column in header if re.fullmatch(r"[A-Z]\d+", column)]
    assert len(criteria) == 46
    assert criteria == sorted(criteria, key=lambda c: id_order(c[0], c))


def test_the_largest_files_are_checked_first(tmp_path: Path) -> None:
    """Workers finish together when the long plans go first (equal sizes keep their order; a file gone
    since hashing goes last)."""
    from ivpcheck.batch.runner import largest_first
    from ivpcheck.batch.worker import Task

    sizes = {"a.pdf": 10, "b.pdf": 300, "c.pdf": 10, "d.pdf": 50}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    tasks = [Task(str(tmp_path / name), name) for name in [*sizes, "gone.pdf"]]
    order = [Path(t.path).name for t in largest_first(tasks)]
    assert order == ["b.pdf", "d.pdf", "a.pdf", "c.pdf", "gone.pdf"]
