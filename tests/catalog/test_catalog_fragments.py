"""Catalog pages joined from kept per-dataset fragments (ckanext/pe_catalog/rdf/fragments.py).

The page a harvester reads must be the graph ckanext-dcat would build whole, in
every format, on first read and when served from Redis; a kept fragment must
never outlive its dataset's version nor show a hidden dataset.
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
import rdflib
from ckan.lib.redis import connect_to_redis
from ckan.tests import factories
from ckan.tests.helpers import call_action
from rdflib.compare import isomorphic

from ckanext.pe_catalog.rdf import fragments
from harness.sample import DATASET_TYPES, dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

# endpoint format -> rdflib's parser
FORMATS = {"ttl": "turtle", "n3": "n3", "jsonld": "json-ld", "xml": "xml", "rdf": "xml"}


@pytest.fixture
def redis():
    connection = connect_to_redis()
    for prefix in (fragments.PREFIX, fragments.PAGE_PREFIX):
        for key in connection.scan_iter(prefix + "*"):
            connection.delete(key)
    return connection


def kept(redis, dataset_id: str | None = None) -> int:
    """Fragments kept (of one dataset, or of all)."""
    if dataset_id:
        return redis.hlen(fragments.PREFIX + dataset_id)
    return sum(redis.hlen(k) for k in redis.scan_iter(fragments.PREFIX + "*"))


def graph(body: str | bytes, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=body, format=FORMATS[fmt])


def whole(query: str, fmt: str) -> rdflib.Graph:
    """What ckanext-dcat's own serializer makes of the same search, built whole."""
    from ckanext.dcat.logic import _search_ckan_datasets
    from flask import request

    from ckanext.pe_catalog.rdf.endpoints import pagination_info

    data_dict = {k: request.args.get(k) for k in ("page", "q", "fq")}
    found = _search_ckan_datasets({}, {k: v for k, v in data_dict.items() if v})
    page = int(data_dict["page"] or 1)
    per_page = int(tk.config["ckanext.dcat.datasets_per_page"])
    paging = pagination_info(found["count"], len(found["results"]), page, per_page)
    return graph(fragments.whole_page(found["results"], fmt, None, paging), fmt)


@pytest.fixture
def catalog():
    """Datasets of the three types, some with several resources and authors."""
    org = factories.Organization(name="ins")
    admin = factories.Sysadmin()
    context = {"user": admin["name"]}
    names = []
    for i in range(7):
        dataset_type = DATASET_TYPES[i % 3]
        extra = {"report_code": f"IETS-{i:03d}-2026"} if dataset_type == "hta-report" else {}
        resources = [
            {"url": f"https://example.org/{i}/{n}.csv", "format": "CSV", "name": f"Tabla {n}"}
            for n in range(i % 3 + 1)
        ]
        names.append(
            call_action(
                "package_create",
                context,
                **dataset_dict(
                    dataset_type, org["id"], f"conjunto-{i}", resources=resources, **extra
                ),
            )["name"]
        )
    return context, names


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "3")
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_graph_ckanext_dcat_builds_whole(app, redis, catalog, fmt):
    for query in ("", "page=2", "page=3", "q=conjunto", "fq=dataset_type:scholarship"):
        url = f"/catalog.{fmt}?{query}"
        cold = app.get(url).body
        assert kept(redis) > 0
        warm = app.get(url).body
        with app.flask_app.test_request_context(url):
            expected = whole(query, fmt)
        assert isomorphic(graph(cold, fmt), expected), url
        assert isomorphic(graph(warm, fmt), expected), url


