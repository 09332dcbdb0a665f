"""Issue 17, bounded and unbreakable: hostile names, inputs, databases and outputs end in one line and a
documented exit code, never a traceback. Every command runs as a real subprocess on real files."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import batch_exit_code

from ivpcheck.model.settings import DEFAULT_RULES_DIR
from ivpcheck.run.warm import pdf_from_objects

ROOT = Path(__file__).resolve().parent.parent
ODD = b"plan-\xff.html"  # a file name that is not valid UTF-8
ODD_SHOWN = "plan-\\xff.html"


def ivpcheck(*args: str | bytes | Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `python -m ivpcheck ARGS` from this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    cmd = [os.fsencode(sys.executable), b"-m", b"ivpcheck", *(os.fsencode(a) for a in args)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def odd_folder(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two plans: one under a name that is not UTF-8 (first), one under a plain name (second)."""
    folder = tmp_path_factory.mktemp("names")
    shutil.copy(built_corpus / "html" / "amersfoort-2024.html", os.path.join(os.fsencode(folder), ODD))
    shutil.copy(built_corpus / "html" / "ede-2025.html", folder / "zz-ede.html")
    return folder


def odd(folder: Path) -> bytes:
    return os.path.join(os.fsencode(folder), ODD)


def test_check_json_shows_an_undecodable_name_escaped_and_checks_the_next_file(odd_folder: Path) -> None:
    result = ivpcheck("check", "--format", "json", odd(odd_folder), odd_folder / "zz-ede.html")
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)  # several files: one JSON array
    assert [r["input"]["path"] for r in reports] == [f"{odd_folder}/{ODD_SHOWN}", f"{odd_folder}/zz-ede.html"]
    assert all(r["scored"] and r["total"] > 0 for r in reports)


def test_read_json_names_the_source_escaped(odd_folder: Path) -> None:
    result = ivpcheck("read", "--format", "json", odd(odd_folder))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"] == f"{odd_folder}/{ODD_SHOWN}"
    assert doc["headings"]


