"""Geographic coverage (ckanext/environment/coverage.py): GeoJSON checks and
coverage derived from UBIGEO codes, on the shipped base map."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import box, shape

from ckanext.environment.coverage import (
    MAX_NESTING,
    MAX_POSITIONS,
    CoverageError,
    check_geometry,
    coverage_from_ubigeo,
    department_boxes,
)
from ckanext.pe_catalog import ubigeo
from ckanext.pe_catalog.maps import boundaries
from tests.unit import UNIT

SQUARE = [[[-72.0, -14.0], [-71.0, -14.0], [-71.0, -13.0], [-72.0, -13.0], [-72.0, -14.0]]]
POLYGON = {"type": "Polygon", "coordinates": SQUARE}


def _kind(value) -> str:
    with pytest.raises(CoverageError) as error:
        check_geometry(value)
    return error.value.kind


def _departments() -> dict[str, dict]:
    return {
        f["properties"]["code"]: f
        for f in boundaries()["features"]
        if f["properties"]["level"] == "department"
    }


# --- department_boxes and coverage_from_ubigeo -------------------------------------


def test_the_map_has_ineis_departments():
    features = _departments()
    assert set(features) == set(ubigeo.DEPARTMENTS)
    for code, feature in features.items():
        assert feature["properties"]["name"] == ubigeo.DEPARTMENTS[code]


def test_one_box_per_department():
    assert set(department_boxes()) == set(ubigeo.DEPARTMENTS)
    assert department_boxes() is department_boxes()  # read once


@pytest.mark.parametrize("code", sorted(ubigeo.DEPARTMENTS))
def test_each_departments_box_holds_its_outline(code):
    minx, miny, maxx, maxy = department_boxes()[code]
    assert minx < maxx and miny < maxy
    # Peru lies within 82°W-68°W, 19°S-0°
    assert minx > -82 and maxx < -68 and miny > -19 and maxy < 0.1
    outline = shape(_departments()[code]["geometry"])
    assert outline.is_valid
    assert box(minx, miny, maxx, maxy).covers(outline)


def test_boxes_are_rounded_outward_to_a_ten_thousandth_of_a_degree():
    for bounds in department_boxes().values():
        assert all(round(v, 4) == v for v in bounds)


@pytest.mark.parametrize("codes", [["08"], ["0809"], ["080901"], ["08", "0801", "080901", "0809"]])
def test_a_place_is_covered_by_its_departments_box(codes):
    coverage = coverage_from_ubigeo(codes)
    assert coverage["type"] == "Polygon"
    assert shape(coverage).equals(box(*department_boxes()["08"]))


def test_coverage_of_several_departments_is_the_union_of_their_boxes():
    boxes = department_boxes()
    coverage = shape(coverage_from_ubigeo(["080901", "150101", "21"]))
    expected = box(*boxes["08"]).union(box(*boxes["15"])).union(box(*boxes["21"]))
    assert coverage.equals(expected)
    # Lima does not touch Puno: two parts
    lima_puno = coverage_from_ubigeo(["15", "21"])
    assert lima_puno["type"] == "MultiPolygon"
    assert len(lima_puno["coordinates"]) == 2


def test_coverage_ignores_codes_that_are_not_places():
    assert coverage_from_ubigeo(["080199", "nacional", "", "99", "08"]) == coverage_from_ubigeo(
        ["08"]
    )


def test_coverage_of_no_place_is_empty():
    # the validator only asks for coverage when some code is a place
    for codes in ([], ["nacional"], ["080199"]):
        assert shape(coverage_from_ubigeo(codes)).is_empty


@UNIT
@given(st.lists(st.sampled_from(sorted(ubigeo._names("district"))), min_size=1, max_size=6))
def test_derived_coverage_passes_the_geometry_check(codes):
    # as the validator stores it: GeoJSON text
    text = json.dumps(coverage_from_ubigeo(codes))
    geometry = shape(check_geometry(text))
    for code in codes:
        assert geometry.covers(box(*department_boxes()[code[:2]]))


# --- check_geometry: what it accepts -----------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        POLYGON,
        json.dumps(POLYGON),
        {"type": "Point", "coordinates": [-72.5, -13.5]},
        {"type": "Point", "coordinates": [-72.5, -13.5, 3400]},  # with an altitude
        {"type": "Point", "coordinates": [180, 90]},
        {"type": "Point", "coordinates": [-180, -90]},
        {"type": "MultiPoint", "coordinates": [[-72, -13], [-71, -12]]},
        {"type": "LineString", "coordinates": [[-72, -13], [-71, -12]]},
        {"type": "MultiLineString", "coordinates": [[[-72, -13], [-71, -12]]]},
        {"type": "MultiPolygon", "coordinates": [SQUARE]},
        {"type": "GeometryCollection", "geometries": [POLYGON]},
        # a geometry cut at the antimeridian, as RFC 7946 asks
        {
            "type": "MultiLineString",
            "coordinates": [[[170, 0], [180, 0]], [[-180, 0], [-170, 0]]],
        },
        {"type": "LineString", "coordinates": [[0, 0], [180, 0]]},  # 180° exactly
        {"type": "LineString", "coordinates": [[-72, -13], [-71, -12]], "bbox": "ignored"},
    ],
)
def test_accepted_geometries_are_returned_as_given(value):
    expected = json.loads(value) if isinstance(value, str) else value
    assert check_geometry(value) == expected


def test_a_feature_is_reduced_to_its_geometry():
    feature = {"type": "Feature", "properties": {"name": "x"}, "geometry": POLYGON}
    assert check_geometry(feature) == POLYGON
    assert check_geometry(json.dumps(feature)) == POLYGON


def test_collections_may_nest_up_to_the_limit():
    value = POLYGON
    for _ in range(MAX_NESTING):
        value = {"type": "GeometryCollection", "geometries": [value]}
    assert check_geometry(value) == value
    assert _kind({"type": "GeometryCollection", "geometries": [value]}) == "type"


def test_the_number_of_positions_is_bounded():
    points = [[-72 + i / MAX_POSITIONS, -13] for i in range(MAX_POSITIONS)]
    assert check_geometry({"type": "MultiPoint", "coordinates": points})
    too_many = {"type": "MultiPoint", "coordinates": [*points, [-71, -12]]}
    with pytest.raises(CoverageError) as error:
        check_geometry(too_many)
    assert (error.value.kind, error.value.detail) == ("size", str(MAX_POSITIONS + 1))


# --- check_geometry: what it refuses, and why ------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("{", "json"),
        ("", "json"),
        ("\ufeff" + json.dumps(POLYGON), "json"),
        ("[" * 100_000, "json"),  # too deep for the JSON reader
        ("null", "type"),
        ("[]", "type"),
        ('"Polygon"', "type"),
        (None, "type"),
        (12, "type"),
        (b"{}", "type"),
        ({}, "type"),
        ({"type": "point", "coordinates": [0, 0]}, "type"),
        ({"type": "Feature", "geometry": None}, "type"),
        ({"type": "Feature"}, "type"),
        (
            {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": POLYGON}]},
            "type",
        ),
        ({"type": "GeometryCollection"}, "type"),
        ({"type": "GeometryCollection", "geometries": POLYGON}, "type"),
        ({"type": "GeometryCollection", "geometries": []}, "empty"),
        ({"type": "Point"}, "coordinates"),
        ({"type": "Point", "coordinates": []}, "coordinates"),
        ({"type": "Point", "coordinates": "-72, -13"}, "coordinates"),
        ({"type": "Point", "coordinates": [-72]}, "coordinates"),
        ({"type": "Point", "coordinates": [-72, -13, 0, 0]}, "coordinates"),
        ({"type": "Point", "coordinates": [True, False]}, "coordinates"),
        ({"type": "Point", "coordinates": ["-72", "-13"]}, "coordinates"),
        ({"type": "Point", "coordinates": [-72, -13, None]}, "coordinates"),
        ({"type": "Point", "coordinates": [math.nan, 0]}, "coordinates"),
        ('{"type": "Point", "coordinates": [NaN, 0]}', "coordinates"),
        ('{"type": "Point", "coordinates": [Infinity, 0]}', "coordinates"),
        ('{"type": "Point", "coordinates": [1e999, 0]}', "coordinates"),
        ({"type": "MultiPoint", "coordinates": []}, "coordinates"),
        ({"type": "MultiPoint", "coordinates": [[0, 0], [1, "x"]]}, "coordinates"),
        ({"type": "Polygon", "coordinates": SQUARE[0]}, "coordinates"),  # one level short
        ({"type": "MultiPolygon", "coordinates": [SQUARE, 5]}, "coordinates"),
        ({"type": "LineString", "coordinates": [[0, 0]]}, "coordinates"),
        ({"type": "Point", "coordinates": [180.0001, 0]}, "range"),
        ({"type": "Point", "coordinates": [0, -90.0001]}, "range"),
        ({"type": "Point", "coordinates": [10, 91]}, "range"),
        ({"type": "Point", "coordinates": [2**70, 0]}, "range"),
        ({"type": "LineString", "coordinates": [[179, 0], [-179, 0]]}, "antimeridian"),
        ({"type": "LineString", "coordinates": [[-180, 0], [180, 0]]}, "antimeridian"),
        (
            {
                "type": "GeometryCollection",
                "geometries": [{"type": "LineString", "coordinates": [[170, 0], [-170, 0]]}],
            },
            "antimeridian",
        ),
        (
            {
                "type": "MultiPolygon",
                "coordinates": [SQUARE, [[[179, 0], [-179, 1], [-179, 0], [179, 0]]]],
            },
            "antimeridian",
        ),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}, "invalid"),
        # RFC 7946 §3.1.6: a ring has 4 positions or more and ends where it starts
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}, "ring"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}, "ring"),
        ({"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 1]]]]}, "ring"),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]],
                    [[5, 5], [6, 5], [6, 6], [5, 5]],
                ],
            },
            "invalid",
        ),
        ({"type": "LineString", "coordinates": [[0, 0], [0, 0]]}, "invalid"),
    ],
)
def test_refused_geometries(value, kind):
    assert _kind(value) == kind


def test_refusals_carry_a_detail_for_the_message():
    with pytest.raises(CoverageError) as error:
        check_geometry({"type": "Point", "coordinates": [181, 0]})
    assert error.value.detail == "181, 0"
    assert isinstance(error.value, ValueError)
    with pytest.raises(CoverageError) as error:
        check_geometry({"type": "LineString", "coordinates": [[179, 0], [-179, 0]]})
    assert error.value.detail == "179 → -179"
    with pytest.raises(CoverageError) as error:
        check_geometry(
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
        )
    # where GEOS found it, without its English words
    assert error.value.detail == "0.5, 0.5"
    with pytest.raises(CoverageError) as error:
        check_geometry('{"type": "Point",\n "coordinates": [0, 0],}')
    assert (error.value.kind, error.value.detail) == ("json", "2:24")


def test_coordinates_nested_too_deep_are_refused_not_a_crash():
    deep: list = [0, 0]
    for _ in range(5_000):
        deep = [deep]
    assert _kind({"type": "MultiPoint", "coordinates": deep}) == "nesting"


# a "type" that is an array or an object is the xfail test below
type_names = st.sampled_from(
    ["Point", "LineString", "Polygon", "MultiPoint", "Feature", "GeometryCollection"]
) | st.one_of(st.none(), st.integers(), st.text(max_size=5))
geojson_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5) | type_names,
    lambda children: (
        st.lists(children, max_size=4)
        | st.fixed_dictionaries(
            {},
            optional={
                "type": type_names,
                "coordinates": children,
                "geometries": children,
                "geometry": children,
            },
        )
    ),
    max_leaves=20,
)


@UNIT
@given(geojson_values)
def test_anything_is_a_geometry_or_a_coverage_error(value):
    try:
        geometry = check_geometry(value)
    except CoverageError as error:
        assert error.kind in {
            "json",
            "type",
            "coordinates",
            "range",
            "antimeridian",
            "invalid",
            "empty",
            "size",
        }
    else:
        assert not shape(geometry).is_empty


@UNIT
@given(
    st.lists(
        st.tuples(st.floats(-180, 180, allow_nan=False), st.floats(-90, 90, allow_nan=False)).map(
            list
        ),
        min_size=1,
        max_size=30,
    )
)
def test_points_in_range_are_accepted(positions):
    value = {"type": "MultiPoint", "coordinates": positions}
    assert check_geometry(json.dumps(value)) == value


@pytest.mark.parametrize(
    "value",
    [
        '{"type": ["Point"], "coordinates": [0, 0]}',
        '{"type": {}, "coordinates": [0, 0]}',
        {"type": "Feature", "geometry": {"type": ["Polygon"]}},
    ],
)
def test_a_type_that_is_not_a_string_is_a_coverage_error(value):
    assert _kind(value) == "type"


@pytest.mark.parametrize(
    "value",
    [
        {"type": "Point", "coordinates": [[-72, -13]]},
        {"type": "Point", "coordinates": [[[-72, -13]]]},
        {"type": "MultiPoint", "coordinates": [[[-72, -13]], [[-71, -12]]]},
    ],
)
def test_coordinates_nested_deeper_than_the_type_says_are_refused(value):
    assert _kind(value) == "nesting"
