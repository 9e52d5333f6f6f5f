"""Validators of the environment plugin."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey
from shapely.geometry import shape

from ckanext.environment.coverage import (
    MAX_POSITIONS,
    CoverageError,
    check_geometry,
    coverage_from_ubigeo,
)
from ckanext.pe_catalog import list_text, ubigeo
from ckanext.pe_catalog.codes import CODE_FORMATS

__all__ = ["environment_spatial"]


def _message(error: CoverageError) -> str:
    """The error's message in the request's language; ``detail`` is never a
    library's own (English) text: a place in the input, a count, a type name."""
    if error.kind == "json" and error.detail:
        line, column = error.detail.split(":")
        return tk._("Not valid JSON (line {line}, column {column})").format(
            line=line, column=column
        )
    if error.kind == "invalid" and error.detail:
        return tk._(
            "Invalid geometry, for example a polygon that crosses itself, near {point}"
        ).format(point=error.detail)
    return _messages()[error.kind].format(detail=error.detail, max=MAX_POSITIONS)


def _messages() -> dict[str, str]:
    return {
        "json": tk._("Not valid JSON"),
        "type": tk._(
            "Expecting a GeoJSON geometry, e.g. "
            '{{"type": "Polygon", "coordinates": [[[-72.3, -13.8], ...]]}}'
        ),
        "coordinates": tk._(
            "The geometry has no valid coordinates: each position is [longitude, latitude] "
            "in numbers, and a line has at least two"
        ),
        "range": tk._(
            "Coordinates out of range ({detail}): longitude -180 to 180, latitude -90 to 90, "
            "in that order"
        ),
        "invalid": tk._("Invalid geometry, for example a polygon that crosses itself"),
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
    """UBIGEO codes as given, normalised as the ubigeo field normalises them
    (this runs before that field's own validation, which reports bad codes)."""
    items = list_text.split(value) if value not in (None, "", tk.missing) else []
    ubigeo_format = CODE_FORMATS["ubigeo"]
    return [ubigeo_format.normalise(str(v)) for v in items or [] if str(v).strip()]


def _stored_derivation(context: Context) -> list[str]:
    """The stored dataset's UBIGEO codes when its stored coverage is the one
    derived from them (an update or patch; [] for a new dataset)."""
    package = context.get("package")
    extras = getattr(package, "extras", None) or {}
    try:
        codes = json.loads(extras.get("ubigeo") or "[]")
        stored = shape(json.loads(extras.get("spatial") or "null"))
    except (ValueError, TypeError, AttributeError):
        return []
    known = [c for c in codes if isinstance(c, str) and ubigeo.is_known(c)]
    if not known or not stored.equals(shape(coverage_from_ubigeo(known))):
        return []
    return known


def environment_spatial(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """A valid GeoJSON geometry; derived from ``ubigeo`` when not given.

    A coverage derived from the codes follows them: an update that changes the
    codes and sends the derived coverage back unchanged (the edit form does,
    and so does ``package_patch``) gets the coverage of the new codes.
    """
    given = _ubigeo_codes(data.get((*key[:-1], "ubigeo")))
    codes = [c for c in given if ubigeo.is_known(c)]
    value = data.get(key)
    if isinstance(value, str):
        # a form's text area left with a line break is empty; a byte-order mark
        # (a file saved by Notepad) is no part of the JSON (RFC 8259, 8.1)
        value = value.strip().lstrip("\ufeff")
    if value in (None, "", tk.missing):
        if codes:
            data[key] = json.dumps(coverage_from_ubigeo(codes))
            return
        if given:
            raise tk.StopOnError  # the ubigeo field says what is wrong with its codes
        errors[key].append(tk._("Missing value: give a GeoJSON geometry or UBIGEO codes"))
        raise tk.StopOnError
    try:
        geometry = check_geometry(value)
    except CoverageError as error:
        errors[key].append(_message(error))
        raise tk.StopOnError from None
    derived_from = _stored_derivation(context)
    if (
        derived_from
        and set(codes) != set(derived_from)
        and shape(geometry).equals(shape(coverage_from_ubigeo(derived_from)))
    ):
        # the stored coverage was the old codes': it goes with them
        if codes:
            geometry = coverage_from_ubigeo(codes)
        elif given:
            raise tk.StopOnError  # the ubigeo field says what is wrong with its codes
        else:
            errors[key].append(tk._("Missing value: give a GeoJSON geometry or UBIGEO codes"))
            raise tk.StopOnError
    data[key] = json.dumps(geometry)
