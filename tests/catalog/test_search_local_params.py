"""Solr local parameters in a user's search: refused, naming the parameter.

config/suite.ini lets CKAN pass the ``lucene`` parser's local parameters on to
Solr (``ckan.search.solr_allowed_query_parsers``), for the scholarship
plugin's "open now" facet. A user's ``{!lucene ...}``, ``{!join ...}`` or any
other local parameters are refused by the suite's search guard
(ckanext/pe_catalog/logic/search_checks.py) before the plugins add theirs:
409 from the action API, 400 from the pages, never 500.
"""

from __future__ import annotations

import json

import pytest
from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def admin():
    return factories.SysadminWithToken()


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("q", "{!lucene}x"),
        ("q", "{!lucene df=name}*"),
        ("q", "  {!lucene}x"),
        ("q", "agua {!join from=id to=id}x"),
        ("fq", "{!join from=owner_org to=id}name:x"),
        ("fq", "+dataset_type:scholarship {!lucene}capacity:private"),
        ("fq", '+title:"{!lucene}x"'),
        ("fq_list", ["+dataset_type:scholarship", "{!lucene}capacity:private"]),
        ("sort", "{!lucene}title_string asc"),
        ("fl", "{!lucene}name"),
        ("fl", ["id", "{!lucene}name"]),
        ("facet.field", ["{!lucene key=x}name"]),
        ("facet.field", json.dumps(["{!lucene key=x}name"])),
        (
            "facet.field",
            json.dumps(["tags", "{!lucene terms=20261210 key=open_now}vocab_open_days"]),
        ),
        ("facet.field", '["\\u007b!lucene key=x}name"]'),  # the brace written as a JSON escape
        ("qf", "{!lucene}text"),
        ("defType", "{!lucene}"),
        ("mm", "{!lucene}1"),
        ("df", "{!lucene}text"),
        ("bf", "{!func}ms(metadata_modified)"),
        ("boost", "{!lucene}x"),
        ("facet", "{!lucene}true"),
        ("ext_anything", "{!lucene}x"),
    ],
)
def test_local_parameters_in_the_api_are_a_409_naming_the_parameter(app, admin, param, value):
    response = app.post(
        "/api/3/action/package_search",
        json={param: value},
        headers={"Authorization": admin["token"]},
    )

    assert response.status_code == 409, response.json
    error = response.json["error"]
    assert param in error, error
    # in Spanish, the portal's language
    assert error[param] == [f"No se admiten parámetros locales en el parámetro '{param}'"]


def test_local_parameters_in_a_get_are_a_409_too(app):
    for query in ({"q": "{!lucene}x"}, {"facet.field": '["{!lucene key=x}name"]'}):
        response = app.get("/api/3/action/package_search", query_string=query, status=409)
        assert set(response.json["error"]) - {"__type"} == set(query)


def test_the_refusal_is_in_the_request_language(app):
    response = app.get(
        "/en/api/3/action/package_search", query_string={"q": "{!lucene}x"}, status=409
    )
    assert response.json["error"]["q"] == ["Local parameters are not supported in param 'q'"]


@pytest.mark.parametrize(
    "value",
    [
        r"\{!lucene}x",  # an escaped brace is text, as CKAN reads it
        "{ !lucene}x",
        "agua {lucene}",
        "a ! b",
    ],
)
def test_text_that_only_looks_like_local_parameters_is_searched(app, value):
    response = app.get("/api/3/action/package_search", query_string={"q": value})
    assert response.status_code == 200, response.json


INVALID_QUERY = "consulta de búsqueda no válida"


@pytest.mark.parametrize(
    ("path", "query", "message"),
    [
        ("/dataset/", {"q": "{!lucene}x"}, INVALID_QUERY),
        ("/scholarship/", {"q": "{!lucene}x"}, INVALID_QUERY),
        ("/en/scholarship/", {"q": "{!join from=id to=id}x"}, "invalid search query"),
        ("/scholarship/", {"program": "{!lucene}beca-18"}, INVALID_QUERY),
        ("/hta-report/", {"q": "{!lucene}x", "open_now": "true"}, INVALID_QUERY),
        ("/feeds/custom.atom", {"q": "{!lucene}x"}, INVALID_QUERY),
        ("/hta-report/export.csv", {"q": "{!lucene}x"}, INVALID_QUERY),
        # the pages' own check of a sort's shape answers first
        ("/scholarship/", {"sort": "{!lucene}title_string asc"}, "orden no válido"),
    ],
)
def test_local_parameters_on_the_pages_are_a_400(app, path, query, message):
    response = app.get(path, query_string=query, status=400)
    assert message in response.get_data(as_text=True).lower()


def test_the_page_names_the_parameter_in_spanish(app):
    response = app.get("/scholarship/", query_string={"q": "{!lucene}x"}, status=400)
    assert "No se admiten parámetros locales en el parámetro 'q'" in response.get_data(
        as_text=True
    ).replace("&#39;", "'")


@pytest.mark.parametrize("param", ["q", "fq"])
def test_a_query_nested_beyond_what_solr_can_parse_is_a_409(app, param):
    """Solr's parser recursed until its stack overflowed and dropped the connection
    (5,000 levels: a 500); 100 levels still search."""
    deep = "(" * 5000 + "agua" + ")" * 5000
    response = app.post("/api/3/action/package_search", json={param: deep}, status=409)
    assert "100" in response.json["error"][param][0], response.json
    fine = "(" * 100 + "agua" + ")" * 100
    app.post("/api/3/action/package_search", json={param: fine}, status=200)
    # a phrase or an escaped bracket is text, not nesting
    app.post("/api/3/action/package_search", json={param: '"' + "(" * 500 + '"'}, status=200)


def test_a_filter_with_a_top_level_or_keeps_its_meaning(app):
    """CKAN prepends +capacity:public to fq as text: "a OR b" matched every
    public dataset (both clauses became optional)."""
    from ckan.tests.helpers import call_action

    from harness.sample import dataset_dict

    org = factories.Organization()
    admin = factories.Sysadmin()
    for name in ("rio-rimac", "rio-chillon", "lago-titicaca"):
        call_action(
            "package_create",
            {"user": admin["name"]},
            **dataset_dict("environmental-data", org["id"], name),
        )

    def names(fq: str) -> set[str]:
        return {d["name"] for d in call_action("package_search", fq=fq)["results"]}

    assert names("name:no-existe-1 OR name:no-existe-2") == set()
    assert names("name:rio-rimac OR name:rio-chillon") == {"rio-rimac", "rio-chillon"}
    assert names("name:rio-rimac || name:lago-titicaca") == {"rio-rimac", "lago-titicaca"}
    assert names("-name:rio-rimac") == {"rio-chillon", "lago-titicaca"}  # left top-level
    assert names('title:"a OR b"') == set()
