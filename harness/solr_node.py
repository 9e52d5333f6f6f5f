"""A Solr node of the test's own, which the test may stop and start again.

It runs the same Solr jars and the same ``ckan`` configset as the suite's main
node (``scripts/solr.sh``: CKAN's ``schema.xml`` plus the spatial fields), from
``solr/LocalSolr.java``, on a free loopback port, with one core named ``ckan``.
Stopping it is a real outage: the JVM is killed and its port closes.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLR_STATE = ROOT / ".state" / "solr"
CONFIGSET = SOLR_STATE / "home" / "configsets" / "ckan" / "conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class SolrNode:
    """``SolrNode(home)``: ``start()``, ``stop()``, ``url`` of its ``ckan`` core."""

    def __init__(self, home: Path) -> None:
        if not CONFIGSET.is_dir():
            raise RuntimeError(f"{CONFIGSET} is missing: run `make services` (scripts/solr.sh)")
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/solr/ckan"
        self.process: subprocess.Popen[bytes] | None = None
        shutil.copy(ROOT / "solr" / "solr.xml", home / "solr.xml")
        shutil.copytree(CONFIGSET, home / "configsets" / "ckan" / "conf")
        (home / "ckan").mkdir()
        (home / "ckan" / "core.properties").write_text("name=ckan\nconfigSet=ckan\n")

    def start(self, seconds: float = 120) -> None:
        log = open(self.home / "solr.log", "ab")  # noqa: SIM115 (the child keeps it)
        self.process = subprocess.Popen(
            [
                "java",
                "-Xms128m",
                "-Xmx512m",
                f"-Dlog4j2.configurationFile={ROOT / 'solr' / 'log4j2.xml'}",
                f"-Dsolr.log.dir={self.home / 'logs'}",
                "-cp",
                f"{SOLR_STATE / 'lib'}/*",
                str(ROOT / "solr" / "LocalSolr.java"),
                "node",
                str(self.port),
                str(self.home),
            ],
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + seconds
        while not answers(f"{self.url}/admin/ping"):
            if self.process.poll() is not None:
                raise RuntimeError(f"Solr exited: see {self.home / 'solr.log'}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Solr did not answer within {seconds}s")
            time.sleep(0.3)

    def pause(self) -> None:
        """A hung Solr: the JVM is stopped (SIGSTOP); its port still accepts
        connections, and nothing answers them."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        self.process = None
        deadline = time.monotonic() + 30
        while answers(f"{self.url}/admin/ping") and time.monotonic() < deadline:
            time.sleep(0.2)
