"""Citations of an HTA report (ckanext/hta/citation.py): text, BibTeX and RIS.

Only what needs no CKAN app: ``Reference.from_dataset`` and ``choice`` read the
scheming schema and build URLs, so tests/hta covers them with a running portal.
The BibTeX and RIS records are read back with the parsers tests/hta uses
(bibtexparser, rispy), as a reference manager would.
"""

from __future__ import annotations

import dataclasses
import re

import bibtexparser
import pytest
import rispy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ckanext.hta.citation import PLACE, Reference, bibtex, designation, plain, ris
from tests.unit import UNIT

REF = Reference(
    key="pembrolizumab",
    title="Pembrolizumab en cáncer de pulmón",
    authors=["Pérez García, Ana", "Quispe Mamani, Luis"],
    institution="IETSI - EsSalud",
    report_type="Dictamen preliminar",
    number="N° 012-DETS-IETSI-2023",
    date="2023-05-17",
    url="https://datos.example.pe/hta-report/pembrolizumab",
    abstract="Primera línea.\n\n  Segunda\tlínea. ",
    keywords=["inmunoterapia", "oncología"],
    note="Recommendation: In favour",
)

# text a single-line field (title, author, code...) may hold: the suite's guard
# refuses C0 and C1 controls and line separators in them (logic/input_checks.py)
line_text = st.text(
    st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters="\u2028\u2029" + "".join(map(chr, range(0x7F, 0xA0))),
        min_codepoint=0x20,
    ),
    min_size=1,
    max_size=40,
)

# as the suite stores single-line values (strip_value)
stripped_text = line_text.filter(lambda s: s == s.strip())


_LATEX_CHARACTERS = {
    "textbackslash": "\\",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciitilde": "~",
    "textasciicircum": "^",
}


def _unescape_bibtex(value: str) -> str:
    """The text of a value as citation.bibtex writes it (braces and backslash as
    LaTeX commands in their own group, the other specials with a backslash)."""
    value = re.sub(r"\{\\(text\w+)\}", lambda m: _LATEX_CHARACTERS[m.group(1)], value)
    return re.sub(r"\\([&%$#_])", r"\1", value)


def _bibtex_entry(ref: Reference) -> dict[str, str]:
    (entry,) = bibtexparser.loads(bibtex(ref)).entries
    return entry


# --- Reference and designation -------------------------------------------------


def test_year_is_the_dates_first_four_characters():
    assert REF.year == "2023"
    assert dataclasses.replace(REF, date="").year == ""


def test_reference_is_immutable_and_has_defaults():
    ref = Reference("k", "t", ["a"], "i", "type", "n", "2020-01-01", "u")
    assert (ref.abstract, ref.keywords, ref.language, ref.note) == ("", [], "es", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.title = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("report_type", "number", "expected"),
    [
        ("Dictamen preliminar", "N° 012-2023", "Dictamen preliminar N° 012-2023"),
        # the code already starts with the type, in another case and without accents
        (
            "Revisión sistemática",
            "Revisión Sistemática N° 01-2022-INS/UNAGESP",
            "Revisión Sistemática N° 01-2022-INS/UNAGESP",
        ),
        ("Revisión sistemática", "REVISION SISTEMATICA 01", "REVISION SISTEMATICA 01"),
        ("Informe", "", "Informe"),
        ("", "N° 5", "N° 5"),
        ("", "", ""),
        ("Straße", "STRASSE 1", "STRASSE 1"),  # case folding, not just lower()
    ],
)
def test_designation(report_type, number, expected):
    assert designation(report_type, number) == expected


@UNIT
@given(stripped_text, stripped_text)
def test_designation_ends_with_the_code_and_names_the_type_once(report_type, number):
    result = designation(report_type, number)
    assert result.endswith(number)
    assert result in (number, f"{report_type} {number}")
    # a code that already names the type is given alone (for a type whose
    # capitals fold back to it: dotless "ı" upper-cases to "I", which does not)
    assume(report_type.upper().casefold() == report_type.casefold())
    assert designation(report_type, f"{report_type.upper()} {number}") == (
        f"{report_type.upper()} {number}"
    )


