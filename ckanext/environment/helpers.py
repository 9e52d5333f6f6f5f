"""Template helpers of the environment plugin."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.pe_catalog import ubigeo

OGC_SERVICE_FORMATS = {"WMS", "WFS", "WMTS", "WCS"}


def environment_places(codes: list[str] | None) -> list[str]:
    """Each UBIGEO code by its names at every level, in the page's language:
    ``["08", "0809", "080901"]`` -> ``["Cusco", "Provincia de La Convención,
    Cusco", "Distrito de Santa Ana, La Convención, Cusco"]``. A code INEI does
    not list (stored before its list was checked) is shown as it is."""
    places = []
    for code in codes or []:
        names = ubigeo.names(code)
        if len(names) == 3:
            department, province, district = names
            places.append(
                tk._("{district} district, {province}, {department}").format(
                    district=district, province=province, department=department
                )
            )
        elif len(names) == 2:
            department, province = names
            places.append(
                tk._("{province} province, {department}").format(
                    province=province, department=department
                )
            )
        else:
            places.append(ubigeo.place_name(code))
    return places


def environment_services(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """The dataset's OGC web services (WMS, WFS...), whose URL is an endpoint, not a file."""
    return [
        r
        for r in pkg.get("resources") or []
        if (r.get("format") or "").upper() in OGC_SERVICE_FORMATS
    ]
