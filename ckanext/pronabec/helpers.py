"""Template helpers of the pronabec plugin."""

from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.pe_catalog import dates
from ckanext.pe_catalog.ubigeo import NATIONAL, department_name


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


# the end of a sentence: its stop and the space after it
_SENTENCE_END = re.compile(r"[.;:!?](?=\s)")


def pronabec_poster_excerpt(markdown: str | None, limit: int = 700) -> dict[str, Any]:
    """The requirements as plain text for the one-page poster, whole sentences only.

    Returns ``{"text": str, "cut": bool}``: the whole text when it has at most
    ``limit`` characters, else the sentences that fit (never a sentence cut in
    the middle, which could drop a condition such as an age limit; ``cut``
    tells the poster to send the reader to the full call).
    """
    text = " ".join(tk.h.markdown_extract(markdown or "", extract_length=0).split())
    if len(text) <= limit:
        return {"text": text, "cut": False}
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit)]
    return {"text": text[: ends[-1]] if ends else "", "cut": True}
