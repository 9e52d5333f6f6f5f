"""Open-call windows (ckanext/pronabec/calls.py) and a call's status (helpers.py).

The Solr strings are checked by meaning, not only by text: a small evaluator
below reads the range query of :func:`open_on` and the function query of
:func:`deadline_sort` the way Solr does (dates indexed as midnight UTC), so the
status shown on a call's page, the "open now" filter and the deadline sort can
be compared on the same calls.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from freezegun import freeze_time
from hypothesis import assume, given
from hypothesis import strategies as st

from ckanext.pronabec import calls
from ckanext.pronabec.helpers import pronabec_call_status, pronabec_region_names
from tests.unit import UNIT

DAY = dt.date(2025, 3, 10)
WINDOW = (
    "(application_open_date:[* TO 2025-03-10T00:00:00Z]"
    " AND application_close_date:[2025-03-10T00:00:00Z TO *])"
)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


# --- a reader of the Solr syntax these functions write -----------------------


def _millis(day: dt.date) -> int:
    """How Solr sees a date field: milliseconds since the epoch at midnight UTC."""
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return int(midnight.timestamp() * 1000)


def _split_top(text: str) -> list[str]:
    """Split at the commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _evaluate(expression: str, doc: dict[str, dt.date]) -> Any:
    """A Solr function query of ``if``, ``gte``, ``ms`` and ``sub``, on one document."""
    expression = expression.strip()
    call = re.fullmatch(r"(\w+)\((.*)\)", expression, re.DOTALL)
    if call is None:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", expression):
            return _millis(dt.date.fromisoformat(expression[:10]))
        if re.fullmatch(r"-?\d+", expression):
            return int(expression)
        return _millis(doc[expression])  # a field
    name, args = call.group(1), [_evaluate(a, doc) for a in _split_top(call.group(2))]
    if name == "ms":
        return args[0] - args[1] if len(args) == 2 else args[0]
    if name == "gte":
        return args[0] >= args[1]
    if name == "sub":
        return args[0] - args[1]
    if name == "if":
        return args[1] if args[0] else args[2]
    raise AssertionError(f"unexpected function {name}")


def _sort_key(sort: str, doc: dict[str, dt.date]) -> tuple[Any, ...]:
    clauses = _split_top(sort)
    assert all(clause.endswith(" asc") for clause in clauses)
    return tuple(_evaluate(clause.removesuffix(" asc"), doc) for clause in clauses)


_RANGE = re.compile(r"(\w+):\[(\S+) TO (\S+)\]")


def _matches(fq: str, doc: dict[str, dt.date]) -> bool:
    """A conjunction of inclusive date ranges, as :func:`open_on` writes it."""
    terms = _RANGE.findall(fq)
    assert fq == "(" + " AND ".join(f"{f}:[{lo} TO {hi}]" for f, lo, hi in terms) + ")"
    for field, low, high in terms:
        at = _millis(doc[field])
        low_ms = None if low == "*" else _evaluate(low, doc)
        high_ms = None if high == "*" else _evaluate(high, doc)
        if (low_ms is not None and at < low_ms) or (high_ms is not None and at > high_ms):
            return False
    return True


def _call(opens: dt.date, closes: dt.date) -> dict[str, Any]:
    return {
        "application_open_date": opens.isoformat(),
        "application_close_date": closes.isoformat(),
    }


def _doc(opens: dt.date, closes: dt.date) -> dict[str, dt.date]:
    return {"application_open_date": opens, "application_close_date": closes}


@pytest.fixture
def lima(ckan_setting):
    """Lima's calendar (config/suite.ini), frozen at DAY 15:00 UTC; yields a re-freezer."""
    ckan_setting("ckan.display_timezone", "America/Lima")
    with freeze_time("2025-03-10 15:00:00", ignore=["hypothesis"]) as frozen:
        yield frozen


# --- open_on and the "open now" rewriting --------------------------------------


def test_open_on_is_an_inclusive_window_around_the_day():
    assert calls.open_on(DAY) == WINDOW


@pytest.mark.parametrize(
    "fq",
    [
        "open_now:true",
        'open_now:"true"',
        "open_now:1",
        'open_now:"1"',
        "OPEN_NOW:TRUE",
        "Open_Now:True",
    ],
)
def test_each_spelling_of_open_now_is_rewritten(fq):
    assert calls.rewrite_open_now(fq, DAY) == WINDOW


