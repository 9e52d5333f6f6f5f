"""Application windows of scholarship calls, decided at query time.

Dates are calendar dates in Peru: a call closing on 15 December is open through
the end of 15 December in Lima. CKAN indexes a date field as midnight UTC of
that date, so "open on day D" is ``open_date <= D <= close_date`` with D
written as ``<D>T00:00:00Z``; D is today's date in Lima when the query runs, so
results stay right as days pass, without reindexing.
"""

from __future__ import annotations

import datetime as dt
import re

# fq term that API users (and the search page's facet) write for "open now"
# (the value is whole: "open_now:10" or "open_now:trueish" is not the term)
OPEN_NOW_TERM = re.compile(
    r'(?<![\w.])open_now:(?:"(?:true|1)"|(?:true|1)(?![\w"]))', re.IGNORECASE
)

# the sort the search page offers as "open first, closing soonest"
DEADLINE_SORT = "deadline"


def _solr_day(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def open_on(day: dt.date) -> str:
    d = _solr_day(day)
    return f"(application_open_date:[* TO {d}] AND application_close_date:[{d} TO *])"


def rewrite_open_now(fq: str, day: dt.date) -> str:
    """Replace each ``open_now:true`` term of a filter by the window that contains ``day``."""
    return OPEN_NOW_TERM.sub(open_on(day), fq)


def deadline_sort(day: dt.date) -> str:
    """Open calls first, then upcoming ones, by closing date; then closed, latest first."""
    d = _solr_day(day)
    opened = f"gte(ms({d},application_open_date),0)"
    not_closed = f"gte(ms(application_close_date,{d}),0)"
    rank = f"if({opened},if({not_closed},0,2),1)"
    close = "ms(application_close_date)"
    by_close = f"if({not_closed},{close},sub(0,{close}))"
    return f"{rank} asc,{by_close} asc"


def days_left(close: dt.date, today: dt.date) -> int:
    return (close - today).days
