"""Geographic coverage: GeoJSON checks and coverage derived from UBIGEO codes."""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from typing import Any

from shapely.geometry import box, mapping, shape
from shapely.ops import unary_union
from shapely.validation import explain_validity

from ckanext.pe_catalog.maps import boundaries
from ckanext.pe_catalog.ubigeo import department_code

GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


# positions a coverage geometry may have: a department's outline simplified for
# a catalog is a few thousand; more only slows indexing and every catalog page
MAX_POSITIONS = 20_000
# GeometryCollections inside GeometryCollections, at most
MAX_NESTING = 3


class CoverageError(ValueError):
    """A geometry that cannot describe coverage; ``kind`` selects the message."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


@functools.cache
def department_boxes() -> dict[str, tuple[float, float, float, float]]:
    """INEI department code -> ``(minx, miny, maxx, maxy)`` in degrees (WGS 84).

    The ``bbox`` of each department of the portal's base map: Natural Earth's
    1:10m admin-1 boundaries (public domain), before simplification, rounded
    outward to 0.0001° (``scripts/build_peru_map.py``, ``public/pe-catalog/map/SOURCE.md``).
    """
    return {
        feature["properties"]["code"]: tuple(feature["bbox"])
        for feature in boundaries()["features"]
        if feature["properties"]["level"] == "department"
    }


def coverage_from_ubigeo(codes: list[str]) -> dict[str, Any]:
    """A GeoJSON polygon (or multipolygon) covering the departments of these codes:
    the union of their boxes (a province or district is placed by its department's)."""
    boxes = department_boxes()
    departments = sorted({d for d in (department_code(c) for c in codes) if d})
    union = unary_union([box(*boxes[d]) for d in departments])
    return mapping(union)


# lists around each position in a geometry's ``coordinates`` (RFC 7946, 3.1.2-3.1.7)
COORDINATE_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


# the point GEOS names in its explanation of an invalid geometry: "...[x y]"
_GEOS_LOCATION = re.compile(r"\[(\S+) (\S+)\]")


def _is_number(value: Any) -> bool:
    """A finite JSON number (an integer too large for a float is not one)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _walk_positions(coordinates: Any, depth: int) -> list[tuple[Any, ...]]:
    """The positions of a GeoJSON ``coordinates`` array nested ``depth`` lists
    deep; CoverageError when it is not a list. A position that is not a list
    of numbers (a list nested deeper than its type) is refused by the caller."""
    if not isinstance(coordinates, list):
        raise CoverageError("coordinates")
    if depth == 0:
        return [tuple(coordinates)]
    positions: list[tuple[Any, ...]] = []
    for item in coordinates:
        positions.extend(_walk_positions(item, depth - 1))
    return positions


def _positions(value: dict[str, Any], depth: int = 0) -> list[tuple[float, float]]:
    """Every position of a geometry, checked for type, nesting and range;
    CoverageError otherwise."""
    kind = value.get("type") if isinstance(value, dict) else None
    if not isinstance(kind, str) or kind not in GEOMETRY_TYPES:
        raise CoverageError("type")
    if kind == "GeometryCollection":
        parts = value.get("geometries")
        if depth >= MAX_NESTING or not isinstance(parts, list):
            raise CoverageError("type")
        return [p for part in parts for p in _positions(part, depth + 1)]
    positions = _walk_positions(value.get("coordinates"), COORDINATE_DEPTH[kind])
    if not positions:
        raise CoverageError("coordinates")
    if any(p and isinstance(p[0], list) for p in positions):
        raise CoverageError("nesting", kind)
    for position in positions:
        if len(position) not in (2, 3) or not all(_is_number(c) for c in position):
            raise CoverageError("coordinates")
        lon, lat = position[:2]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise CoverageError("range", f"{lon}, {lat}")
    _check_antimeridian(value)
    _check_rings(value)
    return positions


def _rings(value: dict[str, Any]) -> list[Any]:
    """The lines and rings of a (non-collection) geometry, as position lists
    (what is not a list is left for shapely's reading to refuse)."""
    kind, coordinates = value["type"], value.get("coordinates")
    if not isinstance(coordinates, list):
        return []
    if kind == "LineString":
        return [coordinates]
    if kind in ("MultiLineString", "Polygon"):
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates if isinstance(polygon, list) for ring in polygon]
    return []


def _check_rings(value: dict[str, Any]) -> None:
    """Refuse a polygon ring that does not end where it starts, or has fewer
    than four positions (RFC 7946 §3.1.6: a linear ring is closed)."""
    if value["type"] not in ("Polygon", "MultiPolygon"):
        return
    for ring in _rings(value):
        if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
            raise CoverageError("ring")


def _check_antimeridian(value: dict[str, Any]) -> None:
    """Refuse an edge that spans more than half the world in longitude.

    GeoJSON draws an edge the short way only within -180..180, so such an edge
    goes the long way round; RFC 7946 §3.1.9 asks that a geometry crossing the
    antimeridian be cut in two there instead.
    """
    for ring in _rings(value):
        if not isinstance(ring, list):
            continue  # a malformed geometry: shapely's reading refuses it next
        longitudes = [position[0] for position in ring if isinstance(position, list) and position]
        for x1, x2 in itertools.pairwise(longitudes):
            if abs(x2 - x1) > 180:
                raise CoverageError("antimeridian", f"{x1} → {x2}")


def check_geometry(value: Any) -> dict[str, Any]:
    """The GeoJSON geometry of ``value`` (text or dict), or CoverageError.

    A Feature is accepted and reduced to its geometry, as ckanext-spatial indexes
    geometries. Coordinates must be finite longitude/latitude in range; there is
    at least one position and at most :data:`MAX_POSITIONS`; no edge spans more
    than 180° of longitude; polygons must not intersect themselves.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            # where, not the parser's own English words
            raise CoverageError("json", f"{error.lineno}:{error.colno}") from None
        except (ValueError, RecursionError):
            raise CoverageError("json") from None
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    positions = _positions(value)
    if not positions:
        raise CoverageError("empty")
    if len(positions) > MAX_POSITIONS:
        raise CoverageError("size", str(len(positions)))
    try:
        geometry = shape(value)
    except Exception:  # shapely raises several types for malformed input (a one-point line)
        raise CoverageError("coordinates") from None
    if geometry.is_empty:
        raise CoverageError("empty")
    if not geometry.is_valid:
        # GEOS says what and where in English ("Self-intersection[-72 -13]"): keep where
        where = _GEOS_LOCATION.search(explain_validity(geometry))
        raise CoverageError("invalid", f"{where[1]}, {where[2]}" if where else "")
    return value
