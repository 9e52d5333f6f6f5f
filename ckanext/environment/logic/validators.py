"""Validators of the environment plugin."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.environment.coverage import (
    MAX_POSITIONS,
    CoverageError,
    check_geometry,
    coverage_from_ubigeo,
)
from ckanext.pe_catalog import list_text
from ckanext.pe_catalog.ubigeo import department_code

__all__ = ["environment_spatial"]


def _messages() -> dict[str, str]:
    return {
        "json": tk._("Not valid JSON: {detail}"),
        "type": tk._(
            "Expecting a GeoJSON geometry, e.g. "
            '{{"type": "Polygon", "coordinates": [[[-72.3, -13.8], ...]]}}'
        ),
        "coordinates": tk._("The geometry has no valid coordinates {detail}"),
        "range": tk._(
            "Coordinates out of range ({detail}): longitude -180 to 180, latitude -90 to 90, "
            "in that order"
        ),
        "invalid": tk._("Invalid geometry, for example a self-intersecting polygon: {detail}"),
        "empty": tk._("The geometry is empty: give at least one position"),
        "size": tk._("Too many positions ({detail}); at most {max}: simplify the geometry"),
        "nesting": tk._(
            "The coordinates are not nested as a {detail} takes them "
            "(RFC 7946, section 3.1), e.g. a Point is [-72.3, -13.8]"
        ),
        "ring": tk._(
            "A polygon ring must end at its first position and have at least 4 positions "
            "(RFC 7946, section 3.1.6)"
        ),
        "antimeridian": tk._(
            "An edge crosses the 180° meridian ({detail}): cut the geometry in two there "
            "and give a Multi geometry (RFC 7946, section 3.1.9)"
        ),
    }


def _ubigeo_codes(value: Any) -> list[str]:
    """UBIGEO codes as given (this runs before the ubigeo field's own validation)."""
    items = list_text.split(value) if value not in (None, "", tk.missing) else []
    return [str(v).strip() for v in items or [] if str(v).strip()]


def environment_spatial(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """A valid GeoJSON geometry; derived from ``ubigeo`` when not given."""
    value = data.get(key)
    if value in (None, "", tk.missing):
        codes = [c for c in _ubigeo_codes(data.get((*key[:-1], "ubigeo"))) if department_code(c)]
        if codes:
            data[key] = json.dumps(coverage_from_ubigeo(codes))
            return
        errors[key].append(tk._("Missing value: give a GeoJSON geometry or UBIGEO codes"))
        raise tk.StopOnError
    try:
        geometry = check_geometry(value)
    except CoverageError as error:
        errors[key].append(_messages()[error.kind].format(detail=error.detail, max=MAX_POSITIONS))
        raise tk.StopOnError from None
    data[key] = json.dumps(geometry)
