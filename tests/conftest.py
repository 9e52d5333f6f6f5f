"""Fixtures shared by the suite's tests (CKAN's pytest plugin provides the rest).

Every test runs against the real services of test.ini: PostgreSQL, Redis and
Solr started by `make test`. A missing service fails the test; nothing is mocked.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from ckan.tests import factories


@pytest.fixture
def clean_db(reset_db: Any, migrate_db_for: Any) -> None:
    """CKAN's clean_db, plus the tables of the activity plugin (enabled by the suite)."""
    reset_db()
    migrate_db_for("activity")


@pytest.fixture
def editor_org() -> dict[str, Any]:
    """An organization with a user who is its editor: ``{"org": ..., "user": ...}``."""
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    return {"org": org, "user": user}


@pytest.fixture
def create_as_editor(editor_org: dict[str, Any]) -> Any:
    """``create_as_editor(type, default_name)`` -> a function creating that type as the editor.

    Overrides replace the sample's fields (None leaves one out); a dict ``spatial``
    is sent as GeoJSON text, as API clients do.
    """
    from ckan.tests.helpers import call_action

    from harness.sample import dataset_dict

    org, user = editor_org["org"], editor_org["user"]

    def factory(dataset_type: str, default_name: str) -> Any:
        def create(name: str = default_name, **overrides: Any) -> dict[str, Any]:
            data = dataset_dict(dataset_type, org["id"], name=name, **overrides)
            data = {k: v for k, v in data.items() if v is not None}
            if isinstance(data.get("spatial"), dict):
                data["spatial"] = json.dumps(data["spatial"])
            context = {"user": user["name"], "ignore_auth": False}
            return call_action("package_create", context=context, **data)

        return create

    return factory
