"""The offline base map: Peru's departments as GeoJSON, and the department list.

The GeoJSON is served as a static file (``public/pe-catalog/map/``) and drawn
by ``offline_map.js`` under ckanext-spatial's maps when no tile provider is
configured. Its provenance and how to rebuild it: ``public/pe-catalog/map/SOURCE.md``
and ``scripts/build_peru_map.py``.

The "search by department" form filters by UBIGEO code (the Departamento
facet), not by a department's box: a box also catches its neighbours' datasets.
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


class DepartmentChoice(TypedDict):
    code: str
    name: str


@functools.cache
def boundaries() -> dict[str, Any]:
    """The shipped GeoJSON FeatureCollection (country outline + 25 departments)."""
    text = resources.files("ckanext.pe_catalog").joinpath(_BOUNDARIES_FILE).read_text("utf-8")
    return json.loads(text)


def _sort_key(name: str) -> str:
    # "Áncash" sorts with the A's, as in any Spanish list
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def department_choices() -> list[DepartmentChoice]:
    """Peru's departments sorted by name: ``[{"code": INEI UBIGEO code, "name": ...}]``."""
    choices = [DepartmentChoice(code=code, name=department_name(code)) for code in DEPARTMENTS]
    return sorted(choices, key=lambda choice: _sort_key(choice["name"]))
