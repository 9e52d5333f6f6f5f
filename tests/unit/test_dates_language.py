"""Peru's calendar dates (ckanext/pe_catalog/dates.py) and the language outside
requests (ckanext/pe_catalog/language.py).

Both read CKAN's config; each test sets the keys it depends on, so the result
is the same with or without a CKAN config loaded. No request context exists
here, which is the case these functions handle for commands and jobs.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from flask import has_request_context
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from ckanext.pe_catalog import dates
from ckanext.pe_catalog.language import choice_label, current_language, language_text
from tests.unit import UNIT

# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "zone"),
    [("America/Lima", "America/Lima"), ("server", "UTC"), ("", "UTC"), ("UTC", "UTC")],
)
def test_catalog_timezone(ckan_setting, setting, zone):
    ckan_setting("ckan.display_timezone", setting)
    assert dates.catalog_timezone() == ZoneInfo(zone)


@pytest.mark.parametrize(
    ("utc", "lima_day"),
    [
        ("2024-12-16 04:59:59", dt.date(2024, 12, 15)),
        ("2024-12-16 05:00:00", dt.date(2024, 12, 16)),
        ("2025-01-01 02:00:00", dt.date(2024, 12, 31)),  # still last year in Lima
        ("2024-07-01 12:00:00", dt.date(2024, 7, 1)),  # no daylight saving in Peru
    ],
)
def test_today_is_the_date_in_lima(ckan_setting, utc, lima_day):
    ckan_setting("ckan.display_timezone", "America/Lima")
    with freeze_time(utc):
        assert dates.today() == lima_day


def test_today_in_utc(ckan_setting):
    ckan_setting("ckan.display_timezone", "server")
    with freeze_time("2024-12-16 04:59:59"):
        assert dates.today() == dt.date(2024, 12, 16)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
        (dt.datetime(2024, 2, 29, 23, 59), dt.date(2024, 2, 29)),
        (dt.datetime(2024, 2, 29, 23, 0, tzinfo=ZoneInfo("America/Lima")), dt.date(2024, 2, 29)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("2024-02-29T10:30:00", dt.date(2024, 2, 29)),
        ("2024-02-29T10:30:00+00:00", dt.date(2024, 2, 29)),
        ("  2024-02-29\n", dt.date(2024, 2, 29)),
        ("2024-02-29 and more", dt.date(2024, 2, 29)),  # only the first ten characters count
        ("2023-02-29", None),
        ("2024-13-01", None),
        ("29/02/2024", None),
        ("2024-2-9", None),
        ("", None),
        ("   ", None),
        (None, None),
        (20240229, None),
        (1.5, None),
        (True, None),
        (["2024-02-29"], None),
        ({"date": "2024-02-29"}, None),
        (b"2024-02-29", None),
    ],
)
def test_as_date(value, expected):
    assert dates.as_date(value) == expected


@UNIT
@given(st.dates())
def test_as_date_reads_back_iso_dates(day):
    assert dates.as_date(day) == day
    assert dates.as_date(day.isoformat()) == day
    assert dates.as_date(dt.datetime.combine(day, dt.time(23, 59, 59))) == day
    assert type(dates.as_date(dt.datetime.combine(day, dt.time()))) is dt.date


@UNIT
@given(st.text(max_size=30))
def test_as_date_of_any_text_is_a_date_or_none(text):
    result = dates.as_date(text)
    assert result is None or isinstance(result, dt.date)


# --- language ----------------------------------------------------------------------


def test_there_is_no_request_here():
    assert not has_request_context()


@pytest.mark.parametrize(("setting", "language"), [("es", "es"), ("en", "en"), ("", "es")])
def test_outside_a_request_the_portals_default_language_applies(ckan_setting, setting, language):
    ckan_setting("ckan.locale_default", setting)
    assert current_language() == language


@pytest.mark.parametrize(
    ("label", "default", "text"),
    [
        ({"es": "Salud", "en": "Health"}, "es", "Salud"),
        ({"es": "Salud", "en": "Health"}, "en", "Health"),
        ({"en": "Health"}, "es", "Health"),  # Spanish missing: English
        ({"es": "Salud"}, "en", "Salud"),  # English missing: Spanish
        ({"es": "", "en": "Health"}, "es", "Health"),  # an empty text counts as missing
        ({"qu": "Qhali kay"}, "es", "Qhali kay"),  # any text rather than none
        ({"qu": "Qhali kay", "es": "Salud"}, "qu", "Qhali kay"),
        ({}, "es", ""),
        ("Salud", "en", "Salud"),  # a plain label in any language
        (None, "es", ""),
        (2024, "es", "2024"),
    ],
)
def test_language_text(ckan_setting, label, default, text):
    ckan_setting("ckan.locale_default", default)
    assert language_text(label) == text


CHOICES = [
    {"value": "favorable", "label": {"es": "Favorable", "en": "In favour"}},
    {"value": "no-favorable", "label": {"es": "No favorable", "en": "Not in favour"}},
    {"value": "sin-etiqueta"},
    {"value": 1, "label": "Uno"},
]


@pytest.mark.parametrize(
    ("value", "default", "label"),
    [
        ("favorable", "es", "Favorable"),
        ("favorable", "en", "In favour"),
        ("no-favorable", "en", "Not in favour"),
        ("sin-etiqueta", "es", "sin-etiqueta"),  # a choice without a label: its value
        ("desconocido", "es", "desconocido"),  # not a choice: the value itself
        (None, "es", ""),
        ("", "es", ""),
        (1, "es", "Uno"),
        ("1", "es", "1"),  # values compare as stored, without conversion
        ({"es": "Texto"}, "es", "Texto"),
    ],
)
def test_choice_label(ckan_setting, value, default, label):
    ckan_setting("ckan.locale_default", default)
    assert choice_label(CHOICES, value) == label
    assert choice_label([], value) == language_text(value)
