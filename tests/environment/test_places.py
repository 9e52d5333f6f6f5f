"""environmental-data places (INEI UBIGEO): what a new user tried (issue 15's
fresh-user try), each as it should answer."""

from __future__ import annotations

import csv
import io
import json

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests.helpers import call_action
from shapely.geometry import shape

from ckanext.environment.coverage import department_boxes
from harness.sample import errors_of

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

CUSCO_BOX = "-73.5,-14.5,-71.0,-12.5"
LIMA_BOX = "-77.5,-12.6,-76.5,-11.5"


@pytest.fixture
def create(create_as_editor):
    return create_as_editor("environmental-data", "agua")


def _bounds(dataset: dict) -> tuple[float, ...]:
    return shape(json.loads(dataset["spatial"])).bounds


def _search(**params) -> set[str]:
    result = call_action("package_search", fq="+dataset_type:environmental-data", **params)
    return {d["name"] for d in result["results"]}


def test_a_derived_coverage_follows_new_codes_on_patch(create, editor_org):
    create(ubigeo=["15"])
    context = {"user": editor_org["user"]["name"]}

    patched = call_action("package_patch", context=context, id="agua", ubigeo=["0809"])

    assert _bounds(patched) == department_boxes()["08"]
    assert _search(extras={"ext_bbox": CUSCO_BOX}) == {"agua"}
    assert _search(extras={"ext_bbox": LIMA_BOX}) == set()


def test_a_derived_coverage_follows_new_codes_when_the_form_sends_it_back(create, editor_org):
    # the edit form pre-fills spatial with the derived box and sends it back
    dataset = create(ubigeo=["15"])
    context = {"user": editor_org["user"]["name"]}

    updated = call_action(
        "package_update",
        context=context,
        **{**dataset, "ubigeo": ["08"], "spatial": dataset["spatial"]},
    )

    assert _bounds(updated) == department_boxes()["08"]


def test_a_drawn_coverage_stays_when_the_codes_change(create, editor_org):
    drawn = {
        "type": "Polygon",
        "coordinates": [
            [[-72.3, -13.8], [-71.6, -13.8], [-71.6, -13.3], [-72.3, -13.3], [-72.3, -13.8]]
        ],
    }
    create(ubigeo=["08"], spatial=drawn)
    context = {"user": editor_org["user"]["name"]}

    patched = call_action("package_patch", context=context, id="agua", ubigeo=["0801"])

    assert json.loads(patched["spatial"]) == drawn


def test_unknown_codes_are_the_only_error(create):
    errors = errors_of(create, ubigeo=["080199"], spatial=None)
    assert set(errors) == {"ubigeo"}


def test_codes_written_as_numbers_get_their_leading_zero(create):
    assert create(ubigeo=[8, "801", 80901])["ubigeo"] == ["08", "0801", "080901"]


def test_a_long_list_of_bad_codes_names_five_and_counts_the_rest(create):
    errors = errors_of(create, ubigeo=[f"99{n:04d}" for n in range(40)])["ubigeo"]
    assert len(errors) == 6
    assert errors[-1] == "…and 35 more values that are not valid"


@pytest.mark.parametrize("value", [[None], [True], [["08"]]])
def test_a_list_with_values_that_are_not_text_says_so(create, value):
    assert errors_of(create, ubigeo=value)["ubigeo"] == ["Each value must be text or a number"]


def test_places_are_found_by_their_names(create):
    create("en-santa-ana", ubigeo=["080901"])
    create("en-lima", ubigeo=["15"])

    assert _search(q="Convención") == {"en-santa-ana"}
    assert _search(q="Cusco") == {"en-santa-ana"}


def test_the_export_applies_the_map_box_as_the_page_does(app, create):
    create("en-cusco", ubigeo=["08"])
    create("en-lima", ubigeo=["15"])

    page = app.get("/environmental-data/", query_string={"ext_bbox": CUSCO_BOX})
    assert "en-cusco" in page.body and "en-lima" not in page.body
    response = app.get("/environmental-data/export.csv", query_string={"ext_bbox": CUSCO_BOX})
    names = [r["name"] for r in csv.DictReader(io.StringIO(response.get_data(as_text=True)))]
    assert names == ["en-cusco"]
    app.get("/environmental-data/export.csv", query_string={"ext_bbox": "abc"}, status=400)


def test_clearing_the_codes_of_a_derived_coverage_asks_for_one(create, editor_org):
    # the stored box was the codes': without them it would be an orphan that
    # later codes no longer replace (the second fresh-user try)
    create(ubigeo=["15"])
    context = {"user": editor_org["user"]["name"]}

    with pytest.raises(tk.ValidationError) as refused:
        call_action("package_patch", context=context, id="agua", ubigeo=[])
    assert refused.value.error_dict["spatial"] == [
        "Missing value: give a GeoJSON geometry or UBIGEO codes"
    ]


@pytest.mark.parametrize("value", [[None], [{}], ["08", None]])
def test_a_refused_code_list_is_the_only_error(create, value):
    assert set(errors_of(create, ubigeo=value, spatial=None)) == {"ubigeo"}


def test_a_single_code_as_a_number_is_a_list_of_one(create):
    assert create(ubigeo=801)["ubigeo"] == ["0801"]


def test_refused_codes_are_named_once_and_counted_in_the_right_number(create):
    errors = errors_of(create, ubigeo=["99"] * 40 + [f"99{n:02d}" for n in range(6)])["ubigeo"]
    assert len(errors) == 6 and len(set(errors)) == 6
    assert errors[-1] == "…and 2 more values that are not valid"
    one_more = errors_of(create, ubigeo=[f"99{n:02d}" for n in range(6)])["ubigeo"]
    assert one_more[-1] == "…and 1 more value that is not valid"


@pytest.mark.parametrize("blank", ["   ", "\r\n", "\ufeff"])
def test_a_blank_geometry_is_derived_from_the_codes(create, blank):
    dataset = create(ubigeo=["08"], spatial=blank)
    assert _bounds(dataset) == department_boxes()["08"]


def test_a_geometry_saved_with_a_byte_order_mark_is_read(create):
    polygon = {"type": "Point", "coordinates": [-72.0, -13.5]}
    dataset = create(spatial="\ufeff" + json.dumps(polygon))
    assert json.loads(dataset["spatial"]) == polygon
