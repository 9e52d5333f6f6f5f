"""The portal as production serves it: gunicorn workers, the body limit, the job worker.

Real processes on a free loopback port, with test.ini's services: gunicorn with
config/gunicorn.conf.py (what `make up` runs) and `ckan jobs worker`.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from ckan.lib import jobs

from harness import wsgi_server
from harness.solr_node import free_port

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"


def wait_until(check, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def request(port: int, method: str, path: str, body: bytes | None = None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def ini(pytestconfig) -> str:
    """The configuration file this test session runs with (--ckan-ini)."""
    return str(Path(pytestconfig.getoption("ckan_ini")).resolve())


@pytest.fixture(scope="module")
def gunicorn(ini):
    port = free_port()
    logs = ROOT / ".state" / "logs"
    logs.mkdir(parents=True, exist_ok=True)  # a clone whose services run elsewhere has none
    log = open(logs / "test-gunicorn.log", "ab")  # noqa: SIM115
    proc = wsgi_server.start(ini, port, workers=2, log=log)

    def answers() -> bool:
        assert proc.poll() is None, "gunicorn exited: see .state/logs/test-gunicorn.log"
        try:
            return request(port, "GET", "/api/3/action/status_show")[0] == 200
        except OSError:
            return False

    wait_until(answers)
    yield proc, port
    wsgi_server.stop(proc)
    log.close()


def test_gunicorn_serves_with_its_workers_and_refuses_a_body_over_the_limit(gunicorn):
    proc, port = gunicorn
    workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
    assert len(workers.stdout.split()) == 2
    status, _, body = request(port, "GET", "/health")
    assert status == 200 and json.loads(body)["services"]["solr"] == "ok"
    status, _, body = request(port, "GET", "/scholarship/")
    assert status == 200 and "Becas y créditos" in body.decode()

    # a body announced over the limit is refused before it is read
    limit = 105906176  # ckanext.pe_catalog.max_request_size's default
    status, _, body = request(
        port, "POST", "/api/3/action/package_create", body=b"{}",
        headers={"Content-Length": str(limit + 1), "Content-Type": "application/json"},
    )  # fmt: skip
    assert status == 413, body[:300]
    assert json.loads(body)["error"]["message"].startswith("La solicitud supera los 101 MB")

    # a chunked body (no length announced) read up to the limit, then refused
    def chunks():
        block = b"0" * (1024 * 1024)
        for _ in range(102):
            yield block

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "POST", "/api/3/action/package_create", body=chunks(), encode_chunked=True,
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    response = conn.getresponse()
    assert response.status == 413, response.read()[:500]
    assert json.loads(response.read())["error"]["__type"] == "Request Too Large"
    conn.close()
    # a chunk size that is not hexadecimal: the body cannot be read
    with socket.create_connection(("127.0.0.1", port), timeout=60) as raw:
        raw.sendall(
            b"POST /api/3/action/package_search HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"zz\r\n{}\r\n0\r\n\r\n"
        )
        first_line = raw.recv(200).split(b"\r\n")[0]
    assert first_line.split()[1] == b"400", first_line
    # a request line over gunicorn's limit
    status, _, _ = request(port, "GET", "/dataset/?q=" + "a" * 9000)
    assert status == 414


def test_the_job_worker_runs_queued_jobs(tmp_path, ini):
    done = tmp_path / "done"
    jobs.enqueue(os.mkdir, [str(done)], title="serving test")  # any importable callable
    # --burst: the worker runs what is queued, then exits
    worker = subprocess.run(
        [str(VENV / "ckan"), "-c", ini, "jobs", "worker", "--burst"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stdout + worker.stderr
    assert done.is_dir(), worker.stdout + worker.stderr
