"""More CKAN 2.12 instances on this machine, for the harvesting tests and benchmark.

Each instance has its own configuration file (test.ini plus what differs), its
own PostgreSQL database and Solr core (created by `make services`), and talks
to the same PostgreSQL, Solr and Redis servers. It runs as separate processes:
``ckan`` commands, an HTTP server, and :mod:`harness.instance_driver`.
"""

from __future__ import annotations

import configparser
import contextlib
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests

from harness import wsgi_server

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def suite_plugins() -> list[str]:
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "config" / "suite.ini")
    return config["app:main"]["ckan.plugins"].split()


class CkanInstance:
    def __init__(
        self,
        name: str,
        workdir: Path,
        redis_db: int,
        extra_plugins: tuple[str, ...] = (),
        *,
        plugins: tuple[str, ...] | None = None,
        database: str | None = None,
    ) -> None:
        """An instance running the suite's plugins and ``extra_plugins``, or
        only ``plugins`` when given; ``database`` names the PostgreSQL database
        and Solr core (``ckan_harvest_<name>`` unless another instance's are
        reused)."""
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ini = workdir / f"{name}.ini"
        self.log = workdir / f"{name}.log"
        database = database or f"ckan_harvest_{name}"
        loaded = list(plugins) if plugins is not None else suite_plugins() + list(extra_plugins)
        self.ini.write_text(
            "\n".join(
                [
                    "[app:main]",
                    f"use = config:{ROOT / 'test.ini'}",
                    f"ckan.plugins = {' '.join(loaded)}",
                    f"ckan.site_url = {self.url}",
                    f"ckan.site_id = pe-catalog-{name}",
                    f"sqlalchemy.url = postgresql://ckan:ckan@127.0.0.1:5432/{database}",
                    f"solr_url = http://127.0.0.1:8983/solr/{database}",
                    f"ckan.redis.url = redis://127.0.0.1:6379/{redis_db}",
                    f"ckan.storage_path = {workdir / name}-storage",
                    "",
                ]
            )
        )

    def _run(self, *command: str | Path) -> str:
        done = subprocess.run(
            [str(c) for c in command], cwd=ROOT, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{self.name}: {' '.join(map(str, command))}\n{done.stderr[-4000:]}")
        return done.stdout

    def ckan(self, *args: str) -> str:
        return self._run(BIN / "ckan", "-c", self.ini, *args)

    def driver(self, command: str, *args: Any) -> Any:
        values = [a if isinstance(a, str) else json.dumps(a) for a in args]
        output = self._run(
            sys.executable, "-m", "harness.instance_driver", self.ini, command, *values
        )
        return json.loads(output)

    def action(self, action_name: str, /, **data: Any) -> Any:
        return self.driver("action", action_name, data)

    def reset(self) -> None:
        """An empty catalog: tables recreated, search index cleared."""
        self.ckan("db", "clean", "--yes")
        self.ckan("db", "init")
        self.ckan("search-index", "clear")

    @contextlib.contextmanager
    def serve(self) -> Iterator[CkanInstance]:
        with self.log.open("w") as log:
            server = wsgi_server.start(self.ini, self.port, log=log)
            try:
                self._wait_until_up(server)
                yield self
            finally:
                wsgi_server.stop(server)

    def _wait_until_up(self, server: subprocess.Popen) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"{self.name} did not start: see {self.log}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{self.url}/api/3/action/status_show", timeout=5).ok:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer within 60 s: see {self.log}")
