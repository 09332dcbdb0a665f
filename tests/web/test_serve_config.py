"""`ivpcheck serve` reads ivpcheck.toml like `ivpcheck check`: a real server with a config file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ivpcheck.model.errors import UsageError

from .web_helpers import HASH_SEED, Server, ivpcheck_command, run_server

CONFIG = """\
ignore = ["L3"]
lang = "en"
check-date = 2025-06-01
[weights]
P1 = 7
"""


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory, built_corpus: Path) -> Iterator[Server]:
    """A server started in a folder with an ivpcheck.toml (found the way `check` finds it), and
    `--ocr never` on its command line."""
    root = tmp_path_factory.mktemp("serve-config")
    (root / "ivpcheck.toml").write_text(CONFIG, encoding="utf-8")
    with run_server(root / "tmp", "--ocr", "never", workers=1) as srv:
        yield srv


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory, built_corpus: Path) -> Path:
    """A copy of a corpus plan in a folder of its own, without a config file."""
    target = tmp_path_factory.mktemp("plan") / "amersfoort-2024.pdf"
    shutil.copy2(built_corpus / "pdf" / "amersfoort-2024.pdf", target)
    return target


def upload(server: Server, path: Path, url: str = "/api/check", field: str = "file") -> httpx.Response:
    with path.open("rb") as handle:
        files = {field: (path.name, handle, "application/pdf")}
        return httpx.post(f"{server.url}{url}", files=files, timeout=900, follow_redirects=True)


def test_api_report_uses_the_config_and_equals_check(configured: Server, plan: Path) -> None:
    response = upload(configured, plan)
    assert response.status_code == 200, response.text[:500]
    report = response.json()
    ids = {c["id"] for c in report["criteria"]}
    assert "L3" not in ids and {"K1", "P1", "L1"} <= ids
    assert next(c for c in report["criteria"] if c["id"] == "P1")["weight"] == 7
    assert (report["language"], report["check_date"]) == ("en", "2025-06-01")
    config = configured.tmpdir.parent / "ivpcheck.toml"
    cmd = [*ivpcheck_command(), "check", "--format", "json", "--config", str(config), plan.name]
    env = dict(os.environ, PYTHONHASHSEED=HASH_SEED)
    cli = subprocess.run(cmd, cwd=plan.parent, capture_output=True, text=True, timeout=900, env=env)
    assert cli.returncode in (0, 1), cli.stderr
    assert response.text.rstrip("\n") == cli.stdout.rstrip("\n")
    assert json.loads(cli.stdout) == report


def test_web_report_page_uses_the_config(configured: Server, plan: Path) -> None:
    response = upload(configured, plan, url="/controleer", field="bestand")
    assert response.status_code == 200 and "/rapport/" in str(response.url)
    page = response.text
    assert '<article class="ivp-report" lang="en">' in page
    assert '<th scope="row">L3' not in page and '<th scope="row">L1' in page
    title = r"<td>[^<]*(?:<details.*?</details>)?</td>"  # the criterion's title and its evidence
    row = rf'<th scope="row">P1\b.*?</th>\s*{title}\s*<td class="num">(\d+)</td>'
    p1 = re.search(row, page, re.S)
    assert p1 is not None and p1.group(1) == "7"


def test_api_rules_follow_the_config(configured: Server) -> None:
    rules = {r["id"]: r for r in httpx.get(f"{configured.url}/api/rules", timeout=60).json()["rules"]}
    assert "L3" not in rules and rules["P1"]["weight"] == 7


def test_ocr_option_reaches_the_checks(configured: Server, built_corpus: Path) -> None:
    scan = next((built_corpus / "scans").glob("*-150.pdf"))
    response = upload(configured, scan)
    assert (response.status_code, response.json()["error"]) == (422, "scan")


def test_broken_config_stops_serve_with_one_line(tmp_path: Path) -> None:
    config = tmp_path / "kapot.toml"
    config.write_text('ignore = "L3"\nonbekend = 1\n', encoding="utf-8")
    cmd = [*ivpcheck_command(), "serve", "--port", "0", "--config", str(config)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == UsageError.exit_code
    lines = result.stderr.strip().splitlines()
    assert (
        len(lines) == 1 and lines[0].startswith(f"ivpcheck: {config}:") and "Traceback" not in result.stderr
    )