def test_a_kept_fragment_follows_every_change_of_its_dataset(app, redis):
    org = factories.Organization(name="oefa")
    admin = factories.Sysadmin()
    context = {"user": admin["name"]}
    ids = {
        name: call_action(
            "package_create", context, **dataset_dict("environmental-data", org["id"], name)
        )["id"]
        for name in ("aire", "agua")
    }

    first = app.get("/catalog.ttl").body
    assert all(i in first for i in ids.values())
    assert kept(redis, ids["aire"]) == 1 and kept(redis, ids["agua"]) == 1
    assert app.get("/catalog.ttl").body.count(ids["aire"]) == first.count(ids["aire"])
    assert kept(redis) == 2  # read again, nothing new kept

    call_action("package_patch", context, id="aire", title="Calidad del aire de otro título")
    assert kept(redis, ids["aire"]) == 0  # dropped when the dataset was indexed again
    edited = app.get("/catalog.ttl").body
    assert "Calidad del aire de otro título" in edited
    assert kept(redis, ids["aire"]) == 1

    call_action("package_patch", context, id="aire", private=True)
    assert kept(redis, ids["aire"]) == 0
    hidden = app.get("/catalog.ttl").body
    assert ids["aire"] not in hidden and ids["agua"] in hidden
    assert "Calidad del aire de otro título" not in hidden

    call_action("package_delete", context, id="agua")
    assert kept(redis, ids["agua"]) == 0
    empty = app.get("/catalog.ttl").body
    assert ids["agua"] not in empty and ids["aire"] not in empty

    # a draft is never on a page, even with its fragment computed elsewhere
    draft = call_action(
        "package_create",
        context,
        **dataset_dict("environmental-data", org["id"], "borrador", state="draft"),
    )
    assert draft["id"] not in app.get("/catalog.ttl").body


def test_each_format_and_language_keeps_its_own_fragment(app, redis):
    org = factories.Organization(name="minam")
    admin = factories.Sysadmin()
    dataset = call_action(
        "package_create",
        {"user": admin["name"]},
        **dataset_dict("environmental-data", org["id"], "suelos"),
    )
    for fmt in FORMATS:
        app.get(f"/catalog.{fmt}")
    app.get("/en/catalog.ttl")
    # ttl, n3, json-ld, rdf/xml (the .xml and .rdf endpoints share one), and English ttl
    assert kept(redis, dataset["id"]) == 5


def test_an_unreadable_kept_fragment_is_built_again(app, redis):
    org = factories.Organization(name="digesa")
    admin = factories.Sysadmin()
    dataset = call_action(
        "package_create",
        {"user": admin["name"]},
        **dataset_dict("environmental-data", org["id"], "agua-potable"),
    )
    first = app.get("/catalog.ttl").body
    key = fragments.PREFIX + dataset["id"]
    for field in redis.hkeys(key):
        redis.hset(key, field, b"\xff not a fragment")
    again = app.get("/catalog.ttl").body
    assert isomorphic(graph(again, "ttl"), graph(first, "ttl"))


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "1")
def test_plain_pages_are_kept_whole_until_anything_public_changes(app, redis):
    from rdflib.namespace import DCAT, DCTERMS

    org = factories.Organization(name="sernanp")
    admin = factories.Sysadmin()
    context = {"user": admin["name"]}
    for name in ("bosques", "lagunas"):  # newest first: lagunas on page 1, bosques on 2
        call_action(
            "package_create", context, **dataset_dict("environmental-data", org["id"], name)
        )

    def pages() -> int:
        return sum(1 for _ in redis.scan_iter(fragments.PAGE_PREFIX + "*"))

    def modified(body: str) -> str:
        catalog = graph(body, "ttl")
        (catalog_ref,) = catalog.subjects(rdflib.RDF.type, DCAT.Catalog)
        return str(catalog.value(catalog_ref, DCTERMS.modified))

    first = app.get("/catalog.ttl?page=2").body
    assert "bosques" in first
    assert pages() == 1
    assert app.get("/catalog.ttl?page=2").body == first  # the kept page
    app.get("/catalog.ttl?q=bosques")
    app.get("/catalog.ttl?fq=name:lagunas")
    app.get("/catalog.ttl?modified_since=2020-01-01")
    assert pages() == 1  # filtered pages are joined, not kept

    # an edit of a dataset on another page still moves this page's dct:modified
    call_action("package_patch", context, id="lagunas", notes="Lagunas altoandinas")
    later = app.get("/catalog.ttl?page=2").body
    newest = call_action("package_show", id="lagunas")["metadata_modified"]
    assert modified(later).startswith(newest[:19]) and modified(later) != modified(first)
