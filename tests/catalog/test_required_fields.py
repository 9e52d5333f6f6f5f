"""Bad input: a dataset without its required fields is rejected and nothing is written."""

from __future__ import annotations

import pytest
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories
from ckan.tests.helpers import call_action

from harness.sample import DATASET_TYPES, REQUIRED_FIELDS

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_missing_required_fields_are_each_named(editor_org, dataset_type):
    user = editor_org["user"]

    with pytest.raises(tk.ValidationError) as raised:
        call_action(
            "package_create",
            context={"user": user["name"], "ignore_auth": False},
            type=dataset_type,
        )

    errors = raised.value.error_dict
    assert REQUIRED_FIELDS[dataset_type] <= set(errors), errors
    assert model.Session.query(model.Package).count() == 0
    assert call_action("package_search", q="*:*", include_private=True)["count"] == 0


@pytest.mark.parametrize(
    ("url_prefix", "message"), [("", "Falta el valor"), ("/en", "Missing value")]
)
def test_http_api_names_missing_fields_in_spanish_then_english(app, url_prefix, message):
    user = factories.UserWithToken()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])

    response = app.post(
        f"{url_prefix}/api/3/action/package_create",
        json={"type": "hta-report", "name": "sin-titulo", "owner_org": org["id"]},
        headers={"Authorization": user["token"]},
        status=409,
    )

    error = response.json["error"]
    assert error["__type"] == "Validation Error"
    assert error["title"] == [message]
    assert error["report_code"] == [message]