# --- plain text ----------------------------------------------------------------


def test_plain_citation():
    assert plain(REF) == (
        "Pérez García, Ana; Quispe Mamani, Luis. Pembrolizumab en cáncer de pulmón. "
        "Dictamen preliminar N° 012-DETS-IETSI-2023. Lima, Perú: IETSI - EsSalud; 2023. "
        "Available at: https://datos.example.pe/hta-report/pembrolizumab"
    )


def test_plain_citation_does_not_repeat_the_type():
    ref = dataclasses.replace(
        REF, report_type="Dictamen preliminar", number="DICTAMEN PRELIMINAR 1"
    )
    assert ". DICTAMEN PRELIMINAR 1. " in plain(ref)
    assert "Dictamen preliminar DICTAMEN" not in plain(ref)


def test_plain_citation_keeps_braces_in_values():
    # the message is formatted once, so braces in a URL or title are text
    ref = dataclasses.replace(REF, title="{0} {url}", url="https://x.pe/{id}")
    text = plain(ref)
    assert ". {0} {url}. " in text
    assert text.endswith("Available at: https://x.pe/{id}")


# --- BibTeX --------------------------------------------------------------------


def test_bibtex_record_is_read_back():
    entry = _bibtex_entry(REF)
    assert entry == {
        "ENTRYTYPE": "techreport",
        "ID": "pembrolizumab",
        "title": "{Pembrolizumab en cáncer de pulmón}",  # its capitals kept as written
        "author": "Pérez García, Ana and Quispe Mamani, Luis",
        "institution": "IETSI - EsSalud",
        "type": "Dictamen preliminar",
        "number": "N° 012-DETS-IETSI-2023",
        "year": "2023",
        "date": "2023-05-17",
        "address": PLACE,
        "url": "https://datos.example.pe/hta-report/pembrolizumab",
        "language": "es",
        "abstract": "Primera línea. Segunda línea.",  # whitespace collapsed
        "keywords": "inmunoterapia, oncología",
        "note": "Recommendation: In favour",
    }


def test_bibtex_leaves_out_empty_fields():
    ref = dataclasses.replace(REF, abstract="", keywords=[], note="", authors=[])
    text = bibtex(ref)
    for name in ("abstract", "keywords", "note", "author"):
        assert f"  {name} = " not in text
    assert text.startswith("@techreport{pembrolizumab,\n  title = {")
    assert text.endswith("\n}\n")
    assert not text.rstrip("}\n").endswith(",")


def test_bibtex_escapes_tex_specials_but_not_the_url():
    ref = dataclasses.replace(
        REF, title=r"Costo & efecto: 50% de $x #1 a_b \ c", url="https://x.pe/a_b?q=1%20&r=#f"
    )
    text = bibtex(ref)
    assert r"  title = {{Costo \& efecto: 50\% de \$x \#1 a\_b {\textbackslash} c}}," in text
    assert "  url = {https://x.pe/a_b?q=1%20&r=#f}," in text


@settings(UNIT, max_examples=50)  # the parser is slow: 50 records take a second
@given(st.lists(line_text.filter(lambda s: "{" not in s and "}" not in s), min_size=1, max_size=4))
def test_bibtex_fields_read_back_whatever_the_text(texts):
    title, *rest = texts
    assume(title.strip())
    ref = dataclasses.replace(REF, title=title, institution=" ".join(rest) or "I")
    entry = _bibtex_entry(ref)
    assert _unescape_bibtex(entry["title"][1:-1]) == " ".join(title.split())
    assert entry["ID"] == REF.key
    assert entry["year"] == "2023"  # nothing a title holds ends the record early


@pytest.mark.parametrize(
    "title", ["Costo {parcial", "Costo parcial}", "}{", "a}, note = {injected"]
)
def test_bibtex_record_survives_an_unbalanced_brace(title):
    entry = _bibtex_entry(dataclasses.replace(REF, title=title))
    assert _unescape_bibtex(entry["title"][1:-1]) == title
    assert entry["url"] == REF.url
    assert "injected" not in entry.get("note", "")


