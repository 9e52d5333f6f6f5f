"""Application windows of scholarship calls, decided at query time.

Dates are calendar dates in Peru: a call closing on 15 December is open through
the end of 15 December in Lima. CKAN indexes a date field as midnight UTC of
that date, so "open on day D" is ``open_date <= D <= close_date`` with D
written as ``<D>T00:00:00Z``; D is today's date in Lima when the query runs, so
results stay right as days pass, without reindexing.

The "open now" facet count cannot be a Solr facet query (CKAN's
``package_search`` passes on only ``facet_fields``), so each call is indexed
with every day of its window as a ``YYYYMMDD`` term (:func:`open_day_tokens`)
and the facet counts today's term (:func:`open_now_facet`), in the search's own
Solr request.
"""

from __future__ import annotations

import datetime as dt
import re

# fq term that API users (and the search page's facet) write for "open now"
# (the value is whole: "open_now:10" or "open_now:trueish" is not the term)
OPEN_NOW_TERM = re.compile(
    r'(?<![\w.])open_now:(?:"(?:true|1)"|(?:true|1)(?![\w"]))', re.IGNORECASE
)

# what is left of an open_now term once OPEN_NOW_TERM is rewritten: a value
# other than true (open_now:false, open_now:*, open_now:(true)...)
OTHER_OPEN_NOW = re.compile(r"(?<![\w.])open_now\s*:", re.IGNORECASE)

# the sort the search page offers as "open first, closing soonest"
DEADLINE_SORT = "deadline"

# the facet the search page and API users ask for as "open now"
OPEN_NOW_FACET = "open_now"
# each day of a call's window, as YYYYMMDD terms; a vocab_* field is a
# multi-valued string in CKAN's Solr schema, so no schema change is needed
OPEN_DAYS_FIELD = "vocab_open_days"
# at most this many days of a window are indexed, from its first day (ten
# years and then some): a hostile 100-year window must not put 36,500 terms
# into one document; a call open longer stops counting in the facet after
# these days (the open_now filter, on the dates themselves, still finds it)
MAX_OPEN_DAYS = 3660


def _solr_day(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def open_on(day: dt.date) -> str:
    d = _solr_day(day)
    return f"(application_open_date:[* TO {d}] AND application_close_date:[{d} TO *])"


def day_token(day: dt.date) -> str:
    """``YYYYMMDD``, zero-padded for any year (``strftime("%Y")`` is not, before 1000)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def open_day_tokens(
    open_date: dt.date, close_date: dt.date, limit: int = MAX_OPEN_DAYS
) -> list[str]:
    """Each day of the window ``open_date``..``close_date`` (both included) as
    :func:`day_token`, oldest first, at most ``limit`` of them; none for a
    window that closes before it opens (the schema refuses one)."""
    days = min((close_date - open_date).days + 1, limit)
    return [day_token(open_date + dt.timedelta(days=n)) for n in range(days)]


def open_now_facet(day: dt.date) -> str:
    """The ``facet.field`` entry that counts the results open on ``day``.

    Solr answers it as facet field ``open_now`` (``key``) holding at most the
    one term ``day_token(day)`` (``terms``) with its count. Solr reads local
    parameters, and CKAN lets them through only for the parser types of
    ``ckan.search.solr_allowed_query_parsers`` (``lucene`` in config/suite.ini).
    """
    return f"{{!lucene terms={day_token(day)} key={OPEN_NOW_FACET}}}{OPEN_DAYS_FIELD}"


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
