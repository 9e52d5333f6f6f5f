"""Template helpers of the pronabec plugin."""

from __future__ import annotations

from typing import Any

from ckanext.pe_catalog import dates
from ckanext.pe_catalog.ubigeo import department_name
from ckanext.pronabec.logic.validators import NATIONAL


def pronabec_call_status(pkg: dict[str, Any]) -> dict[str, Any]:
    """Where the call stands today in Lima: ``{"state": open|upcoming|closed, "days": n}``.

    ``days`` counts to the closing date while open (0 on the closing day), to
    the opening date while upcoming, and since the closing date once closed.
    """
    today = dates.today()
    opens = dates.as_date(pkg.get("application_open_date"))
    closes = dates.as_date(pkg.get("application_close_date"))
    if not opens or not closes:
        return {"state": "unknown", "days": 0}
    if today < opens:
        return {"state": "upcoming", "days": (opens - today).days}
    if today > closes:
        return {"state": "closed", "days": (today - closes).days}
    return {"state": "open", "days": (closes - today).days}


def pronabec_region_names(regions: list[str] | None) -> list[str]:
    """Department names of a call's eligible regions; empty for a national call."""
    regions = regions or []
    if NATIONAL in regions:
        return []
    return [department_name(code) for code in regions]