# --- RIS -------------------------------------------------------------------------


def test_ris_record():
    assert ris(REF) == (
        "TY  - RPRT\r\n"
        "TI  - Pembrolizumab en cáncer de pulmón\r\n"
        "AU  - Pérez García, Ana\r\n"
        "AU  - Quispe Mamani, Luis\r\n"
        "PY  - 2023\r\n"
        "DA  - 2023/05/17\r\n"
        "PB  - IETSI - EsSalud\r\n"
        "CY  - Lima, Perú\r\n"
        "M3  - Dictamen preliminar\r\n"
        "SN  - N° 012-DETS-IETSI-2023\r\n"
        "UR  - https://datos.example.pe/hta-report/pembrolizumab\r\n"
        "LA  - es\r\n"
        "AB  - Primera línea. Segunda línea.\r\n"
        "KW  - inmunoterapia\r\n"
        "KW  - oncología\r\n"
        "N1  - Recommendation: In favour\r\n"
        "ER  - \r\n"
    )


def test_ris_record_is_read_back():
    (record,) = rispy.loads(ris(REF))
    assert record["type_of_reference"] == "RPRT"
    assert record["title"] == REF.title
    assert record["authors"] == REF.authors
    assert record["year"] == "2023"
    assert record["date"] == "2023/05/17"
    assert record["publisher"] == REF.institution
    assert record["urls"] == [REF.url]
    assert record["keywords"] == REF.keywords
    assert record["notes"] == [REF.note]


def test_ris_leaves_out_empty_fields_but_always_ends_the_record():
    ref = dataclasses.replace(REF, abstract="  \n ", keywords=[], note="", authors=[])
    text = ris(ref)
    assert not re.search(r"^(AB|KW|N1|AU)  - ", text, re.MULTILINE)
    assert text.endswith("\r\nER  - \r\n")
    assert text.count("ER  - ") == 1


@UNIT
@given(
    title=stripped_text,
    authors=st.lists(stripped_text, max_size=4),
    keywords=st.lists(stripped_text, max_size=4),
    abstract=st.text(max_size=80),
)
def test_ris_fields_read_back_whatever_the_text(title, authors, keywords, abstract):
    ref = dataclasses.replace(
        REF, title=title, authors=authors, keywords=keywords, abstract=abstract
    )
    text = ris(ref)
    # one tagged line per value: nothing a value holds starts a line of its own
    assert all(re.match(r"[A-Z][A-Z0-9]  - ", line) for line in text.split("\n")[:-1])
    (record,) = rispy.loads(text)
    assert record["title"] == title
    assert record.get("authors", []) == authors
    assert record.get("keywords", []) == keywords
    assert record.get("abstract", "") == " ".join(abstract.split())


def test_plain_citation_does_not_double_a_sentence_end():
    ref = dataclasses.replace(
        REF, authors=["Quispe Mamani, L."], title="¿Es costo-efectivo el tamizaje?"
    )
    text = plain(ref)
    assert text.startswith("Quispe Mamani, L. ¿Es costo-efectivo el tamizaje? ")
    assert ".." not in text and "?." not in text


def test_bibtex_names_institutions_and_names_with_and_as_one_author():
    ref = dataclasses.replace(
        REF, authors=["Instituto Nacional de Salud", "Smith and Wesson, Ltd.", "Quispe, L."]
    )
    entry = _bibtex_entry(ref)
    # three authors: braces keep a name without a comma, or with " and ", whole
    assert (
        entry["author"]
        == "{Instituto Nacional de Salud} and {Smith and Wesson, Ltd.} and Quispe, L."
    )


def test_bibtex_escapes_tilde_and_caret():
    entry = _bibtex_entry(dataclasses.replace(REF, title="x~2 ^ y"))
    assert entry["title"] == r"{x{\textasciitilde}2 {\textasciicircum} y}"
    assert _unescape_bibtex(entry["title"][1:-1]) == "x~2 ^ y"
