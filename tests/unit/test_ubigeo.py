"""Peru's places by INEI UBIGEO code (ckanext/pe_catalog/ubigeo.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ckanext.pe_catalog import ubigeo
from tests.unit import UNIT

known_codes = st.sampled_from(
    sorted(code for kind in ("department", "province", "district") for code in ubigeo._names(kind))
)
digit_codes = st.from_regex(r"[0-9]{2}|[0-9]{4}|[0-9]{6}", fullmatch=True)


def test_ineis_list_sizes():
    sizes = {kind: len(ubigeo._names(kind)) for kind in ("department", "province", "district")}
    assert sizes == {"department": 25, "province": 196, "district": 1893}


def test_departments_in_code_order():
    assert list(ubigeo.DEPARTMENTS) == [f"{n:02d}" for n in range(1, 26)]
    assert ubigeo.DEPARTMENTS["02"] == "Áncash"  # INEI's names, with accents
    assert ubigeo.DEPARTMENTS["07"] == "Callao"  # INEI code (RENIEC's differ from 07 on)
    assert ubigeo.DEPARTMENTS["08"] == "Cusco"
    assert ubigeo.DEPARTMENTS["15"] == "Lima"


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("08", "department"),
        ("0801", "province"),
        ("0809", "province"),
        ("080101", "district"),
        ("080901", "district"),
        ("150101", "district"),
        ("080199", None),  # well-formed, but Cusco's province 01 has no district 99
        ("0899", None),
        ("00", None),
        ("26", None),
        ("8", None),
        ("080", None),
        ("0801011", None),
        ("", None),
        (" 08", None),
        ("08\n", None),
        ("٠٨", None),  # digits to str.isdigit, not on the list
        ("０８", None),
        ("nacional", None),
        ("XX", None),
    ],
)
def test_level(code, level):
    assert ubigeo.level(code) == level
    assert ubigeo.is_known(code) == (level is not None)


@pytest.mark.parametrize(
    ("code", "department"),
    [
        ("08", "08"),
        ("0809", "08"),
        ("080901", "08"),
        ("150101", "15"),
        (" 080901 ", "08"),  # surrounding spaces are dropped
        ("080199", None),
        ("nacional", None),
        ("", None),
        ("8", None),
    ],
)
def test_department_code(code, department):
    assert ubigeo.department_code(code) == department


@pytest.mark.parametrize(
    ("code", "names", "place"),
    [
        ("08", ["Cusco"], "Cusco"),
        ("0801", ["Cusco", "Cusco"], "Cusco, Cusco"),
        ("0809", ["Cusco", "La Convención"], "La Convención, Cusco"),
        ("080901", ["Cusco", "La Convención", "Santa Ana"], "Santa Ana, La Convención, Cusco"),
        ("080199", [], "080199"),
        ("nacional", [], "Perú"),
        ("NACIONAL", [], "NACIONAL"),
        ("", [], ""),
        ("<b>08</b>", [], "<b>08</b>"),
    ],
)
def test_names_and_place_name(code, names, place):
    assert ubigeo.names(code) == names
    assert ubigeo.place_name(code) == place


@pytest.mark.parametrize(
    ("code", "name"), [("08", "Cusco"), ("25", "Ucayali"), ("99", "99"), ("", "")]
)
def test_department_name(code, name):
    assert ubigeo.department_name(code) == name


def test_national_value():
    assert ubigeo.NATIONAL == "nacional"
    assert not ubigeo.is_known(ubigeo.NATIONAL)


@UNIT
@given(known_codes)
def test_a_known_place_lies_in_known_places(code):
    # each district's province, and each province's department, is on the list too
    for length in range(2, len(code) + 1, 2):
        assert ubigeo.is_known(code[:length])
    assert ubigeo.level(code) == ubigeo.LEVELS[len(code)]
    assert ubigeo.department_code(code) == code[:2]
    names = ubigeo.names(code)
    assert len(names) == len(code) // 2
    assert names[0] == ubigeo.department_name(code[:2])
    assert all(name.strip() == name and name for name in names)
    assert ubigeo.place_name(code) == ", ".join(reversed(names))


@UNIT
@given(digit_codes)
def test_any_digit_code_is_known_or_kept_as_is(code):
    if ubigeo.is_known(code):
        assert ubigeo.department_code(code) == code[:2]
        assert ubigeo.place_name(code) != code
    else:
        assert ubigeo.department_code(code) is None
        assert ubigeo.names(code) == []
        assert ubigeo.place_name(code) == code


@UNIT
@given(st.text())
def test_any_text_is_handled(code):
    level = ubigeo.level(code)
    assert level in (None, "department", "province", "district")
    assert isinstance(ubigeo.place_name(code), str)
    if level is None and code != ubigeo.NATIONAL:
        assert ubigeo.place_name(code) == code
