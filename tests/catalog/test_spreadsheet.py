"""The spreadsheet rule for CSV cells (ckanext/pe_catalog/spreadsheet.py): safe and reversible."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ckanext.pe_catalog.spreadsheet import FORMULA_STARTS, neutralise, restore

# text made mostly of the characters the rule is about, so edge cases come often
cells = st.text(alphabet=st.sampled_from(FORMULA_STARTS + "'0123456789.eE abc")) | st.text()


@given(cells)
def test_restore_undoes_neutralise(cell: str) -> None:
    assert restore(neutralise(cell)) == cell


@given(cells)
def test_no_neutralised_cell_starts_a_formula(cell: str) -> None:
    safe = neutralise(cell)
    if safe[:1] in FORMULA_STARTS and safe:
        float(safe)  # only a plain number may start with a sign


def test_examples() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("'=1+1") == "''=1+1"
    assert neutralise("-12.5") == "-12.5"
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("Informe =1") == "Informe =1"
