"""The service's safety rules, on a real HTTP server (uvicorn in a thread) with stand-in checks.

Stand-in checks (web_fakes.quick_check) make the limits testable in seconds: a check that hangs,
one that kills its worker, one that raises, concurrent uploads beyond the queue.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from ivpcheck.web.config import ServeConfig
from ivpcheck.web.security import CSP

from .web_helpers import app_server

FAKE = "web.web_fakes:quick_check"


def upload(url: str, data: bytes, name: str = "plan.txt", path: str = "/api/check") -> httpx.Response:
    field = "bestand" if path == "/controleer" else "file"
    return httpx.post(f"{url}{path}", files={field: (name, data, "text/plain")}, timeout=120)


def leftover_files(service: object) -> list[Path]:
    return [p for p in service.temp_root.rglob("*") if p.is_file()]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def fake_server() -> Iterator[tuple[str, object]]:
    """One worker, 3 s per check, 1 MB uploads received within 3 s, at most 5 pages, no queue."""
    config = ServeConfig(
        workers=1,
        timeout=3,
        queue=0,
        max_upload_mb=1,
        upload_timeout=3,
        max_pages=5,
        check_function=FAKE,
        reports_kept=3,
    )
    with app_server(config) as running:
        yield running


def test_security_headers_on_every_response(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    for path in ("/", "/static/web.css", "/static/report.css", "/static/upload.js", "/healthz", "/nope"):
        response = httpx.get(url + path)
        assert response.headers["content-security-policy"] == CSP, path
        assert "default-src 'self'" in CSP and "frame-ancestors 'none'" in CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_page_is_dutch_and_has_a_labelled_file_input(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    html = httpx.get(url + "/").text
    assert '<html lang="nl">' in html
    assert '<label for="bestand"' in html and 'id="bestand"' in html
    assert "http://" not in html.replace(url, "") and "https://" not in html


def test_a_check_returns_the_report_and_deletes_the_upload(fake_server: tuple[str, object]) -> None:
    url, service = fake_server
    response = upload(url, b"Integraal veiligheidsplan", name="Mijn plan 2024.txt")
    assert response.status_code == 200
    report = response.json()
    assert report["input"]["path"] == "Mijn plan 2024.txt"
    assert report["band"] == "matig"
    assert leftover_files(service) == []


def test_a_hanging_check_is_stopped_and_its_worker_replaced(fake_server: tuple[str, object]) -> None:
    url, service = fake_server
    started = time.monotonic()
    response = upload(url, b"SLEEP")
    assert time.monotonic() - started < 30
    assert response.status_code == 422
    assert response.json()["error"] == "timeout"
    assert "te lang" in response.json()["message"]
    assert upload(url, b"plan").status_code == 200  # the replacement worker answers
    assert service.pool.timeouts >= 1  # type: ignore[attr-defined]
    assert leftover_files(service) == []


def test_a_crashing_worker_is_replaced(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    response = upload(url, b"CRASH")
    assert response.status_code == 500
    assert response.json()["error"] == "internal"
    assert upload(url, b"plan").status_code == 200


def test_an_exception_in_the_check_is_a_friendly_error(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    response = upload(url, b"EXPLODE", path="/controleer")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.text and "Traceback" not in response.text


def test_beyond_the_queue_the_service_says_busy(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    with ThreadPoolExecutor(4) as pool:
        slow = pool.submit(upload, url, b"SLOW")
        time.sleep(0.5)
        busy = [pool.submit(upload, url, b"plan") for _ in range(3)]
        answers = [f.result() for f in busy]
        assert slow.result().status_code == 200
    assert all(a.status_code == 503 for a in answers)
    assert "bezet, probeer het later opnieuw" in answers[0].json()["message"]
    page = upload(url, b"SLOW", path="/controleer")  # alone again: admitted
    assert page.status_code == 303


def test_busy_page_is_dutch(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(upload, url, b"SLOW")
        time.sleep(0.5)
        page = upload(url, b"plan", path="/controleer")
        slow.result()
    assert page.status_code == 503
    assert "Bezet, probeer het later opnieuw" in page.text


def test_upload_limit_is_enforced_while_streaming(fake_server: tuple[str, object]) -> None:
    url, service = fake_server
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        boundary = b"--xyz\r\n"
        yield boundary + b'Content-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
        for _ in range(3 * 16):  # 3 MB against a 1 MB limit
            sent += 65536
            yield b"a" * 65536
        yield b"\r\n--xyz--\r\n"

    headers = {"content-type": "multipart/form-data; boundary=xyz"}
    response = httpx.post(f"{url}/api/check", content=body(), headers=headers, timeout=60)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert "1 MB" in response.json()["message"]
    assert leftover_files(service) == []


def test_a_huge_declared_length_is_refused_before_reading(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    host, port = url.removeprefix("http://").split(":")
    request = (
        b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 100000000000\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request + b"--xyz\r\n")
        chunks = []
        while chunk := sock.recv(65536):  # the server answers, then closes the connection
            chunks.append(chunk)
        answer = b"".join(chunks).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "too_large" in answer


def test_a_slow_upload_is_cut_off(fake_server: tuple[str, object]) -> None:
    url, service = fake_server

    def body() -> Iterator[bytes]:
        yield b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="slow.txt"\r\n\r\n'
        for _ in range(5):
            time.sleep(1)
            yield b"a" * 1000
        yield b"\r\n--xyz--\r\n"

    headers = {"content-type": "multipart/form-data; boundary=xyz"}
    response = httpx.post(f"{url}/api/check", content=body(), headers=headers, timeout=60)
    assert response.status_code == 408
    assert response.json()["error"] == "upload_timeout"
    assert leftover_files(service) == []
    assert upload(url, b"plan").status_code == 200


def test_page_limit(fake_server: tuple[str, object]) -> None:
    url, service = fake_server
    response = upload(url, b"\f" * 9 + b"plan")
    assert response.status_code == 422
    assert response.json()["error"] == "too_many_pages"
    assert "5 pagina's" in response.json()["message"]
    assert leftover_files(service) == []


def test_empty_and_missing_files(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    assert upload(url, b"").json()["error"] == "empty"
    response = httpx.post(f"{url}/api/check", data={"x": "1"}, files={"other": ("", b"", "text/plain")})
    assert response.status_code == 400 and response.json()["error"] == "no_file"
    response = httpx.post(f"{url}/api/check", content=b"{}", headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["error"] == "bad_request"


def test_plan_text_is_escaped(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    response = upload(url, b"TITLE:<script>alert(1)</script>", path="/controleer")
    assert response.status_code == 303
    page = httpx.get(url + response.headers["location"]).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page


def test_reports_are_kept_by_unguessable_id_in_a_bounded_lru(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    locations = [upload(url, b"plan", path="/controleer").headers["location"] for _ in range(4)]
    ids = [loc.rsplit("/", 1)[-1] for loc in locations]
    assert all(len(i) >= 40 for i in ids) and len(set(ids)) == 4
    assert httpx.get(url + locations[0]).status_code == 404  # only 3 kept
    last = httpx.get(url + locations[-1])
    assert last.status_code == 200
    html = httpx.get(url + locations[-1] + "/rapport.html")
    assert html.headers["content-disposition"].startswith("attachment;")
    assert "<style>" in html.text and "<script" not in html.text
    data = httpx.get(url + locations[-1] + "/rapport.json")
    assert data.json()["band"] == "matig"
    missing = httpx.get(url + "/rapport/" + "x" * 43)
    assert missing.status_code == 404 and "Rapport niet gevonden" in missing.text


def test_unknown_api_path_is_json(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    response = httpx.get(url + "/api/nope")
    assert response.status_code == 404 and response.json()["error"] == "page_not_found"


def test_docs_need_no_external_assets(fake_server: tuple[str, object]) -> None:
    url, _ = fake_server
    docs = httpx.get(url + "/docs").text
    assert "/api/check" in docs and "cdn" not in docs.lower()
    schema = httpx.get(url + "/openapi.json").json()
    assert "/api/check" in schema["paths"] and "/api/rules" in schema["paths"]
    assert "multipart/form-data" in schema["paths"]["/api/check"]["post"]["requestBody"]["content"]
