"""Item formats of list fields (ckanext/pe_catalog/codes.py).

``accepts`` takes a normalised code (the validator normalises first), so the
tests call ``normalise`` where a user's input is meant. Messages go through
gettext: outside a request Flask-Babel returns the English message itself
(no app or request is needed), which is what these tests read.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ckanext.pe_catalog import ubigeo
from ckanext.pe_catalog.codes import CODE_FORMATS
from tests.unit import UNIT

ATC, ICD10, DEPARTMENT, UBIGEO = (CODE_FORMATS[k] for k in ("atc", "icd10", "department", "ubigeo"))


def _valid(fmt, code: str) -> bool:
    return fmt.accepts(fmt.normalise(code))


def test_the_four_formats():
    assert set(CODE_FORMATS) == {"atc", "icd10", "department", "ubigeo"}


# --- ATC ---------------------------------------------------------------------


@pytest.mark.parametrize("code", ["L", "L01", "L01F", "L01FF", "L01FF02", "l01ff02", "V03AB01"])
def test_atc_codes_of_every_level(code):
    assert _valid(ATC, code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "E",  # no such main group
        "L0",
        "L01F0",
        "L01FF2",
        "L01FF023",
        "L01 FF02",
        " L01",
        "L01\n",
        "L01FF02\x00",
        "Ｌ01",  # full-width letter
        "L٠١",  # Arabic-Indic digits
        "L01FF0２",
    ],
)
def test_not_atc_codes(code):
    assert not _valid(ATC, code)


def test_atc_does_not_normalise_inside_accepts():
    assert not ATC.accepts("l01")
    assert ATC.normalise("l01ff02") == "L01FF02"


# --- ICD-10 --------------------------------------------------------------------


@pytest.mark.parametrize("code", ["C50", "C50.9", "c50.9", "Z99.11", "U07.1", "A00"])
def test_icd10_codes(code):
    assert _valid(ICD10, code)


@pytest.mark.parametrize(
    "code", ["", "C5", "C500", "C50.", "C50.123", "C50-9", "50.9", "CC0", "C50.9 ", "Ç50"]
)
def test_not_icd10_codes(code):
    assert not _valid(ICD10, code)


# --- departments -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_code", "normalised"), [("8", "08"), (" 8 ", "08"), ("08", "08"), ("25", "25")]
)
def test_department_codes_are_padded(given_code, normalised):
    assert DEPARTMENT.normalise(given_code) == normalised
    assert DEPARTMENT.accepts(normalised)


@pytest.mark.parametrize(
    "code", ["", "0", "00", "26", "99", "080", "0801", "-8", "8a", "٠٨", "０８"]
)
def test_not_departments(code):
    assert not _valid(DEPARTMENT, code)


def test_every_department_and_only_them():
    accepted = {f"{n:02d}" for n in range(100) if DEPARTMENT.accepts(f"{n:02d}")}
    assert accepted == set(ubigeo.DEPARTMENTS) == {f"{n:02d}" for n in range(1, 26)}


# --- UBIGEO ----------------------------------------------------------------------


@pytest.mark.parametrize("code", ["08", "0809", "080901", " 150101 ", "0801"])
def test_ubigeo_codes_of_every_level(code):
    assert _valid(UBIGEO, code)


@pytest.mark.parametrize(
    "code",
    [
        "080199",  # well-formed, but no such district
        "0899",
        "26",
        "080",
        "08010",
        "0801011",
        "08 01",
        "nacional",  # the national value is a choice of its own, not a UBIGEO code
        "",
        "０８",
    ],
)
def test_not_on_ineis_list(code):
    assert not _valid(UBIGEO, code)


@pytest.mark.parametrize(
    ("written", "code"), [("8", "08"), ("809", "0809"), ("80901", "080901"), (" 1 ", "01")]
)
def test_a_code_written_as_a_number_gets_its_leading_zero_back(written, code):
    # a spreadsheet cell or a JSON number drops it, as the department format reads "8"
    assert UBIGEO.normalise(written) == code
    assert _valid(UBIGEO, written)


@UNIT
@given(st.from_regex(r"[0-9]{2}([0-9]{2}){0,2}", fullmatch=True))
def test_a_well_formed_ubigeo_is_accepted_exactly_when_inei_lists_it(code):
    assert UBIGEO.accepts(code) == ubigeo.is_known(code)


def test_every_listed_place_is_accepted():
    for kind in ("department", "province", "district"):
        assert all(UBIGEO.accepts(code) for code in ubigeo._names(kind))


# --- messages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("atc", '"X1" is not a WHO ATC code (e.g. L01FF02)'),
        ("icd10", '"X1" is not an ICD-10 code (e.g. C50.9)'),
        ("department", '"X1" is not an INEI department code (01-25)'),
        (
            "ubigeo",
            '"X1" is not on INEI\'s list of departments, provinces and districts'
            " (UBIGEO, e.g. 08, 0801, 080101)",
        ),
    ],
)
def test_messages_name_the_code(name, expected):
    assert CODE_FORMATS[name].message("X1") == expected


@UNIT
@given(st.sampled_from(sorted(CODE_FORMATS)), st.text())
def test_a_message_shows_any_code_verbatim(name, code):
    # braces in a user's code are not format fields of the message
    message = CODE_FORMATS[name].message(code)
    assert f'"{code}"' in message
