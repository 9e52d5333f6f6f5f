"""The portal under gunicorn for tests and benchmarks, as ``make up`` serves it.

One place for the command: config/gunicorn.conf.py with the test's ini
(``CKAN_INI``) on a loopback port, ``workers`` processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"


def start(
    ini: str | Path,
    port: int,
    workers: int = 2,
    env: dict[str, str] | None = None,
    log: IO[Any] | int | None = subprocess.DEVNULL,
) -> subprocess.Popen[bytes]:
    """gunicorn's master (its own process group) serving ``ini`` on ``port``."""
    environment = {
        **os.environ,
        **(env or {}),
        "CKAN_INI": str(Path(ini).resolve()),
        "PE_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
    }
    return subprocess.Popen(
        [str(VENV / "gunicorn"), "-c", str(ROOT / "config" / "gunicorn.conf.py")],
        env=environment,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT if log not in (None, subprocess.DEVNULL) else log,
        start_new_session=True,
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the master and its workers (gunicorn's graceful stop, then a kill)."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=35)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 90) -> None:
    """Return once ``url`` answers status_show; AssertionError if the server exits or times out."""
    import time

    import requests

    deadline = time.monotonic() + timeout
    while True:
        try:
            if requests.get(f"{url}/api/3/action/status_show", timeout=5).ok:
                return
        except requests.ConnectionError:
            pass
        assert server.poll() is None, f"the server of {url} exited"
        assert time.monotonic() < deadline, f"{url} did not answer in {timeout:.0f} s"
        time.sleep(0.5)
