"""The unit tests run without CKAN's pytest plugin (see tests/unit/__init__.py).

That plugin's session start loads a CKAN config (``--ckan-ini``, else
./ckan.ini, the portal's own) and builds the app, which connects to
PostgreSQL, Solr and Redis. Run on their own, the unit tests refuse to start
that way instead of touching the portal's services.
"""

from __future__ import annotations

from pathlib import Path

import pytest

UNIT_DIR = Path(__file__).resolve().parent


def _only_unit_tests(config: pytest.Config) -> bool:
    base = config.invocation_params.dir
    paths = [(base / arg.split("::")[0]).resolve() for arg in config.args]
    return bool(paths) and all(path == UNIT_DIR or UNIT_DIR in path.parents for path in paths)


def pytest_configure(config: pytest.Config) -> None:
    plugin_on = config.pluginmanager.has_plugin("ckan")
    if plugin_on and not config.getoption("ckan_ini", None) and _only_unit_tests(config):
        raise pytest.UsageError(
            "tests/unit needs no CKAN: run `pytest -p no:ckan -p no:ckan_fixtures "
            "--confcutdir=tests/unit tests/unit` (CKAN's pytest plugin would load ./ckan.ini "
            "and connect to the portal's PostgreSQL, Solr and Redis)"
        )


@pytest.fixture
def ckan_setting(monkeypatch: pytest.MonkeyPatch):
    """``ckan_setting(key, value)`` sets one key of CKAN's config for this test only."""
    import ckan.plugins.toolkit as tk

    def setting(key: str, value: str) -> None:
        monkeypatch.setitem(tk.config, key, value)

    return setting
