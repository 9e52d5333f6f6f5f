"""Calendar dates as Peru sees them.

The catalog's dates (publication, application windows, coverage periods) are
calendar dates in Peru, so "today" is the date in ``ckan.display_timezone``
(America/Lima in config/suite.ini), not the server's.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk


def catalog_timezone() -> dt.tzinfo:
    name = tk.config.get("ckan.display_timezone") or "UTC"
    return ZoneInfo("UTC" if name == "server" else name)


def today() -> dt.date:
    return dt.datetime.now(catalog_timezone()).date()


def as_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO string; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None
