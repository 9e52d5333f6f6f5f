"""CSV cells no spreadsheet runs as formulas, reversibly (ckanext/pe_catalog/spreadsheet.py).

tests/catalog/test_spreadsheet.py has the basic round trip; these add the
exact rule (what gets a quote and what does not) and the CSV file round trip.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ckanext.pe_catalog.spreadsheet import FORMULA_STARTS, neutralise, restore
from tests.unit import UNIT

cells = st.text(alphabet=st.sampled_from(FORMULA_STARTS + "'0123456789.eE +-xé\"")) | st.text()


def _can_run(shown: str) -> bool:
    """Whether a spreadsheet could run the cell as a formula that does something: it
    starts with a formula character and holds more than signs, digits, dots and
    exponent marks (which make a number at most, never a function call)."""
    if not shown or shown[0] not in FORMULA_STARTS:
        return False
    return not all(c in "+-.eE" or c.isdigit() for c in shown)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x/?"&A1, "Ver")', '\'=HYPERLINK("http://x/?"&A1, "Ver")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\n=1", "'\n=1"),
        ("＝1+1", "'＝1+1"),  # full-width forms
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        ("'=1", "''=1"),  # quotes already there: one more, so restore is exact
        ("''+x", "'''+x"),
        ("=", "'="),
        ("-", "'-"),
        ("- lista", "'- lista"),
    ],
)
def test_formula_cells_get_one_quote(cell, safe):
    assert neutralise(cell) == safe
    assert restore(safe) == cell


@pytest.mark.parametrize(
    "cell",
    [
        "",
        "Informe =1",
        " =1",  # a leading space is text to a spreadsheet
        "'texto",  # a quote before plain text is kept as it is
        "''",
        "-12.5",
        "+3",
        "-.5",
        "1e5",
        "-1E-3",
        "+7.",
        "0",
        "ñandú",
        "\u200b=1",
    ],
)
def test_other_cells_are_unchanged(cell):
    assert neutralise(cell) == cell
    assert restore(cell) == cell


@pytest.mark.parametrize("cell", ["-1e5x", "-1-1", "--1", "-1\n", "+1 ", "-0x1F", "-inf", "+nan"])
def test_what_is_only_almost_a_number_gets_a_quote(cell):
    assert neutralise(cell) == "'" + cell


@UNIT
@given(cells)
def test_restore_undoes_neutralise_even_twice(cell):
    once = neutralise(cell)
    assert restore(once) == cell
    assert restore(neutralise(once)) == once
    assert once in (cell, "'" + cell)


@UNIT
@given(cells)
def test_a_neutralised_cell_never_runs(cell):
    assert not _can_run(neutralise(cell))


@UNIT
@given(st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=5))
def test_rows_survive_a_csv_file(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[neutralise(c) for c in row] for row in rows])
    read = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    # csv turns "\r" inside a quoted field into the same "\r": nothing is lost
    assert [[restore(c) for c in row] for row in read] == rows
