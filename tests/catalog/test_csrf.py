"""CSRF protection as a browser session meets it (ckanext/pe_catalog/session_csrf.py).

Each test drives a real session: it signs in through the login form, keeps the
session cookie, then sends state-changing requests with and without the token.
Before that, anonymous and token-authenticated requests reach the same views:
in CKAN 2.12.0 such a request exempted the view from CSRF protection for the
rest of the process.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action

from harness.sample import dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "una-clave-larga-2026"
FIELD = "_csrf_token"


def _token(app: Any, url: str) -> str:
    """The CSRF token of the first form on the page, as a browser would send it."""
    field = BeautifulSoup(app.get(url).body, "html.parser").find("input", {"name": FIELD})
    assert field is not None, f"{url} has no CSRF field"
    return str(field["value"])


def _exempt_views_as_core_would(app: Any, token: str) -> None:
    """Anonymous and API-token requests to the views the tests use (see the module doc)."""
    app.get("/user/login")
    app.post("/user/login", data={"login": "nadie", "password": "x"})
    app.post("/api/3/action/package_search", json={})
    app.post("/api/3/action/package_patch", json={}, headers={"Authorization": token})
    app.post("/dataset/delete/no-existe", headers={"Authorization": token})


@pytest.fixture
def session(app: Any, editor_org: dict[str, Any]) -> dict[str, Any]:
    """An editor with a report, signed in through the form by ``app``'s cookie session."""
    user = factories.User(password=PASSWORD)
    call_action(
        "organization_member_create",
        id=editor_org["org"]["id"],
        username=user["name"],
        role="editor",
    )
    report = call_action(
        "package_create",
        context={"user": user["name"], "ignore_auth": False},
        **dataset_dict("hta-report", editor_org["org"]["id"], name="informe-csrf"),
    )
    api_token = factories.APIToken(user=user["name"])["token"]
    _exempt_views_as_core_would(app, api_token)
    response = app.post(
        "/user/login",
        data={"login": user["name"], "password": PASSWORD, FIELD: _token(app, "/user/login")},
        follow_redirects=False,
    )
    assert response.status_code == 302, response.body
    assert user["name"] in app.get("/dashboard/datasets").body
    return {"user": user, "report": report, "token": api_token}


def test_login_form_without_token_is_refused(app: Any) -> None:
    user = factories.User(password=PASSWORD)
    app.get("/user/login")  # CKAN 2.12.0 exempted the login view from here on
    response = app.post(
        "/user/login", data={"login": user["name"], "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 400
    assert "Recargue la página" in response.body
    assert user["name"] not in app.get("/dashboard/datasets", follow_redirects=True).body


def test_form_post_needs_the_token(app: Any, session: dict[str, Any]) -> None:
    name = session["report"]["name"]
    refused = app.post(f"/dataset/delete/{name}", data={"delete": "yes"}, follow_redirects=False)
    assert refused.status_code == 400
    assert call_action("package_show", id=name)["state"] == "active"

    token = _token(app, f"/dataset/delete/{name}")
    done = app.post(
        f"/dataset/delete/{name}", data={"delete": "yes", FIELD: token}, follow_redirects=False
    )
    assert done.status_code == 302
    assert call_action("package_show", id=name)["state"] == "deleted"


def test_api_post_by_session_cookie_needs_the_token(app: Any, session: dict[str, Any]) -> None:
    report = session["report"]
    patch = {"id": report["id"], "title": "Cambiado por otro sitio"}
    refused = app.post("/api/3/action/package_patch", json=patch)
    assert refused.status_code == 400
    assert refused.json["error"]["__type"] == "CSRF Error"
    assert call_action("package_show", id=report["id"])["title"] == report["title"]

    token = _token(app, f"/dataset/delete/{report['name']}")
    done = app.post("/api/3/action/package_patch", json=patch, headers={"X-CSRFToken": token})
    assert done.status_code == 200, done.body
    assert call_action("package_show", id=report["id"])["title"] == "Cambiado por otro sitio"


def test_api_token_calls_need_no_csrf_token(app: Any, session: dict[str, Any]) -> None:
    report = session["report"]
    script = app.test_client()  # no browser session: no cookie
    done = script.post(
        "/api/3/action/package_patch",
        json={"id": report["id"], "title": "Por script"},
        headers={"Authorization": session["token"]},
    )
    assert done.status_code == 200, done.body
    assert call_action("package_show", id=report["id"])["title"] == "Por script"


def test_anonymous_api_posts_need_no_csrf_token(app: Any, session: dict[str, Any]) -> None:
    found = app.test_client().post("/api/3/action/package_search", json={"q": "informe-csrf"})
    assert found.status_code == 200
    assert found.json["result"]["count"] == 1


def test_signing_out_by_get_is_refused(app: Any, session: dict[str, Any]) -> None:
    """An image on another site pointing at /user/_logout signed anyone out."""
    assert app.get("/user/_logout", follow_redirects=False).status_code == 405
    assert session["user"]["name"] in app.get("/dashboard/datasets").body

    token = _token(app, "/dashboard/datasets")  # the user menu's form
    done = app.post("/user/_logout", data={FIELD: token}, follow_redirects=False)
    assert done.status_code == 302


def test_head_never_runs_an_action_that_changes_data(app: Any, session: dict[str, Any]) -> None:
    report = session["report"]
    patch = {"id": report["id"], "title": "Por HEAD"}
    for headers in ({}, {"Authorization": session["token"]}):
        answer = app.client.head("/api/3/action/package_patch", json=patch, headers=headers)
        assert answer.status_code == 400
    assert call_action("package_show", id=report["id"])["title"] == report["title"]
    assert (
        app.client.head("/api/3/action/package_show", query_string={"id": report["id"]}).status_code
        == 200
    )
