"""The command line's manners: `check DIR`, `check --format concise`, `rules --format json`
(real files, real subprocesses)."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "amersfoort-2024.pdf"
DATE = ["--check-date", "2025-06-01"]
# `file:page: ID verdict — message`, the page left out when there is no evidence (ontbreekt)
CONCISE_LINE = re.compile(
    r"^(?P<file>[^:]+):(?:(?P<page>\d+):)? (?P<id>[A-Z]\d+) (?P<verdict>deels|ontbreekt) — \S"
)


def ivpcheck(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m ivpcheck ARGS` in a real subprocess, from `cwd`."""
    cmd = [sys.executable, "-m", "ivpcheck", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=600)


def test_check_dir_checks_the_documents_in_a_folder(tmp_path: Path, built_corpus: Path) -> None:
    """A folder stands for its documents (subfolders too); waiver files, other files and hidden files are
    not plans; a waiver file beside a plan still applies."""
    plans = tmp_path / "plannen"
    (plans / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, plans / SAMPLE.name)
    shutil.copy(built_corpus / "html" / "ede-2025.html", plans / "sub" / "ede-2025.html")
    (plans / "amersfoort-2024.waivers.yaml").write_text('L7: "bewust zo geschreven"\n', encoding="utf-8")
    (plans / "manifest.json").write_text("{}", encoding="utf-8")
    (plans / ".verborgen.pdf").write_bytes(b"%PDF-1.4 not a plan")
    result = ivpcheck(tmp_path, "check", "plannen", "--format", "json", *DATE)
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)  # several files: one JSON array
    names = [Path(r["input"]["path"]).name for r in reports]
    assert names == ["amersfoort-2024.pdf", "ede-2025.html"]
    l7 = next(c for c in reports[0]["criteria"] if c["id"] == "L7")
    assert l7["waived"] == "bewust zo geschreven"


def test_check_empty_dir_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    (tmp_path / "leeg" / "notities.json").write_text("{}", encoding="utf-8")
    result = ivpcheck(tmp_path, "check", "leeg")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "ivpcheck: leeg: ongeldige invoer of instelling / invalid option or setting "
        "(geen documenten in deze map / no documents in this folder)"
    )


def test_concise_one_line_per_finding(tmp_path: Path, built_corpus: Path) -> None:
    """Every criterion with an improvement point is one parseable line, in checklist order, with the page
    of its first evidence; a closing line per file; the same findings as the JSON report."""
    plans = [SAMPLE, built_corpus / "pdf" / "ede-2025.pdf"]
    result = ivpcheck(tmp_path, "check", *map(str, plans), "--format", "concise", *DATE)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "" not in lines and "Traceback" not in result.stderr
    for plan in plans:
        report = json.loads(ivpcheck(tmp_path, "check", str(plan), "--format", "json", *DATE).stdout)
        todo = [c for c in report["criteria"] if c["verdict"] in ("deels", "ontbreekt") and not c["waived"]]
        notices = (f"{plan}: Let op: ", f"{plan}: Note: ")  # a doubted document says so first
        mine = [line for line in lines if line.startswith(f"{plan}:") and not line.startswith(notices)]
        total = math.floor(report["total"] + 0.5)
        summary = f"totaalscore {total} / 100, {report['band']} · {len(todo)} verbeterpunt(en)"
        assert mine[-1] == f"{plan}: {summary}"
        found = [CONCISE_LINE.match(line) for line in mine[:-1]]
        assert all(found), mine
        assert [(m["id"], m["verdict"]) for m in found] == [(c["id"], c["verdict"]) for c in todo]
        for match, criterion in zip(found, todo, strict=True):
            pages = [e["page"] for e in criterion["evidence"] if e["page"] is not None]
            assert match["page"] == (str(pages[0]) if pages else None)
    english = ivpcheck(tmp_path, "check", str(SAMPLE), "-f", "concise", "--lang", "en", *DATE).stdout
    assert re.search(r" [A-Z]\d+ (partly|missing) — ", english) and "total score" in english


def test_rules_format_json(tmp_path: Path) -> None:
    """`rules --format json` is the whole pack as JSON; `rules ID --format json` one rule in detail."""
    listing = ivpcheck(tmp_path, "rules", "--format", "json")
    assert listing.returncode == 0, listing.stderr
    pack = json.loads(listing.stdout)
    assert pack["name"] and pack["version"]
    ids = [r["id"] for r in pack["rules"]]
    assert len(ids) == len(set(ids)) >= 40 and {"K1", "P4", "L7"} <= set(ids)
    k1 = pack["rules"][0]
    assert k1["section"] == "K" and k1["section_name"] == "Kader" and k1["kernelement"] is True
    one = ivpcheck(tmp_path, "rules", "p4", "-f", "json", "--lang", "en")
    assert one.returncode == 0, one.stderr
    p4 = json.loads(one.stdout)
    assert p4["id"] == "P4" and p4["title"] == "SMART goals"
    assert set(p4["decide"]) <= {"n.v.t.", "voldoet", "deels", "ontbreekt"} and p4["improvement"]["ontbreekt"]
    unknown = ivpcheck(tmp_path, "rules", "P44", "-f", "json")
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert "onbekende regel 'P44'; bedoelde u P4?" in unknown.stderr