def test_open_now_is_rewritten_inside_a_larger_filter():
    fq = '+dataset_type:scholarship open_now:true -organization:"x" OR (open_now:1)'
    assert calls.rewrite_open_now(fq, DAY) == (
        f'+dataset_type:scholarship {WINDOW} -organization:"x" OR ({WINDOW})'
    )


@pytest.mark.parametrize("prefix", ["+", "-", "NOT ", "(", "{!tag=open}"])
def test_an_operator_before_open_now_is_kept(prefix):
    assert calls.rewrite_open_now(f"{prefix}open_now:true", DAY) == f"{prefix}{WINDOW}"


@pytest.mark.parametrize(
    "fq",
    [
        "open_now:false",
        "open_now:0",
        "open_now:*",
        "not_open_now:true",  # another field that ends in open_now
        "extras.open_now:true",
        "reopen_now:1",
        "open_now: true",
        "open_now",
        "",
        "title:open now true",
    ],
)
def test_other_terms_are_left_alone(fq):
    assert calls.rewrite_open_now(fq, DAY) == fq
    assert not calls.OPEN_NOW_TERM.search(fq)


@pytest.mark.parametrize("fq", ["open_now:10", "open_now:trueish", 'open_now:"truely"'])
def test_a_longer_value_that_starts_like_true_is_not_rewritten(fq):
    assert calls.rewrite_open_now(fq, DAY) == fq


@UNIT
@given(st.text())
def test_a_filter_without_open_now_is_unchanged(fq):
    assume("open_now" not in fq.casefold())
    assert calls.rewrite_open_now(fq, DAY) == fq


@UNIT
@given(day=days, before=st.text(max_size=20), after=st.text(max_size=20))
def test_rewriting_is_idempotent_and_leaves_no_open_now_term(day, before, after):
    once = calls.rewrite_open_now(f"{before} open_now:true {after}", day)
    assert calls.rewrite_open_now(once, day) == once
    assert calls.open_on(day) in once


def test_the_replacement_is_literal_text_not_a_regex_template():
    # re.sub reads backslashes and group references in a replacement string;
    # the window has none, so the filter gets it verbatim on any day
    for day in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        assert calls.rewrite_open_now("open_now:true", day) == calls.open_on(day)


# --- the days of a window, indexed for the "open now" facet ---------------------


@pytest.mark.parametrize(
    ("day", "token"),
    [
        (dt.date(2026, 12, 1), "20261201"),
        (dt.date(2025, 3, 10), "20250310"),
        (dt.date(1, 1, 1), "00010101"),  # zero-padded: strftime("%Y") gives "1" here
        (dt.date(9999, 12, 31), "99991231"),
    ],
)
def test_a_day_token_is_yyyymmdd(day, token):
    assert calls.day_token(day) == token


def test_a_window_gives_each_of_its_days_both_ends_included():
    tokens = calls.open_day_tokens(dt.date(2026, 11, 28), dt.date(2026, 12, 2))
    assert tokens == ["20261128", "20261129", "20261130", "20261201", "20261202"]
    assert calls.open_day_tokens(DAY, DAY) == ["20250310"]  # a one-day window
    # across a leap day and the year's end
    assert calls.open_day_tokens(dt.date(2028, 2, 28), dt.date(2028, 3, 1)) == [
        "20280228",
        "20280229",
        "20280301",
    ]
    assert calls.open_day_tokens(dt.date(2026, 12, 31), dt.date(2027, 1, 1)) == [
        "20261231",
        "20270101",
    ]


def test_a_window_that_closes_before_it_opens_has_no_days():
    assert calls.open_day_tokens(DAY, DAY - dt.timedelta(days=1)) == []


