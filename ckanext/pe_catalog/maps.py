"""The offline base map: Peru's departments as GeoJSON, and boxes derived from it.

The GeoJSON is served as a static file (``public/pe-catalog/map/``) and drawn
by ``offline_map.js`` under ckanext-spatial's maps when no tile provider is
configured. Its provenance and how to rebuild it: ``public/pe-catalog/map/SOURCE.md``
and ``scripts/build_peru_map.py``.

The department boxes for the "search by department" form come from the same
file, so the form and the map always agree.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources
from typing import Any, TypedDict

from ckanext.pe_catalog.ubigeo import DEPARTMENTS, department_name

# where the file is served (the plugin's public directory is the site root)
BOUNDARIES_URL = "/pe-catalog/map/peru-departments.geojson"
_BOUNDARIES_FILE = "public" + BOUNDARIES_URL

Box = tuple[float, float, float, float]


class DepartmentChoice(TypedDict):
    code: str
    name: str
    bbox: str


@functools.cache
def boundaries() -> dict[str, Any]:
    """The shipped GeoJSON FeatureCollection (country outline + 25 departments)."""
    text = resources.files("ckanext.pe_catalog").joinpath(_BOUNDARIES_FILE).read_text("utf-8")
    return json.loads(text)


def _positions(coordinates: Any) -> list[list[float]]:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [coordinates]
    return [p for part in coordinates for p in _positions(part)]


@functools.cache
def department_boxes() -> dict[str, Box]:
    """INEI UBIGEO department code -> (minx, miny, maxx, maxy) of its outline."""
    boxes: dict[str, Box] = {}
    for feature in boundaries()["features"]:
        properties = feature["properties"]
        if properties.get("level") != "department":
            continue
        positions = _positions(feature["geometry"]["coordinates"])
        xs = [p[0] for p in positions]
        ys = [p[1] for p in positions]
        boxes[properties["code"]] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


def bbox_param(code: str) -> str:
    """A department's box as ckanext-spatial's ``ext_bbox`` value: ``minx,miny,maxx,maxy``."""
    return ",".join(f"{value:.4f}" for value in department_boxes()[code])


def _sort_key(name: str) -> str:
    # "Áncash" sorts with the A's, as in any Spanish list
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def department_choices() -> list[DepartmentChoice]:
    """The departments by name, each with its ``ext_bbox`` value."""
    choices = [
        DepartmentChoice(code=code, name=department_name(code), bbox=bbox_param(code))
        for code in DEPARTMENTS
        if code in department_boxes()
    ]
    return sorted(choices, key=lambda choice: _sort_key(choice["name"]))
