"""A pycsw CSW server of the test's own: its own state directory, port and public URL.

It is started and stopped by ``scripts/pycsw.sh up`` / ``down`` with
``PYCSW_STATE_DIR``, ``PYCSW_PORT`` and ``PYCSW_PUBLIC_URL`` set, so a test runs
exactly what ``make services`` runs (the ``.venv-pycsw`` virtualenv, the
configurations of ``deploy/pycsw/configure.py``, gunicorn serving
``deploy/pycsw/wsgi.py``), beside the suite's own instance and without touching it:

* ``url``          the public CSW (``/csw``), read-only;
* ``manager_url``  CSW-T Transactions (``/manager``), with header
  ``X-CSW-Manager-Token: <manager_token>``.

The state directory holds the SQLite repository: a new directory is an empty
catalogue.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "pycsw.sh"
TOKEN_HEADER = "X-CSW-Manager-Token"


class PycswServer:
    """``PycswServer(state_dir, port, public_url)``: ``start()``, ``stop()``, ``url``,
    ``manager_url``, ``manager_token``; also a context manager."""

    def __init__(self, state_dir: Path, port: int, public_url: str) -> None:
        self.state_dir = Path(state_dir).resolve()
        self.port = port
        self.public_url = public_url
        self.url = f"http://127.0.0.1:{port}/csw"
        self.manager_url = f"http://127.0.0.1:{port}/manager"

    def _run(self, command: str, timeout: float) -> None:
        env = {
            **os.environ,
            "PYCSW_STATE_DIR": str(self.state_dir),
            "PYCSW_PORT": str(self.port),
            "PYCSW_PUBLIC_URL": self.public_url,
        }
        result = subprocess.run(
            ["bash", str(SCRIPT), command],
            env=env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"scripts/pycsw.sh {command} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}"
            )

    def start(self, timeout: float = 600) -> None:
        """Install if needed, configure and serve; returns once GetCapabilities answers.
        The time allows for a first install of ``.venv-pycsw``."""
        self._run("up", timeout)

    def stop(self, timeout: float = 60) -> None:
        self._run("down", timeout)

    @property
    def manager_token(self) -> str:
        """The secret of ``manager_url`` (made by the first ``start()``)."""
        return (self.state_dir / "manager-token").read_text(encoding="utf-8").strip()

    @property
    def manager_headers(self) -> dict[str, str]:
        return {TOKEN_HEADER: self.manager_token}

    def __enter__(self) -> PycswServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
