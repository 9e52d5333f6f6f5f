"""End to end through the action API, against real PostgreSQL and Solr."""

from __future__ import annotations

import json

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests.helpers import call_action
from ckan.types import Context

from harness.sample import CUSCO_POLYGON, DATASET_TYPES, LIMA_POLYGON, dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _as(user: dict) -> Context:
    return {"user": user["name"], "ignore_auth": False}


def _search(user: str | None = None, **params) -> dict:
    context: Context = {"user": user or "", "ignore_auth": False}
    return tk.get_action("package_search")(context, params)


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_editor_creates_each_type_and_search_finds_it(editor_org, dataset_type):
    org, user = editor_org["org"], editor_org["user"]
    data = dataset_dict(dataset_type, org["id"], name=f"e2e-{dataset_type}")

    created = call_action("package_create", context=_as(user), **data)

    assert created["type"] == dataset_type
    result = _search(q=f"name:e2e-{dataset_type}", fq=f"dataset_type:{dataset_type}")
    assert [d["name"] for d in result["results"]] == [f"e2e-{dataset_type}"]
    # the type's own field survives the round trip through Solr's data_dict
    own_field = {
        "hta-report": "report_code",
        "scholarship": "program",
        "environmental-data": "information_category",
    }[dataset_type]
    assert result["results"][0][own_field] == data[own_field]


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_anonymous_user_cannot_see_a_private_dataset(editor_org, dataset_type):
    org, user = editor_org["org"], editor_org["user"]
    name = f"private-{dataset_type}"
    call_action(
        "package_create",
        context=_as(user),
        **dataset_dict(dataset_type, org["id"], name=name, private=True),
    )

    with pytest.raises(tk.ObjectNotFound):  # as a missing one: its existence stays hidden
        tk.get_action("package_show")({"user": "", "ignore_auth": False}, {"id": name})
    anonymous = _search(q=f"name:{name}", include_private=True)
    assert anonymous["count"] == 0
    # ...while its editor does find it
    editor = _search(user=user["name"], q=f"name:{name}", include_private=True)
    assert [d["name"] for d in editor["results"]] == [name]


def test_bbox_search_finds_dataset_inside_and_not_outside(editor_org):
    org, user = editor_org["org"], editor_org["user"]
    for name, polygon in [("agua-cusco", CUSCO_POLYGON), ("agua-lima", LIMA_POLYGON)]:
        call_action(
            "package_create",
            context=_as(user),
            **dataset_dict("environmental-data", org["id"], name=name, spatial=json.dumps(polygon)),
        )

    over_cusco = _search(ext_bbox="-73.0,-14.5,-71.0,-13.0")
    over_lima = _search(ext_bbox="-77.5,-12.5,-76.5,-11.5")

    assert [d["name"] for d in over_cusco["results"]] == ["agua-cusco"]
    assert [d["name"] for d in over_lima["results"]] == ["agua-lima"]
