"""What a shared cache (a proxy in front of the portal) may keep."""

from __future__ import annotations

import pytest
from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.mark.parametrize(
    "path",
    ["/hta-report/export.csv", "/api/3/action/package_search", "/api/3/action/status_show"],
)
def test_a_signed_in_users_answers_are_private(app, path):
    # answers CKAN builds without a template: it decided nothing for them
    user = factories.UserWithToken()

    anonymous = app.get(path)
    signed_in = app.get(path, headers={"Authorization": user["token"]})

    assert "public" in anonymous.headers["Cache-Control"]
    assert "private" in signed_in.headers["Cache-Control"]
    assert "public" not in signed_in.headers["Cache-Control"]
    # a token changes the answer as a session cookie does
    assert "Authorization" in anonymous.headers["Vary"]


def test_a_page_for_a_signed_in_user_stays_private(app):
    user = factories.UserWithToken()
    page = app.get("/scholarship/", headers={"Authorization": user["token"]})
    assert "private" in page.headers["Cache-Control"]
