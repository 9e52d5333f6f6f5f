"""Template helpers of the environment plugin."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.pe_catalog.ubigeo import department_code, department_name

OGC_SERVICE_FORMATS = {"WMS", "WFS", "WMTS", "WCS"}


def environment_places(codes: list[str] | None) -> list[str]:
    """Each UBIGEO code by name: the department's, plus the code for a province or district."""
    places = []
    for code in codes or []:
        department = department_name(department_code(code) or code)
        if len(code) == 2:
            places.append(department)
        elif len(code) == 4:
            places.append(
                tk._("{department}, province {code}").format(department=department, code=code)
            )
        else:
            places.append(
                tk._("{department}, district {code}").format(department=department, code=code)
            )
    return places


def environment_services(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """The dataset's OGC web services (WMS, WFS...), whose URL is an endpoint, not a file."""
    return [
        r
        for r in pkg.get("resources") or []
        if (r.get("format") or "").upper() in OGC_SERVICE_FORMATS
    ]
