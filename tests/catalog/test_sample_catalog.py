"""The sample catalog: loads twice without duplicates, valid, clearly marked,
and every resource a file of the portal that downloads and previews."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan import model
from ckan.cli.cli import ckan
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

# ckanext-spatial registers .geojson as application/json (not RFC 7946's geo+json)
CONTENT_TYPES = {"PDF": "application/pdf", "CSV": "text/csv", "GeoJSON": "application/json"}
VIEWS = {"PDF": "pe_pdf_view", "GeoJSON": "geojson_view"}


def _counts() -> dict[str, int]:
    rows = (
        model.Session.query(model.Package.type, model.Package.id)
        .filter(model.Package.state == "active")
        .all()
    )
    counts: dict[str, int] = {}
    for dataset_type, _id in rows:
        counts[dataset_type] = counts.get(dataset_type, 0) + 1
    return counts


def _resources() -> dict[str, dict]:
    found = call_action("package_search", fq="+tags:datos-de-ejemplo", rows=1000)["results"]
    return {r["id"]: {**r, "dataset": d["name"]} for d in found for r in d["resources"]}


def test_sample_loads_twice_without_duplicates_nor_new_uploads(cli, app):
    first = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    after_first, resources = _counts(), _resources()
    second = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert second.exit_code == 0, second.output

    assert _counts() == after_first
    assert after_first["hta-report"] >= 30
    assert after_first["scholarship"] >= 20
    assert after_first["environmental-data"] >= 20
    tagged = call_action("package_search", fq="+tags:datos-de-ejemplo", rows=0)["count"]
    assert tagged == sum(after_first.values())
    groups = {g["name"] for g in call_action("group_list", all_fields=True)}
    assert groups == {"salud", "educacion", "medio-ambiente-y-recursos-naturales"}
    # the same resources, the same files: an unchanged file is not uploaded again
    again = _resources()
    assert set(again) == set(resources)
    assert {i: r["url"] for i, r in again.items()} == {i: r["url"] for i, r in resources.items()}

    soup = BeautifulSoup(
        app.get("/hta-report/dictamen-031-2019-pembrolizumab-cpcnp").body, "html.parser"
    )
    assert "Datos de ejemplo" in soup.select_one(".pe-sample-notice").get_text()


def test_every_sample_resource_downloads_from_the_portal_and_previews(cli, app):
    assert cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False).exit_code == 0
    resources = _resources()
    assert {r["format"] for r in resources.values()} == set(CONTENT_TYPES)
    for resource in resources.values():
        assert resource["url_type"] == "upload", resource["url"]
        assert resource["url"].startswith("http://test.ckan.net/"), resource["url"]
        response = app.get(resource["url"].removeprefix("http://test.ckan.net"))
        assert response.status_code == 200, resource["url"]
        assert response.headers["Content-Type"].startswith(CONTENT_TYPES[resource["format"]])
        assert int(resource["size"]) == len(response.data) > 100
        if resource["format"] == "PDF":
            assert response.data.startswith(b"%PDF-")
        if resource["format"] == "CSV":
            header = response.data.decode().splitlines()[0].split(",")
            for column in header:  # every column described in the resource
                assert f"- `{column}`: " in resource["description"], resource["name"]
        views = call_action("resource_view_list", id=resource["id"])
        if resource["format"] in VIEWS:
            assert [v["view_type"] for v in views] == [VIEWS[resource["format"]]], resource["name"]
