"""/data.json: the catalog as DCAT-US 1.1 for DKAN harvesters (ckanext/pe_catalog/dcat_us/).

Valid against the official JSON Schema (tests/data/dcat-us-1.1, draft-04),
public and active datasets only, each type's fields where the format has a
place for them, streamed in batches, and conditional requests for harvesters.
"""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan.cli.cli import ckan
from ckan.tests import factories
from ckan.tests.helpers import call_action

from harness import dcat_us

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def data_json(app: Any, **headers: str) -> Any:
    response = app.get("/data.json", headers=headers)
    assert response.headers["Content-Type"] == "application/json"
    assert response.body  # read to the end, as a WSGI server does (the body is a stream)
    return response


def by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    site = tk.config["ckan.site_url"]
    return {d["identifier"].removeprefix(f"{site}/dataset/"): d for d in document["dataset"]}


def test_sample_catalog_is_valid_and_public_only(app, cli, published):
    seeded = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert seeded.exit_code == 0, seeded.output
    public = call_action("package_search", rows=1000)["results"]

    response = data_json(app)
    document = json.loads(response.body)

    assert dcat_us.errors(document) == []
    assert document["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert document["@id"] == f"{tk.config['ckan.site_url']}/data.json"
    listed = [d["identifier"] for d in document["dataset"]]
    assert len(listed) == len(set(listed))
    assert set(by_id(document)) == {p["id"] for p in public} and len(public) >= 80
    for hidden in published["hidden"].values():
        assert hidden["id"] not in response.body and hidden["name"] not in response.body


def test_each_type_publishes_its_fields(app, rich):
    site = tk.config["ckan.site_url"]
    found = by_id(json.loads(data_json(app).body))

    report = found[rich["hta-report"]["id"]]
    assert report["title"] == rich["hta-report"]["title"]
    assert report["description"] == rich["hta-report"]["notes"]
    assert report["keyword"] == ["cáncer", "inmunoterapia"]
    assert report["issued"] == rich["hta-report"]["publication_date"]
    assert report["modified"] == rich["hta-report"]["metadata_modified"]
    assert report["language"] == ["en"]
    assert report["theme"] == ["Salud"]
    assert report["publisher"] == {
        "@type": "org:Organization",
        "name": rich["hta-report"]["organization"]["title"],
    }
    # HTA reports have no contact field: the catalog's address
    assert (
        report["contactPoint"]["hasEmail"]
        == f"mailto:{tk.config['ckanext.pe_catalog.contact_email']}"
    )
    assert report["license"] == rich["hta-report"]["license_url"]
    assert report["landingPage"] == f"{site}/hta-report/{rich['hta-report']['name']}"
    assert report["distribution"] == [
        {
            "@type": "dcat:Distribution",
            "title": "Informe",
            "description": "Texto completo",
            "format": "PDF",
            "downloadURL": "https://example.gob.pe/informe.pdf",
            "mediaType": "application/pdf",
        },
        {
            "@type": "dcat:Distribution",
            "title": "Datos",
            "format": "XYZ",
            "downloadURL": "https://example.gob.pe/datos.xyz",
            # CKAN's own guess from the file name (the system's media types)
            "mediaType": call_action("resource_show", id=rich["hta-report"]["resources"][1]["id"])[
                "mimetype"
            ]
            or "application/octet-stream",
        },
    ]

    call = found[rich["scholarship"]["id"]]
    assert call["temporal"] == "2026-01-05/2026-02-15"  # the application period
    assert call["spatial"] == "Apurímac; Cusco; Puno"  # as stored: in UBIGEO code order
    assert call["contactPoint"] == {
        "@type": "vcard:Contact",
        "fn": rich["scholarship"]["organization"]["title"],
        "hasEmail": "mailto:becas@pronabec.gob.pe",
    }
    assert call["references"] == ["https://www.pronabec.gob.pe/beca-18/"]
    assert call["theme"] == ["Educación, cultura y deporte", "Educación"]

    environmental = found[rich["environmental-data"]["id"]]
    assert environmental["temporal"] == "2022-01-01/2023-12-31"
    assert environmental["spatial"] == "-72.3,-13.8,-71.6,-13.3"  # west,south,east,north
    assert environmental["accrualPeriodicity"] == "R/P1Y"
    assert environmental["language"] == ["es"]
    # an OGC service is accessed, not downloaded
    assert environmental["distribution"] == [
        {
            "@type": "dcat:Distribution",
            "title": "Capa",
            "format": "WMS",
            "accessURL": "https://geo.example.gob.pe/wms",
            "conformsTo": "http://www.opengis.net/def/serviceType/ogc/wms",
        }
    ]
    assert all(
        d["bureauCode"] == ["000:00"] and d["programCode"] == ["000:000"] for d in found.values()
    )
    assert dcat_us.errors(next(iter(found.values())), "dataset.json") == []


@pytest.fixture
def as_sysadmin() -> dict[str, Any]:
    return {"user": factories.Sysadmin()["name"]}


def test_an_unchanged_catalog_answers_304_and_every_change_a_new_tag(app, published, as_sysadmin):
    first = data_json(app)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]

    assert app.get("/data.json", headers={"If-None-Match": etag}, status=304).body == ""
    assert app.get("/data.json", headers={"If-Modified-Since": modified}, status=304)

    tags = {etag}
    hta, call, environmental = published["public"].values()
    for change in (
        lambda: call_action("package_patch", as_sysadmin, id=hta["id"], title="Título nuevo"),
        lambda: call_action("package_patch", as_sysadmin, id=call["id"], private=True),
        lambda: call_action("package_delete", as_sysadmin, id=environmental["id"]),
    ):
        change()
        response = app.get("/data.json", headers={"If-None-Match": etag})
        assert response.status_code == 200
        body = response.body  # read to the end, as a WSGI server does
        etag = response.headers["ETag"]
        assert etag not in tags
        tags.add(etag)

    assert [d["title"] for d in json.loads(body)["dataset"]] == ["Título nuevo"]