def test_check_to_a_folder_writes_every_report(odd_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = ivpcheck("check", "--format", "json", "-o", out, odd(odd_folder), odd_folder / "zz-ede.html")
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    written = sorted(os.listdir(os.fsencode(out)))
    assert written == [b"plan-\xff.json", b"zz-ede.json"]
    with open(os.path.join(os.fsencode(out), b"plan-\xff.json"), encoding="utf-8") as handle:
        report = json.load(handle)
    assert report["input"]["path"] == f"{odd_folder}/{ODD_SHOWN}"


def test_batch_stores_an_undecodable_name_and_resumes_past_it(odd_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "ivp.sqlite"
    first = ivpcheck("batch", odd_folder, "--db", db, "-j", "1")
    assert_no_traceback(first)
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT path, status FROM results"))
    assert rows == {f"{odd_folder}/{ODD_SHOWN}": "scored", f"{odd_folder}/zz-ede.html": "scored"}
    again = ivpcheck("batch", odd_folder, "--db", db, "-j", "1")
    assert_no_traceback(again)
    assert again.returncode == 0, again.stderr
    assert "overgeslagen (al opgeslagen):  2" in again.stdout + again.stderr
    export = ivpcheck("export", "--db", db, "-o", tmp_path / "plans.csv")
    assert export.returncode == 0, export.stderr
    assert ODD_SHOWN in (tmp_path / "plans.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("depth", [600, 100_000])
def test_html_nested_hundreds_of_levels_deep_is_read(tmp_path: Path, depth: int) -> None:
    page = tmp_path / "diep.html"
    page.write_text(
        "<html><head><title>Integraal Veiligheidsplan</title></head><body>"
        "<h1>Integraal Veiligheidsplan 2024-2027</h1>"
        + "<div><span>" * depth
        + "<p>De gemeente Ede pakt ondermijning aan.</p>"
        + "</span></div>" * depth
        + "<p>Vastgesteld door de raad.</p></body></html>",
        encoding="utf-8",
    )
    result = ivpcheck("read", "--format", "json", page)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    texts = [block["text"] for block in json.loads(result.stdout)["blocks"]]
    assert texts == [
        "Integraal Veiligheidsplan 2024-2027",
        "De gemeente Ede pakt ondermijning aan.",
        "Vastgesteld door de raad.",
    ]


def test_check_scores_a_deeply_nested_page(tmp_path: Path) -> None:
    page = tmp_path / "diep.html"
    body = "<h1>Integraal Veiligheidsplan 2024-2027</h1><p>De gemeente Ede pakt ondermijning aan.</p>"
    page.write_text(f"<html><body>{'<div>' * 600}{body}{'</div>' * 600}</body></html>", encoding="utf-8")
    result = ivpcheck("check", "--force", "--format", "json", page)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["scored"] and len(report["criteria"]) > 30


@pytest.fixture(scope="module")
def batch_db(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real batch database: the corpus's HTML plans and bad files, scored by `ivpcheck batch`."""
    folder = tmp_path_factory.mktemp("batch") / "plans"
    folder.mkdir()
    for path in [*(built_corpus / "html").glob("*.html"), *(built_corpus / "bad").iterdir()]:
        shutil.copy(path, folder / path.name)
    db = folder.parent / "ivp.sqlite"
    result = ivpcheck("batch", folder, "--db", db, "-j", "2")
    assert result.returncode == batch_exit_code(result.stdout) == 1, result.stderr  # the bad files failed
    return db


@pytest.fixture()
def corrupt_db(batch_db: Path, tmp_path: Path) -> Path:
    """A copy of the real database with 32 KiB in its middle overwritten (damaged b-tree pages)."""
    db = tmp_path / "beschadigd.sqlite"
    data = bytearray(batch_db.read_bytes())
    assert len(data) > 200_000  # many pages: the damage lands inside the tables, not in the header
    middle = len(data) // 2
    data[middle : middle + 32768] = b"\xa5" * 32768
    db.write_bytes(bytes(data))
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["batch", "{plans}", "--db", "{db}", "-j", "1"],
        ["export", "--db", "{db}"],
        ["analyse", "--db", "{db}", "-o", "{tmp}/analyse"],
        ["merge", "{tmp}/samen.sqlite", "{db}"],
    ],
    ids=["batch", "export", "analyse", "merge"],
)
def test_a_corrupt_database_is_one_line_and_exit_19(
    corrupt_db: Path, batch_db: Path, tmp_path: Path, command: list[str]
) -> None:
    fill = {"db": str(corrupt_db), "plans": str(batch_db.parent / "plans"), "tmp": str(tmp_path)}
    result = ivpcheck(*(part.format(**fill) for part in command))
    assert_no_traceback(result)
    assert result.returncode == 19, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ivpcheck: {corrupt_db}: batchdatabase is beschadigd")
    assert "overgeslagen" not in result.stdout  # no summary that pretends the run went well


def test_the_intact_database_still_exports(batch_db: Path, tmp_path: Path) -> None:
    result = ivpcheck("export", "--db", batch_db, "-o", tmp_path / "plans.csv")
    assert result.returncode == 0, result.stderr
    assert len((tmp_path / "plans.csv").read_text(encoding="utf-8").splitlines()) > 10


@pytest.fixture()
def a_file(tmp_path: Path) -> Path:
    """A plain file where a command would need a folder."""
    path = tmp_path / "bestand"
    path.write_text("in de weg\n", encoding="utf-8")
    return path


def unwritable(result: subprocess.CompletedProcess[str], target: str | Path) -> None:
    """The run ended with the one-line output error (exit 20) naming `target`."""
    assert_no_traceback(result)
    assert result.returncode == 20, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ivpcheck: {target}: kan niet worden geschreven")


def test_check_output_to_a_full_disk_or_below_a_file(odd_folder: Path, a_file: Path) -> None:
    plan = odd_folder / "zz-ede.html"
    unwritable(ivpcheck("check", "-o", "/dev/full", plan), "/dev/full")
    result = ivpcheck("check", "-o", a_file / "rapport.txt", plan)
    unwritable(result, a_file / "rapport.txt")
    assert f"{a_file} is een bestand, geen map" in result.stderr
    unwritable(ivpcheck("check", "-o", a_file, plan, odd(odd_folder)), a_file)


def test_batch_database_on_a_full_disk_or_below_a_file(odd_folder: Path, a_file: Path) -> None:
    plan = odd_folder / "zz-ede.html"
    unwritable(ivpcheck("batch", plan, "--db", "/dev/full", "-j", "1"), "/dev/full")
    unwritable(ivpcheck("batch", plan, "--db", a_file / "ivp.sqlite", "-j", "1"), a_file / "ivp.sqlite")


def test_export_and_analyse_to_unwritable_targets(batch_db: Path, a_file: Path) -> None:
    unwritable(ivpcheck("export", "--db", batch_db, "-o", a_file / "plans.csv"), a_file / "plans.csv")
    unwritable(ivpcheck("export", "--db", batch_db, "-o", a_file / "uit"), a_file / "uit")
    unwritable(ivpcheck("analyse", "--db", batch_db, "-o", a_file / "analyse"), a_file / "analyse")
    unwritable(ivpcheck("export", "--db", batch_db, "-o", "/dev/full"), "/dev/full")


def test_check_stops_a_file_after_its_time_limit_and_goes_on(odd_folder: Path) -> None:
    plans = [odd_folder / "zz-ede.html", odd(odd_folder)]
    result = ivpcheck("check", "--timeout", "0.01", "--format", "json", *plans)
    assert_no_traceback(result)
    assert result.returncode == 18, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"ivpcheck: {odd_folder}/zz-ede.html: verwerking duurde te lang en is afgebroken / "
        "processing took too long and was stopped (> 0.01 s)",
        f"ivpcheck: {odd_folder}/{ODD_SHOWN}: verwerking duurde te lang en is afgebroken / "
        "processing took too long and was stopped (> 0.01 s)",
    ]
    records = json.loads(result.stdout)  # several files: one array, here of error records
    assert [r["error"]["exit_code"] for r in records] == [18, 18]
    generous = ivpcheck("check", "--timeout", "120", "--format", "json", *plans)
    assert generous.returncode == 0, generous.stderr
    assert [r["scored"] for r in json.loads(generous.stdout)] == [True, True]


def deflate_bomb(inflated_mib: int) -> bytes:
    """zlib data that inflates to `inflated_mib` MiB of spaces, built without compressing them all: after
    a full flush the compressor starts afresh, so every flushed 1 MiB block is the same bytes."""
    chunk = b" " * (1 << 20)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(inflated_mib):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + block * inflated_mib + raw.flush() + adler.to_bytes(4, "big")


def bomb_pdf(path: Path, inflated_mib: int) -> None:
    """A one-page PDF whose content stream (deflated twice) inflates to `inflated_mib` MiB."""
    stream = zlib.compress(deflate_bomb(inflated_mib), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
    ]
    path.write_bytes(pdf_from_objects(objects))


def test_a_decompression_bomb_stops_at_the_memory_limit(built_corpus: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bom.pdf"
    bomb_pdf(bomb, 2500)  # 2.5 GB of content stream
    assert bomb.stat().st_size < 500_000
    plan = built_corpus / "pdf" / "hof-van-twente-2019.pdf"
    result = ivpcheck("check", "--max-memory", "1024", "--format", "json", bomb, plan)
    assert_no_traceback(result)
    assert result.returncode == 21, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"ivpcheck: {bomb}: verwerking vroeg te veel geheugen en is afgebroken")
    failed, report = json.loads(result.stdout)  # the next file is checked as usual, under the same limit
    assert failed["error"]["exit_code"] == 21
    assert report["input"]["path"] == str(plan) and report["scored"]


def test_batch_workers_work_under_the_memory_limit(built_corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    bomb_pdf(folder / "bom.pdf", 2500)
    shutil.copy(built_corpus / "pdf" / "hof-van-twente-2019.pdf", folder / "plan.pdf")
    db = tmp_path / "ivp.sqlite"
    result = ivpcheck("batch", folder, "--db", db, "-j", "1", "--max-memory", "1024")
    assert_no_traceback(result)
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT path, COALESCE(category, status) FROM results"))
    assert rows == {str(folder / "bom.pdf"): "memory", str(folder / "plan.pdf"): "scored"}


def broken_rules(tmp_path: Path, file: str, edit: Callable[[bytes], bytes]) -> Path:
    """A copy of the rule pack with one file changed by `edit`."""
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    target = rules / file
    changed = edit(target.read_bytes())
    assert changed != target.read_bytes()
    target.write_bytes(changed)
    return rules


DEEP = b"(" * 3000 + b"artikel" + b")" * 3000


def _alias_bomb(level: int) -> bytes:
    """A YAML flow sequence of nine copies of the level below, by alias: `level` 8 is a few hundred
    bytes that expand to 387 million values."""
    if level == 0:
        return b"&b0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]"
    return b"&b%d [%s%s]" % (level, _alias_bomb(level - 1), b", *b%d" % (level - 1) * 8)


def _with_alias_bomb(data: bytes) -> bytes:
    """A rule file with the alias bomb as the first of a rule's 'voldoet' examples."""
    examples = b"    examples:\n      voldoet:\n"
    return data.replace(examples, examples + b"        - " + _alias_bomb(8) + b"\n", 1)


BROKEN_RULES = {
    "invalid-regex": (
        "cues/period.yaml",
        lambda data: data.replace(b'"tussen\\\\s*$"', b'"tussen(["', 1),
        "cue-woorden: cues 'period', lijst 'other': ongeldig patroon 'tussen(['",
    ),
    "not-utf8": (
        "vocab/deferral.yaml",
        lambda data: data + b"\n# \xff\xfe\n",
        "geen UTF-8-tekst op lijn",
    ),
    "nested-decide": (
        "ccv/k-kader.yaml",
        lambda data: data.replace(b"voldoet: artikel or politiewet", b'voldoet: "' + DEEP + b'"', 1),
        "regel K1, veld decide.voldoet: voorwaarde is dieper genest dan 50 niveaus",
    ),
    "alias-bomb": (
        "ccv/k-kader.yaml",
        _with_alias_bomb,
        "meer dan 100000 waarden na het uitvouwen van YAML-aliassen",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_RULES))
def test_a_broken_rule_file_is_named_with_its_field(odd_folder: Path, tmp_path: Path, case: str) -> None:
    file, edit, detail = BROKEN_RULES[case]
    rules = broken_rules(tmp_path, file, edit)
    result = ivpcheck("check", "--rules", rules, "--replace-rules", odd_folder / "zz-ede.html")
    assert_no_traceback(result)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"ivpcheck: {rules / file}: ongeldig regelbestand / invalid rule file ")
    assert f"({detail}" in lines[0]
    assert "zz-ede" not in lines[0]


def test_rules_listing_refuses_an_alias_bomb_at_once(tmp_path: Path) -> None:
    rules = broken_rules(tmp_path, "ccv/k-kader.yaml", _with_alias_bomb)
    started = time.monotonic()
    result = ivpcheck("rules", "--rules", rules, "--replace-rules", "--format", "json")
    assert_no_traceback(result)
    assert result.returncode == 2 and result.stdout == ""
    assert "YAML-aliassen" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 30


FUZZ_SEED = 17
FUZZ_SOURCES = [
    "pdf/amersfoort-2024.pdf",
    "docx/kempen-2023.docx",
    "html/ede-2025.html",
    "pdf/almelo-2023.pdf",
]
FUZZ_EXIT_CODES = {0, 1, 11, 12, 13, 14, 15, 16, 17, 18, 21}


def _mutations(data: bytes, rng: random.Random) -> list[bytes]:
    """Six damaged copies of a file: flipped bytes, a cut, a repeated block, zeroed and shuffled runs."""
    size = len(data)

    def flipped(count: int) -> bytes:
        out = bytearray(data)
        for _ in range(count):
            out[rng.randrange(size)] = rng.randrange(256)
        return bytes(out)

    start = rng.randrange(size // 2)
    block = data[start : start + rng.randrange(64, 4096)]
    zero_at = rng.randrange(size)
    chunks = [data[i : i + 512] for i in range(0, size, 512)]
    middle = chunks[1:-1]
    rng.shuffle(middle)
    return [
        flipped(10),
        flipped(500),
        data[: rng.randrange(size // 10, size)],
        data[:start] + block * 50 + data[start:],
        data[:zero_at] + b"\0" * 2048 + data[zero_at + 2048 :],
        chunks[0] + b"".join(middle) + chunks[-1],
    ]


def test_mutated_corpus_files_each_end_in_one_line_within_their_limit(
    built_corpus: Path, tmp_path: Path
) -> None:
    """Fuzzing the readers with damaged copies of corpus files (a fixed seed): every file ends in a
    report or in one documented error line, each within the time limit, never a traceback."""
    rng = random.Random(FUZZ_SEED)
    folder = tmp_path / "fuzz"
    folder.mkdir()
    for source in FUZZ_SOURCES:
        path = built_corpus / source
        for index, damaged in enumerate(_mutations(path.read_bytes(), rng)):
            (folder / f"{path.stem}-{index}{path.suffix}").write_bytes(damaged)
    files = sorted(folder.iterdir())
    started = time.monotonic()
    result = ivpcheck("check", folder, "--format", "concise", "--force", "--timeout", "20", timeout=900)
    assert_no_traceback(result)
    assert result.returncode in FUZZ_EXIT_CODES, result.stderr
    errors = result.stderr.strip().splitlines()
    closing = [line for line in result.stdout.splitlines() if "totaalscore" in line]
    assert len(errors) + len(closing) == len(files), (errors, closing)
    assert all(line.startswith("ivpcheck: ") for line in errors)
    assert time.monotonic() - started < 20 * len(files)