def test_a_long_window_is_capped_from_its_first_day():
    tokens = calls.open_day_tokens(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
    assert len(tokens) == calls.MAX_OPEN_DAYS == 3660
    assert tokens[0] == "20000101"
    assert tokens[-1] == calls.day_token(dt.date(2000, 1, 1) + dt.timedelta(days=3659))
    # the calendar's own ends do not overflow
    assert len(calls.open_day_tokens(dt.date(1, 1, 1), dt.date(9999, 12, 31))) == 3660
    assert calls.open_day_tokens(dt.date(9999, 12, 30), dt.date(9999, 12, 31)) == [
        "99991230",
        "99991231",
    ]
    assert calls.open_day_tokens(DAY, DAY + dt.timedelta(days=9), limit=3) == [
        "20250310",
        "20250311",
        "20250312",
    ]


@UNIT
@given(st.tuples(days, days).map(sorted), st.integers(-400, 40_000))
def test_a_days_token_is_indexed_exactly_when_the_open_now_filter_matches(window, offset):
    # the facet counts a call on the days the filter finds it, within the cap
    opens, closes = window
    today = opens + dt.timedelta(days=offset)
    tokens = calls.open_day_tokens(opens, closes)
    in_cap = (today - opens).days < calls.MAX_OPEN_DAYS
    assert (calls.day_token(today) in tokens) == (
        _matches(calls.open_on(today), _doc(opens, closes)) and in_cap
    )
    assert tokens == sorted(set(tokens))  # one term per day, in order
    assert len(tokens) == min((closes - opens).days + 1, calls.MAX_OPEN_DAYS)


def test_the_open_now_facet_counts_the_days_term_under_the_facets_name():
    facet = calls.open_now_facet(DAY)
    assert facet == "{!lucene terms=20250310 key=open_now}vocab_open_days"
    assert calls.OPEN_DAYS_FIELD.startswith("vocab_")  # multi-valued string in CKAN's schema


def test_ckan_reads_the_facets_local_parameters_as_the_lucene_parser():
    # config/suite.ini allows exactly this parser type
    from ckan.lib.search.query import _get_local_query_parser

    assert _get_local_query_parser(calls.open_now_facet(dt.date(2026, 12, 1))) == "lucene"


# --- the deadline sort ---------------------------------------------------------


def test_deadline_sort_has_two_ascending_clauses_on_the_day():
    sort = calls.deadline_sort(DAY)
    assert len(_split_top(sort)) == 2
    assert set(re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z", sort)) == {"2025-03-10T00:00:00Z"}
    assert calls.DEADLINE_SORT == "deadline"


def test_deadline_sort_orders_open_then_upcoming_then_closed():
    d = dt.timedelta
    docs = {
        "closed long ago": _doc(DAY - d(90), DAY - d(60)),
        "closed yesterday": _doc(DAY - d(30), DAY - d(1)),
        "closes in 20 days": _doc(DAY - d(5), DAY + d(20)),
        "closes today": _doc(DAY - d(10), DAY),
        "opens today": _doc(DAY, DAY + d(5)),
        "opens tomorrow": _doc(DAY + d(1), DAY + d(3)),
        "opens next month": _doc(DAY + d(30), DAY + d(60)),
    }
    sort = calls.deadline_sort(DAY)
    ranked = sorted(docs, key=lambda name: _sort_key(sort, docs[name]))
    assert ranked == [
        "closes today",
        "opens today",
        "closes in 20 days",
        "opens tomorrow",
        "opens next month",
        "closed yesterday",
        "closed long ago",
    ]


@UNIT
@given(st.lists(st.tuples(days, days).map(sorted), min_size=1, max_size=8), days)
def test_deadline_sort_agrees_with_each_calls_status(windows, today):
    sort = calls.deadline_sort(today)
    keys = [_sort_key(sort, _doc(opens, closes)) for opens, closes in windows]
    state = {0: "open", 1: "upcoming", 2: "closed"}
    for (opens, closes), key in zip(windows, keys, strict=True):
        expected = "upcoming" if today < opens else "closed" if today > closes else "open"
        assert state[key[0]] == expected
        # by closing date: soonest first while not closed, latest first once closed
        close_ms = _millis(closes)
        assert key[1] == (close_ms if expected != "closed" else -close_ms)


# --- days_left -------------------------------------------------------------------


@UNIT
@given(days, days)
def test_days_left_counts_calendar_days(close, today):
    assert calls.days_left(close, today) == (close - today).days
    assert calls.days_left(today, today) == 0
    assert calls.days_left(close, today) == -calls.days_left(today, close)


# --- pronabec_call_status ------------------------------------------------------


@pytest.mark.usefixtures("lima")
@pytest.mark.parametrize(
    ("opens", "closes", "state", "days_"),
    [
        ("2025-03-01", "2025-03-20", "open", 10),
        ("2025-03-10", "2025-03-20", "open", 10),  # opens today
        ("2025-03-01", "2025-03-10", "open", 0),  # closes today: open through the day
        ("2025-03-10", "2025-03-10", "open", 0),  # a one-day window
        ("2025-03-11", "2025-03-20", "upcoming", 1),
        ("2026-03-10", "2026-04-10", "upcoming", 365),
        ("2025-02-01", "2025-03-09", "closed", 1),
        ("2024-03-01", "2024-03-10", "closed", 365),
    ],
)
def test_status_of_a_call(opens, closes, state, days_):
    pkg = {"application_open_date": opens, "application_close_date": closes}
    assert pronabec_call_status(pkg) == {"state": state, "days": days_}


@pytest.mark.usefixtures("lima")
@pytest.mark.parametrize(
    "value",
    [
        dt.date(2025, 3, 20),
        dt.datetime(2025, 3, 20, 23, 59),
        "2025-03-20",
        "2025-03-20T00:00:00",
        "  2025-03-20  ",
    ],
)
def test_status_reads_dates_as_stored_or_as_given(value):
    pkg = {"application_open_date": "2025-03-01", "application_close_date": value}
    assert pronabec_call_status(pkg) == {"state": "open", "days": 10}


@pytest.mark.usefixtures("lima")
@pytest.mark.parametrize(
    "pkg",
    [
        {},
        {"application_open_date": "2025-03-01"},
        {"application_close_date": "2025-03-20"},
        {"application_open_date": None, "application_close_date": "2025-03-20"},
        {"application_open_date": "", "application_close_date": "2025-03-20"},
        {"application_open_date": "2025-02-30", "application_close_date": "2025-03-20"},
        {"application_open_date": "2025-03-01", "application_close_date": "soon"},
        {"application_open_date": 20250301, "application_close_date": "2025-03-20"},
        {"application_open_date": ["2025-03-01"], "application_close_date": "2025-03-20"},
    ],
)
def test_status_of_a_call_without_two_readable_dates_is_unknown(pkg):
    assert pronabec_call_status(pkg) == {"state": "unknown", "days": 0}


def test_status_changes_at_midnight_in_lima_not_utc(lima):
    pkg = {"application_open_date": "2024-12-01", "application_close_date": "2024-12-15"}
    # 22:00 on the closing day in Lima is already 16 December in UTC
    lima.move_to("2024-12-16 03:00:00")
    assert pronabec_call_status(pkg) == {"state": "open", "days": 0}
    lima.move_to("2024-12-16 04:59:59")
    assert pronabec_call_status(pkg) == {"state": "open", "days": 0}
    lima.move_to("2024-12-16 05:00:00")  # midnight in Lima (UTC-5, no daylight saving)
    assert pronabec_call_status(pkg) == {"state": "closed", "days": 1}


@pytest.mark.parametrize("zone", ["server", "UTC", ""])
def test_status_follows_utc_when_the_portal_says_so(ckan_setting, zone):
    ckan_setting("ckan.display_timezone", zone)
    pkg = {"application_open_date": "2024-12-01", "application_close_date": "2024-12-15"}
    with freeze_time("2024-12-16 03:00:00"):
        assert pronabec_call_status(pkg) == {"state": "closed", "days": 1}


@UNIT
@given(st.tuples(days, days).map(sorted), st.integers(-400, 400))
def test_status_agrees_with_the_open_now_filter_and_days_left(lima, window, offset):
    opens, closes = window
    today = DAY + dt.timedelta(days=offset)
    lima.move_to(f"{today.isoformat()} 15:00:00")
    status = pronabec_call_status(_call(opens, closes))
    assert _matches(calls.open_on(today), _doc(opens, closes)) == (status["state"] == "open")
    assert status["days"] >= 0
    if status["state"] == "open":
        assert status["days"] == calls.days_left(closes, today)
    elif status["state"] == "upcoming":
        assert status["days"] == (opens - today).days > 0
    else:
        assert status["state"] == "closed"
        assert status["days"] == (today - closes).days > 0


# --- pronabec_region_names -------------------------------------------------------


@pytest.mark.parametrize(
    ("regions", "names"),
    [
        (["08", "15"], ["Cusco", "Lima"]),
        (["15", "08"], ["Lima", "Cusco"]),  # the call's order
        (["nacional"], []),
        (["08", "nacional"], []),  # national includes every region
        ([], []),
        (None, []),
        (["99", "0801"], ["99", "0801"]),  # not departments: shown as given
    ],
)
def test_region_names(regions, names):
    assert pronabec_region_names(regions) == names
