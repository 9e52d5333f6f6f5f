"""ICD-10 chapters and ATC groups of HTA codes (ckanext/hta/vocabularies.py)."""

from __future__ import annotations

import itertools
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ckanext.hta.vocabularies import (
    ATC_GROUPS,
    ICD10_CHAPTERS,
    atc_group,
    atc_group_label,
    icd10_chapter,
    icd10_chapter_label,
)
from ckanext.pe_catalog.codes import CODE_FORMATS
from tests.unit import UNIT

# codes the "icd10" item format accepts (what reaches the index)
icd10_codes = st.from_regex(r"[A-Z][0-9]{2}(\.[0-9]{1,2})?", fullmatch=True)
atc_codes = st.from_regex(CODE_FORMATS["atc"].pattern, fullmatch=True)


def test_chapters_are_in_order_and_do_not_overlap():
    for first, last, _es, _en in ICD10_CHAPTERS:
        assert first <= last
        assert all(
            len(code) == 3 and code[0].isupper() and code[1:].isdigit() for code in (first, last)
        )
    for (_, last, _, _), (first, _, _, _) in itertools.pairwise(ICD10_CHAPTERS):
        assert last < first


def test_every_chapter_has_both_labels():
    for first, last, es, en in ICD10_CHAPTERS:
        assert es.strip() and en.strip()
        assert icd10_chapter_label(f"{first}-{last}") == {
            "es": f"{first}-{last} {es}",
            "en": f"{first}-{last} {en}",
        }


@pytest.mark.parametrize(
    ("code", "chapter"),
    [
        ("A00", "A00-B99"),
        ("B99.9", "A00-B99"),
        ("C50.9", "C00-D48"),
        ("c50.9", "C00-D48"),  # any case
        ("D48", "C00-D48"),
        ("D50", "D50-D89"),  # the chapter changes inside a letter
        ("H59", "H00-H59"),
        ("H60", "H60-H95"),
        ("S72.0", "S00-T98"),  # a chapter over two letters
        ("T98", "S00-T98"),
        ("U07.1", "U00-U99"),  # COVID-19
        ("W19", "V01-Y98"),
        ("X40", "V01-Y98"),
        ("Z99", "Z00-Z99"),
    ],
)
def test_chapter_of_a_code(code, chapter):
    assert icd10_chapter(code) == chapter


@pytest.mark.parametrize(
    "code",
    ["D49", "H96", "K94", "P97", "T99", "V00", "Y99", "", "9", "00", "ÁA0", "%", "\x00"],
)
def test_codes_in_no_chapter(code):
    assert icd10_chapter(code) is None


@UNIT
@given(icd10_codes)
def test_a_code_is_in_its_chapters_range(code):
    chapter = icd10_chapter(code)
    if chapter is None:
        assert all(not (f <= code[:3] <= la) for f, la, _, _ in ICD10_CHAPTERS)
    else:
        first, last = chapter.split("-")
        assert first <= code[:3] <= last
        assert icd10_chapter(code.lower()) == chapter
        assert icd10_chapter_label(chapter)["en"].startswith(f"{chapter} ")


@pytest.mark.parametrize("chapter", ["", "C00-D49", "c00-d48", "X", "<script>"])
def test_unknown_chapter_is_labelled_as_itself(chapter):
    assert icd10_chapter_label(chapter) == {"es": chapter, "en": chapter}


def test_atc_groups_are_the_letters_the_atc_format_accepts():
    # the item format and the facet agree on WHO's 14 anatomical main groups
    accepted = {letter for letter in string.ascii_uppercase if CODE_FORMATS["atc"].accepts(letter)}
    assert accepted == set(ATC_GROUPS)
    assert len(ATC_GROUPS) == 14


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("L01FF02", "L"),
        ("l01ff02", "L"),
        ("A", "A"),
        ("V03AB", "V"),
        ("E01", None),
        ("", None),
        ("1", None),
        ("Ñ", None),
    ],
)
def test_atc_group(code, group):
    assert atc_group(code) == group


@UNIT
@given(atc_codes)
def test_every_valid_atc_code_has_a_labelled_group(code):
    group = code[0]
    assert atc_group(code) == group
    labels = atc_group_label(group)
    assert labels["es"] == f"{group} {ATC_GROUPS[group][0]}"
    assert labels["en"] == f"{group} {ATC_GROUPS[group][1]}"


def test_atc_group_label():
    assert atc_group_label("L") == {
        "es": "L Agentes antineoplásicos e inmunomoduladores",
        "en": "L Antineoplastic and immunomodulating agents",
    }


@pytest.mark.parametrize("letter", ["Z", "", "<b>"])
def test_atc_group_label_of_an_unknown_letter_names_the_letter(letter):
    labels = atc_group_label(letter)
    assert set(labels) == {"es", "en"}
    assert all(label.startswith(letter) for label in labels.values())


def test_an_unknown_atc_group_is_labelled_by_its_code_alone():
    # as an unknown ICD-10 chapter, not "Z Z"
    assert atc_group_label("Z") == {"es": "Z", "en": "Z"}
