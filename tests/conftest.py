"""Fixtures shared by the suite's tests (CKAN's pytest plugin provides the rest).

Every test runs against the real services of test.ini: PostgreSQL, Redis and
Solr started by `make test`. A missing service fails the test; nothing is mocked.
"""

from __future__ import annotations

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
