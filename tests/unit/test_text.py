"""Text a person can see (ckanext/pe_catalog/text.py)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ckanext.pe_catalog.text import (
    BLANK_CHARACTERS,
    INVISIBLE_CATEGORIES,
    NOT_CHARACTERS,
    NOT_XML,
    has_invisible,
    is_blank,
)
from tests.unit import UNIT

NOT_A_CHARACTER = re.compile(f"[{NOT_CHARACTERS}]")
SHOWS_NOTHING = [
    " ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",  # no-break space
    "\u2003",  # em space
    "\u3000",  # ideographic space
    "\u2028",  # line separator
    "\u2029",
    "\x00",
    "\x7f",
    "\x85",
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\u034f",  # combining grapheme joiner
    "\u115f",  # Hangul choseong filler
    "\u3164",  # Hangul filler
    "\uffa0",  # half-width Hangul filler
    "\u17b4",  # Khmer inherent vowel
    "\u180b",  # Mongolian variation selector
    "\ufe0f",  # variation selector 16
    "\U000e0100",  # variation selector 17
    "\u2800",  # blank Braille pattern
    "\U000e0041",  # tag letter A
]
SHOWS_SOMETHING = ["a", "Ñ", "0", ".", "\u0301", "\u2801", "😀", "中", "\ufffd", "ـ"]


@pytest.mark.parametrize("char", SHOWS_NOTHING)
def test_characters_that_show_nothing(char):
    assert is_blank(char)
    assert is_blank(char * 3)
    assert has_invisible(char)
    assert has_invisible(f"a{char}b")
    assert not is_blank(f"a{char}")


@pytest.mark.parametrize("char", SHOWS_SOMETHING)
def test_characters_that_show_something(char):
    assert not is_blank(char)
    assert not has_invisible(char)
    assert not has_invisible(char * 5)


def test_empty_text_is_blank_and_holds_nothing_invisible():
    assert is_blank("")
    assert not has_invisible("")


def test_blank_characters_are_none_of_the_invisible_categories():
    # the list adds what the categories miss; none of it would be caught anyway
    assert all(unicodedata.category(c) not in INVISIBLE_CATEGORIES for c in BLANK_CHARACTERS)
    assert len(BLANK_CHARACTERS) == 12 + 16 + 240


@UNIT
@given(st.text(), st.text())
def test_blank_and_invisible_compose_over_concatenation(a, b):
    assert is_blank(a + b) == (is_blank(a) and is_blank(b))
    assert has_invisible(a + b) == (has_invisible(a) or has_invisible(b))


@UNIT
@given(st.text(min_size=1))
def test_blank_text_holds_only_invisible_characters(text):
    assert is_blank(text) == all(has_invisible(c) for c in text)
    if is_blank(text):
        assert has_invisible(text)


@pytest.mark.parametrize(
    "char",
    ["\ud800", "\udfff", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"],
)
def test_not_characters(char):
    assert NOT_A_CHARACTER.fullmatch(char)


@pytest.mark.parametrize(
    "char", ["a", "\ufdcf", "\ufdf0", "\ufffd", "\U0001fffd", "\U00010000", "\x00"]
)
def test_characters(char):
    assert not NOT_A_CHARACTER.search(char)


@UNIT
@given(st.characters())
def test_not_characters_are_exactly_unicodes_noncharacters_and_surrogates(char):
    code = ord(char)
    expected = 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
    assert bool(NOT_A_CHARACTER.fullmatch(char)) == expected


@UNIT
@given(st.characters(max_codepoint=0xFFFF))
def test_not_xml_is_what_xml_1_0_cannot_carry(char):
    code = ord(char)
    # XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
    assert bool(NOT_XML.search(char)) == (not allowed)


def test_not_xml_lets_astral_characters_through():
    assert not NOT_XML.search("😀 \U0010fffd")
