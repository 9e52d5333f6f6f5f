"""environmental-data: validation, coverage from UBIGEO, bbox search, facets, pages."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from ckan.tests.helpers import call_action
from shapely.geometry import shape

from ckanext.environment.coverage import department_boxes
from harness.sample import CUSCO_POLYGON, LIMA_POLYGON, dataset_dict, errors_of

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

# a polygon from Lima to Cusco, crossing both departments' boxes
LIMA_TO_CUSCO = {
    "type": "Polygon",
    "coordinates": [
        [[-77.0, -12.5], [-72.0, -13.5], [-72.0, -13.2], [-77.0, -12.0], [-77.0, -12.5]]
    ],
}
OVER_CUSCO = "-73.5,-14.5,-71.0,-12.5"
OVER_LIMA = "-77.5,-12.6,-76.5,-11.5"


@pytest.fixture
def create(create_as_editor):
    return create_as_editor("environmental-data", "agua")


def _names(user: str = "", **params) -> set[str]:
    result = call_action(
        "package_search",
        context={"user": user, "ignore_auth": False},
        **{"fq": "+dataset_type:environmental-data", **params},
    )
    return {d["name"] for d in result["results"]}


# --- validation --------------------------------------------------------------


@pytest.mark.parametrize(
    "field", ["information_category", "environmental_instrument", "crs", "update_frequency"]
)
def test_unknown_choice_is_rejected(create, field):
    assert field in errors_of(create, **{field: "inventado"})


@pytest.mark.parametrize("field", ["environmental_components", "economic_sectors"])
def test_unknown_choice_in_a_list_is_rejected(create, field):
    assert field in errors_of(create, **{field: ["inventado"]})


def test_at_least_one_component(create):
    assert "environmental_components" in errors_of(create, environmental_components=[])


# well-formed codes that INEI does not list (Cusco has 13 provinces; La Libertad 12)
# are refused as firmly as malformed ones
@pytest.mark.parametrize(
    # ("1" is department 01 written as a number: test_places.py)
    "code",
    ["26", "00", "0801011", "Cusco", "080199", "0814", "1399", "130199", "08x1"],
)
def test_invalid_ubigeo_codes_are_rejected(create, code):
    errors = errors_of(create, ubigeo=[code])
    assert "ubigeo" in errors
    assert code in errors["ubigeo"][0]


def test_ubigeo_as_text(create):
    assert create(ubigeo="08; 080101\n1501")["ubigeo"] == ["08", "080101", "1501"]


def test_coverage_is_required_without_ubigeo(create):
    errors = errors_of(create, ubigeo=None)
    assert "spatial" in errors


def test_coverage_is_derived_from_ubigeo(create):
    dataset = create(ubigeo=["080101"])

    geometry = shape(json.loads(dataset["spatial"]))
    assert geometry.bounds == department_boxes()["08"]


def test_coverage_of_several_departments_covers_each(create):
    dataset = create(ubigeo=["08", "15"])
    geometry = shape(json.loads(dataset["spatial"]))
    assert geometry.contains(shape(CUSCO_POLYGON))
    assert geometry.contains(shape(LIMA_POLYGON))


def test_a_given_geometry_wins_over_ubigeo(create):
    dataset = create(spatial=CUSCO_POLYGON)
    assert json.loads(dataset["spatial"]) == CUSCO_POLYGON


def test_a_geojson_feature_is_reduced_to_its_geometry(create):
    dataset = create(spatial={"type": "Feature", "properties": {}, "geometry": CUSCO_POLYGON})
    assert json.loads(dataset["spatial"]) == CUSCO_POLYGON


@pytest.mark.parametrize(
    ("spatial", "message"),
    [
        ("{not json", "JSON"),
        ('{"type": "Circle", "coordinates": [0, 0]}', "GeoJSON"),
        ({"type": "Point", "coordinates": [-13.5, -272.0]}, "range"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            "crosses itself",
        ),
        ({"type": "Polygon", "coordinates": []}, "coordinates"),
        # found by the unit tests: each was a 500 or stored as invalid GeoJSON
        ('{"type": ["Point"], "coordinates": [0, 0]}', "GeoJSON"),
        ({"type": "Point", "coordinates": [[-72.0, -13.5]]}, "nested as a Point"),
        (
            {"type": "Polygon", "coordinates": [[[-72, -14], [-71, -14], [-71, -13], [-72, -13]]]},
            "ring must end at its first position",
        ),
    ],
)
def test_bad_geometries_are_rejected_with_a_clear_message(create, spatial, message):
    errors = errors_of(create, spatial=spatial)
    assert message in errors["spatial"][0]


def test_period_end_on_or_after_start(create):
    assert "temporal_end_date" in errors_of(create, temporal_end_date="2021-12-31")


@pytest.mark.parametrize(
    ("field", "value"), [("spatial_resolution_m", 0), ("contact_email", "oefa@")]
)
def test_resolution_and_email(create, field, value):
    assert field in errors_of(create, **{field: value})


def test_resolution_is_a_number(create):
    assert create(spatial_resolution_m="30")["spatial_resolution_m"] == 30


# --- search by place ---------------------------------------------------------


def test_bbox_search_over_cusco_and_lima(create):
    create("cusco", ubigeo=["08"])
    create("lima", ubigeo=["15"])
    create("lima-cusco", ubigeo=None, spatial=LIMA_TO_CUSCO)
    create("cusco-privado", ubigeo=["08"], private=True)

    assert _names(ext_bbox=OVER_CUSCO) == {"cusco", "lima-cusco"}
    assert _names(ext_bbox=OVER_LIMA) == {"lima", "lima-cusco"}


def test_department_facet_and_filter_with_province_and_district_codes(create):
    create("distrito-cusco", ubigeo=["080101"])
    create("provincia-lima", ubigeo=["1501"])
    create("cusco-y-puno", ubigeo=["08", "2101"])

    result = call_action(
        "package_search",
        fq="+dataset_type:environmental-data",
        **{"facet.field": ["vocab_department", "vocab_coverage_year"]},
    )
    departments = {
        i["name"]: (i["count"], i["display_name"])
        for i in result["search_facets"]["vocab_department"]["items"]
    }
    assert departments == {"08": (2, "Cusco"), "15": (1, "Lima"), "21": (1, "Puno")}
    years = {i["name"]: i["count"] for i in result["search_facets"]["vocab_coverage_year"]["items"]}
    assert years == {"2022": 3, "2023": 3}
    assert _names(fq="+dataset_type:environmental-data +vocab_department:08") == {
        "distrito-cusco",
        "cusco-y-puno",
    }


def test_topic_facets_count_public_datasets(create):
    create("agua-mineria")
    create("aire", environmental_components=["aire"], economic_sectors=["industria"])
    create("privado", private=True)

    result = call_action(
        "package_search",
        context={"user": "", "ignore_auth": False},
        fq="+dataset_type:environmental-data",
        **{
            "facet.field": [
                "information_category",
                "vocab_environmental_components",
                "vocab_economic_sectors",
            ]
        },
    )
    facets = {
        n: {i["name"]: i["count"] for i in f["items"]} for n, f in result["search_facets"].items()
    }
    assert facets["vocab_environmental_components"] == {"agua": 1, "sedimento": 1, "aire": 1}
    assert facets["vocab_economic_sectors"] == {"mineria": 1, "industria": 1}
    assert facets["information_category"] == {"monitoreo-ambiental": 2}


# --- pages -------------------------------------------------------------------


def test_dataset_page_shows_map_places_period_and_services(app, create):
    create(
        "agua-cusco",
        ubigeo=["08", "0809", "080901"],
        resources=[
            {"url": "https://geo.oefa.gob.pe/geoserver/wms", "format": "WMS", "name": "Capas"},
            {"url": "https://example.org/monitoreo.csv", "format": "CSV"},
        ],
    )

    soup = BeautifulSoup(app.get("/environmental-data/agua-cusco").body, "html.parser")

    assert soup.select_one(".dataset-map-section") is not None
    assert soup.select_one(".environment-places").get_text(strip=True) == (
        "Cusco; Provincia de La Convención, Cusco; Distrito de Santa Ana, La Convención, Cusco"
    )
    assert "1 de enero de 2022" in soup.select_one(".environment-period").get_text()
    text = soup.select_one(".environment-facts").get_text(" ", strip=True)
    assert "WGS 84 / UTM 19S (EPSG:32719)" in text
    assert "Anual" in text
    (service,) = soup.select(".environment-services li")
    assert service["data-format"] == "WMS"
    assert "https://geo.oefa.gob.pe/geoserver/wms" in service.get_text()


def test_search_page_has_the_map_and_facets(app, create):
    create("agua-cusco")
    soup = BeautifulSoup(app.get("/environmental-data/").body, "html.parser")

    assert soup.select_one("#dataset-map [data-module='spatial-query']") is not None
    titles = [h.get_text(strip=True) for h in soup.select(".pe-facet > summary h2.module-heading")]
    assert "Departamento" in titles
    assert "Componentes ambientales" in titles


@pytest.mark.parametrize(
    ("spatial", "spanish"),
    [
        ({"type": "Point", "coordinates": [-13.5, -272.0]}, "fuera de rango"),
        (
            {"type": "Point", "coordinates": [[-72.0, -13.5]]},
            "no están anidadas como las lleva un Point",
        ),
    ],
)
def test_geometry_errors_in_spanish_through_the_http_api(app, spatial, spanish):
    from ckan.tests import factories

    user = factories.UserWithToken()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    data = dataset_dict("environmental-data", org["id"], name="fuera-de-rango", ubigeo=None)
    data["spatial"] = json.dumps(spatial)

    response = app.post(
        "/api/3/action/package_create",
        json=data,
        headers={"Authorization": user["token"]},
        status=409,
    )

    assert spanish in response.json["error"]["spatial"][0]
