"""Geographic coverage: GeoJSON checks and coverage derived from UBIGEO codes."""

from __future__ import annotations

import csv
import functools
import json
from importlib import resources
from typing import Any

from shapely.geometry import box, mapping, shape
from shapely.ops import unary_union
from shapely.validation import explain_validity

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


class CoverageError(ValueError):
    """A geometry that cannot describe coverage; ``kind`` selects the message."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


@functools.cache
def department_boxes() -> dict[str, tuple[float, float, float, float]]:
    """INEI department code -> (minx, miny, maxx, maxy), from the shipped table."""
    text = (
        resources.files("ckanext.environment")
        .joinpath("data/department_bbox.csv")
        .read_text(encoding="utf-8")
    )
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        r["code"]: (float(r["minx"]), float(r["miny"]), float(r["maxx"]), float(r["maxy"]))
        for r in rows
    }


def coverage_from_ubigeo(codes: list[str]) -> dict[str, Any]:
    """A GeoJSON polygon (or multipolygon) covering the departments of these codes."""
    boxes = department_boxes()
    departments = sorted({d for d in (department_code(c) for c in codes) if d})
    union = unary_union([box(*boxes[d]) for d in departments])
    return mapping(union)


def _walk_positions(coordinates: Any) -> list[tuple[float, float]]:
    if (
        isinstance(coordinates, (list, tuple))
        and coordinates
        and isinstance(coordinates[0], (int, float))
    ):
        return [tuple(coordinates[:2])]  # type: ignore[list-item]
    positions: list[tuple[float, float]] = []
    for item in coordinates or []:
        positions.extend(_walk_positions(item))
    return positions


def check_geometry(value: Any) -> dict[str, Any]:
    """The GeoJSON geometry of ``value`` (text or dict), or CoverageError.

    A Feature is accepted and reduced to its geometry, as ckanext-spatial indexes
    geometries. Coordinates must be longitude/latitude in range; polygons must
    not intersect themselves.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise CoverageError("json", str(error)) from None
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict) or value.get("type") not in GEOMETRY_TYPES:
        raise CoverageError("type")
    if value["type"] == "GeometryCollection":
        for part in value.get("geometries") or []:
            check_geometry(part)
    else:
        positions = _walk_positions(value.get("coordinates"))
        if not positions:
            raise CoverageError("coordinates")
        for lon, lat in positions:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise CoverageError("range", f"{lon}, {lat}")
    try:
        geometry = shape(value)
    except Exception as error:  # shapely raises several types for malformed input
        raise CoverageError("coordinates", str(error)) from None
    if not geometry.is_valid:
        raise CoverageError("invalid", explain_validity(geometry))
    return value
