"""DCAT-AP 3 output: every field of the three types, round trip, endpoints, privacy."""

from __future__ import annotations

import json
from typing import Any

import pytest
import rdflib
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.dcat.processors import RDFParser, RDFSerializer
from ckanext.scheming.helpers import scheming_get_dataset_schema
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS

from harness.sample import comparable

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def round_trip(pkg: dict[str, Any]) -> dict[str, Any]:
    serializer = RDFSerializer()
    turtle = serializer.serialize_dataset(pkg, _format="ttl")
    parser = RDFParser()
    parser.parse(turtle, _format="ttl")
    (parsed,) = list(parser.datasets())
    return parsed


@pytest.mark.parametrize("dataset_type", ["hta-report", "scholarship", "environmental-data"])
def test_round_trip_gives_back_every_field(rich, dataset_type):
    pkg = call_action("package_show", id=rich[dataset_type]["id"])

    parsed = round_trip(pkg)
    schema = scheming_get_dataset_schema(dataset_type)
    assert schema is not None, dataset_type

    assert parsed["title"] == pkg["title"] and parsed["notes"] == pkg["notes"]
    assert parsed["license_id"] == pkg["license_id"]
    assert comparable(parsed, schema) == comparable(pkg, schema)


def test_mapping_uses_the_standard_vocabularies(rich):
    pkg = call_action("package_show", id=rich["environmental-data"]["id"])
    g = rdflib.Graph().parse(data=RDFSerializer().serialize_dataset(pkg, _format="ttl"))
    (dataset,) = g.subjects(RDF.type, DCAT.Dataset)

    themes = {str(t) for t in g.objects(dataset, DCAT.theme)}
    assert "http://publications.europa.eu/resource/authority/data-theme/ENVI" in themes
    assert any(t.endswith("/group/medio-ambiente-y-recursos-naturales") for t in themes)
    assert str(g.value(dataset, DCTERMS.accrualPeriodicity)).endswith("/frequency/ANNUAL")
    assert (
        str(g.value(dataset, DCTERMS.conformsTo)) == "http://www.opengis.net/def/crs/EPSG/0/32719"
    )
    assert float(str(g.value(dataset, DCAT.spatialResolutionInMeters))) == 30.5
    assert str(g.value(dataset, DCTERMS.language)).endswith("/language/SPA")
    places = {
        str(label)
        for s in g.objects(dataset, DCTERMS.spatial)
        for label in g.objects(s, SKOS.prefLabel)
    }
    # named at every level, from INEI's list: district, province, department
    assert {"Cusco", "Cusco, Cusco, Cusco"} <= places
    boxes = [g.value(s, DCAT.bbox) for s in g.objects(dataset, DCTERMS.spatial)]
    assert any(box is not None and str(box).startswith("POLYGON") for box in boxes)

    report = call_action("package_show", id=rich["hta-report"]["id"])
    g = rdflib.Graph().parse(data=RDFSerializer().serialize_dataset(report, _format="ttl"))
    (dataset,) = g.subjects(RDF.type, DCAT.Dataset)
    schemes = {str(g.value(s, SKOS.inScheme)) for s in g.objects(dataset, DCTERMS.subject)}
    assert {"http://id.who.int/icd/release/10", "https://www.whocc.no/atc_ddd_index/"} <= schemes
    assert g.value(dataset, DCTERMS.replaces) is not None
    assert str(g.value(dataset, DCTERMS.issued)) == report["publication_date"]


def test_relations_to_private_reports_are_not_published(create_as_editor):
    create = create_as_editor("hta-report", "informe")
    hidden = create("oculto", private=True, report_code="X-1")
    report = create("publico", report_code="X-2", related_reports=[hidden["id"]])

    pkg = call_action("package_show", id=report["id"])
    turtle = RDFSerializer().serialize_dataset(pkg, _format="ttl")

    assert hidden["id"] not in turtle


# --- endpoints ----------------------------------------------------------------


def catalog_dataset_ids(body: str, fmt: str = "turtle") -> set[str]:
    g = rdflib.Graph().parse(data=body, format=fmt)
    return {str(s).rsplit("/", 1)[-1] for s in g.subjects(RDF.type, DCAT.Dataset)}


@pytest.mark.parametrize(
    ("fmt", "content_type", "rdflib_format"),
    [
        ("ttl", "text/turtle", "turtle"),
        ("rdf", "application/rdf+xml", "xml"),
        ("jsonld", "application/ld+json", "json-ld"),
    ],
)
def test_catalog_lists_public_datasets_only(app, published, fmt, content_type, rdflib_format):
    response = app.get(f"/catalog.{fmt}")

    assert response.headers["Content-Type"].startswith(content_type)
    ids = catalog_dataset_ids(response.body, rdflib_format)
    assert ids == {d["id"] for d in published["public"].values()}