def test_an_organization_renamed_is_a_new_tag(app, published, as_sysadmin, worker):
    etag = data_json(app).headers["ETag"]
    org = published["public"]["hta-report"]["organization"]

    call_action("organization_patch", as_sysadmin, id=org["id"], title="Nombre nuevo")
    worker()  # its datasets are indexed again by the job worker (logic/group_index.py)

    response = app.get("/data.json", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert {d["publisher"]["name"] for d in json.loads(response.body)["dataset"]} == {
        "Nombre nuevo"
    }


@pytest.mark.ckan_config("ckanext.pe_catalog.dcat_us.rows", "2")
def test_streamed_in_batches_each_dataset_once(app, create_as_editor):
    create = create_as_editor("scholarship", "beca")
    ids = {create(f"beca-{n}")["id"] for n in range(7)}

    response = data_json(app)

    assert "Content-Length" not in response.headers  # streamed, not built in memory
    document = json.loads(response.body)
    assert [d["identifier"].rsplit("/", 1)[-1] for d in document["dataset"]] == sorted(ids)
    assert dcat_us.errors(document) == []


def test_an_empty_catalog_is_valid(app):
    document = json.loads(data_json(app).body)
    assert document["dataset"] == []
    assert dcat_us.errors(document) == []


def test_conditions_a_get_ignores_and_a_head_without_a_length(app, published):
    first = data_json(app)
    etag = first.headers["ETag"]

    # preconditions of changes, and a date in the future, decide nothing here
    for headers in (
        {"If-Match": '"nope"'},
        {"If-Match": "*"},
        {"If-Modified-Since": "Fri, 31 Dec 2099 23:59:59 GMT"},
        {"If-None-Match": '"another"', "If-Modified-Since": first.headers["Last-Modified"]},
    ):
        assert data_json(app, **headers).status_code == 200, headers
    assert app.get("/data.json", headers={"If-None-Match": f"W/{etag}"}, status=304)
    assert app.get("/data.json", headers={"If-None-Match": "*"}, status=304)

    head = app.test_client().head("/data.json")
    assert head.status_code == 200 and head.headers["ETag"] == etag
    assert "Content-Length" not in head.headers


def test_services_and_other_schemes_keep_their_urls(app, create_as_editor):
    create = create_as_editor("environmental-data", "capas")
    pkg = create(
        resources=[
            {"url": "https://geo.example.gob.pe/wmts", "name": "Teselas", "format": "WMTS"},
            {"url": "https://geo.example.gob.pe/ows", "name": "Capa", "format": "OGC:WMS"},
            {"url": "ftp://ftp.example.gob.pe/datos.csv", "name": "Datos", "format": "CSV"},
        ]
    )

    (found,) = json.loads(data_json(app).body)["dataset"]

    assert [
        (d.get("accessURL") or d.get("downloadURL"), d.get("conformsTo"))
        for d in found["distribution"]
    ] == [
        ("https://geo.example.gob.pe/wmts", "http://www.opengis.net/def/serviceType/ogc/wmts"),
        ("https://geo.example.gob.pe/ows", "http://www.opengis.net/def/serviceType/ogc/wms"),
        ("ftp://ftp.example.gob.pe/datos.csv", None),
    ]
    assert found["identifier"].endswith(pkg["id"])


def test_the_home_page_names_it_for_harvesters(app):
    page = app.get("/").body
    assert '<link rel="alternate" type="application/json" title="DCAT-US 1.1"' in page
    assert f'href="{tk.config["ckan.site_url"]}/data.json"' in page
