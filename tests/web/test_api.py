"""The JSON API of a real `ivpcheck serve`: the same reports and errors as `ivpcheck check`."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import docx
import httpx
import pytest

from ivpcheck.model.errors import INPUT_ERRORS
from ivpcheck.web.messages import TEXTS

from .web_helpers import HASH_SEED, Server, ivpcheck_command

CATEGORY_BY_EXIT = {error.exit_code: error.category for error in INPUT_ERRORS}
BAD_FILES = [
    "encrypted.pdf",
    "corrupt.pdf",
    "truncated.pdf",
    "empty.pdf",
    "not-a-pdf.pdf",
    "scan.pdf",
    "plan.odt",
    "empty.docx",
]


def cli_check(path: Path) -> subprocess.CompletedProcess[str]:
    """`ivpcheck check --format json NAME`, run in the file's folder (so input.path is the name)."""
    cmd = [*ivpcheck_command(), "check", "--format", "json", path.name]
    env = dict(os.environ, PYTHONHASHSEED=HASH_SEED)
    return subprocess.run(cmd, cwd=path.parent, capture_output=True, text=True, timeout=900, env=env)


def api_check(server: Server, path: Path) -> httpx.Response:
    with path.open("rb") as handle:
        files = {"file": (path.name, handle, "application/octet-stream")}
        return httpx.post(f"{server.url}/api/check", files=files, timeout=900)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_api_returns_the_cli_report(server: Server, kind: str, ivp_pdf: Path, ivp_docx: Path) -> None:
    path = ivp_pdf if kind == "pdf" else ivp_docx
    response = api_check(server, path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    cli = cli_check(path)
    assert cli.returncode in (0, 1), cli.stderr
    assert response.json() == json.loads(cli.stdout)
    assert response.json()["scored"] is True
    assert server.stored_files() == []


@pytest.mark.parametrize("name", BAD_FILES)
def test_api_errors_match_the_cli(server: Server, built_corpus: Path, name: str) -> None:
    path = built_corpus / "bad" / name
    response = api_check(server, path)
    body = response.json()
    cli = cli_check(path)
    assert set(body) >= {"error", "message"}
    assert body["error"] == CATEGORY_BY_EXIT.get(cli.returncode), (body, cli.returncode, cli.stderr)
    status, _, message = TEXTS[body["error"]]
    assert response.status_code == status and 400 <= status < 500
    assert body["message"].startswith(message[:40])
    assert server.stored_files() == []


def test_api_not_an_ivp(server: Server, non_ivp_pdf: Path) -> None:
    response = api_check(server, non_ivp_pdf)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "not_ivp"
    assert "geen integraal veiligheidsplan" in body["message"]
    assert body["doc_type"] != "ivp"
    assert body["report"]["scored"] is False
    forced = httpx.post(
        f"{server.url}/api/check?force=true",
        files={"file": (non_ivp_pdf.name, non_ivp_pdf.read_bytes(), "application/pdf")},
        timeout=900,
    )
    assert forced.status_code == 200 and forced.json()["scored"] is True


def test_api_rules(server: Server) -> None:
    response = httpx.get(f"{server.url}/api/rules", timeout=60)
    assert response.status_code == 200
    rules = response.json()["rules"]
    ids = {r["id"] for r in rules}
    assert {"K1", "A1", "P1", "L3"} <= ids
    k1 = next(r for r in rules if r["id"] == "K1")
    assert k1["section"] == "K" and k1["weight"] > 0 and k1["title"]


def test_healthz_and_openapi(server: Server) -> None:
    health = server.health()
    assert health["status"] == "ok" and health["ready"] == health["workers"] == 2
    schema = httpx.get(f"{server.url}/openapi.json").json()
    assert {"/api/check", "/api/rules", "/healthz"} <= set(schema["paths"])


def test_uploads_never_outlive_their_response(server: Server) -> None:
    """After every test above: nothing left in the service's temp dir, nothing written beside it."""
    assert server.stored_files() == []
    names = {p.name for p in server.tmpdir.rglob("*") if p.is_file()}
    assert not names & {*BAD_FILES, "amersfoort-2024.pdf", "kempen-2023.docx"}


def test_the_report_page_offers_the_advisors_letter(server: Server, ivp_pdf: Path) -> None:
    with ivp_pdf.open("rb") as handle:
        files = {"file": (ivp_pdf.name, handle, "application/pdf")}
        response = httpx.post(f"{server.url}/controleer", files=files, timeout=900)
    assert response.status_code == 303
    location = response.headers["location"]
    assert f'href="{location}/adviesbrief.docx"' in httpx.get(server.url + location).text
    letter = httpx.get(f"{server.url}{location}/adviesbrief.docx")
    assert letter.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert letter.headers["content-disposition"] == 'attachment; filename="amersfoort-2024-ivpcheck.docx"'
    paragraphs = [p.text for p in docx.Document(io.BytesIO(letter.content)).paragraphs]
    assert paragraphs[0] == "Aan het college van burgemeester en wethouders van Amersfoort"
    assert "Bijlage: oordeel per criterium" in paragraphs
    assert server.stored_files() == []