def test_dataset_endpoints_for_every_type(app, published):
    for pkg in published["public"].values():
        for fmt, content_type in [
            ("ttl", "text/turtle"),
            ("rdf", "application/rdf+xml"),
            ("jsonld", "application/ld+json"),
        ]:
            response = app.get(f"/dataset/{pkg['name']}.{fmt}")
            assert response.headers["Content-Type"].startswith(content_type)
            assert pkg["id"] in response.body


def test_private_draft_and_deleted_datasets_are_not_served_even_to_a_sysadmin(app, published):
    sysadmin = factories.SysadminWithToken()
    for pkg in published["hidden"].values():
        app.get(f"/dataset/{pkg['name']}.ttl", status=404)
        app.get(
            f"/dataset/{pkg['id']}.jsonld", headers={"Authorization": sysadmin["token"]}, status=404
        )
    body = app.get("/catalog.ttl", headers={"Authorization": sysadmin["token"]}).body
    for pkg in published["hidden"].values():
        assert pkg["id"] not in body and pkg["name"] not in body


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "2")
def test_catalog_pages_link_to_the_next_one(app, published):
    first = rdflib.Graph().parse(data=app.get("/catalog.ttl").body, format="turtle")
    hydra = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")
    (next_page,) = first.objects(None, hydra.next)
    assert str(next_page).endswith("/catalog.ttl?page=2")

    second = app.get("/catalog.ttl?page=2").body
    ids = catalog_dataset_ids(app.get("/catalog.ttl").body) | catalog_dataset_ids(second)
    assert ids == {d["id"] for d in published["public"].values()}


def test_modified_since_filters_and_accepts_time_zones(app, published):
    pkg = call_action("package_show", id=published["public"]["scholarship"]["id"])
    modified = pkg["metadata_modified"][:19]

    later = app.get("/catalog.ttl", params={"modified_since": "2999-01-01"}).body
    assert catalog_dataset_ids(later) == set()
    # the same instant written in Lima's time zone (UTC-5)
    import datetime as dt

    lima = (
        dt.datetime.fromisoformat(modified) - dt.timedelta(hours=5, seconds=1)
    ).isoformat() + "-05:00"
    since = app.get("/catalog.ttl", params={"modified_since": lima}).body
    assert pkg["id"] in catalog_dataset_ids(since)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=99999999999", "page"),
        ("modified_since=ayer", "modified_since"),
        ("modified_since=2026-13-45", "modified_since"),
        ("modified_since=99999999999999999999", "modified_since"),
    ],
)
def test_bad_parameters_get_a_400_that_says_why(app, query, message):
    response = app.get(f"/catalog.ttl?{query}", status=400)

    assert message in response.body
    assert "debe" in response.body  # Spanish first


@pytest.mark.parametrize("query", ["q=title:(", "fq=%2Bname:(a"])
def test_a_search_solr_cannot_parse_is_a_400(app, query):
    response = app.get(f"/catalog.ttl?{query}", status=400)

    assert "q o fq" in response.body


def test_bad_parameters_in_english(app):
    response = app.get("/en/catalog.ttl?page=abc", status=400)

    assert "must be a whole number" in response.body


def test_unknown_format_is_a_400(app, published):
    app.get("/catalog.csv", status=400)
    app.get(f"/dataset/{published['public']['scholarship']['name']}.csv", status=400)


# --- schema.org ---------------------------------------------------------------


def _json_ld(body: str) -> list[Any]:
    """Each JSON-LD block of the page: an object, or a list of them."""
    soup = BeautifulSoup(body, "html.parser")
    return [json.loads(s.get_text()) for s in soup.select('script[type="application/ld+json"]')]


def test_dataset_pages_embed_schema_org(app, published):
    for dataset_type, pkg in published["public"].items():
        (markup,) = _json_ld(app.get(f"/{dataset_type}/{pkg['name']}").body)
        nodes = markup if isinstance(markup, list) else markup.get("@graph", [markup])
        (dataset,) = [n for n in nodes if n.get("@type") == "schema:Dataset"]
        assert dataset["schema:name"] == pkg["title"]
        assert dataset["schema:url"]["@id"].endswith(f"/{dataset_type}/{pkg['name']}")


def test_private_dataset_pages_have_no_schema_org(app, published, editor_org):
    private = published["hidden"]["private"]
    editor = editor_org["user"]
    token = call_action(
        "api_token_create", context={"user": editor["name"]}, user=editor["name"], name="t"
    )["token"]

    body = app.get(f"/hta-report/{private['name']}", headers={"Authorization": token}).body

    assert private["title"] in body
    assert _json_ld(body) == []
