"""Code formats that list fields can require (a field's ``item_format``).

Each format normalises an item (e.g. to upper case) and checks it against the
pattern of its code system (shared/domain/REFERENCE.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import ckan.plugins.toolkit as tk

from ckanext.pe_catalog import ubigeo


@dataclass(frozen=True)
class CodeFormat:
    pattern: re.Pattern[str]
    normalise: Callable[[str], str]
    # called at validation time, so the message is in the request's language
    message: Callable[[str], str]
    # for a closed list (UBIGEO): whether a well-formed code is on it
    listed: Callable[[str], bool] | None = None

    def accepts(self, code: str) -> bool:
        """True when the (normalised) code has the format and, for a closed list, is on it."""
        return bool(self.pattern.fullmatch(code)) and (self.listed is None or self.listed(code))


def _leading_zero(code: str) -> str:
    """A UBIGEO code written as a number (a spreadsheet cell, JSON 80901) lost
    its leading zero: "8", "801", "80901" are read as "08", "0801", "080901"."""
    return "0" + code if code.isdigit() and len(code) in (1, 3, 5) else code


CODE_FORMATS: dict[str, CodeFormat] = {
    # WHO ATC, any level: L, L01, L01F, L01FF, L01FF02
    "atc": CodeFormat(
        re.compile(r"[ABCDGHJLMNPRSV]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?"),
        str.upper,
        lambda code: tk._('"{code}" is not a WHO ATC code (e.g. L01FF02)').format(code=code),
    ),
    # WHO ICD-10: C50 or C50.9
    "icd10": CodeFormat(
        re.compile(r"[A-Z][0-9]{2}(\.[0-9]{1,2})?"),
        str.upper,
        lambda code: tk._('"{code}" is not an ICD-10 code (e.g. C50.9)').format(code=code),
    ),
    # INEI department: 01-25 ("8" is read as "08")
    "department": CodeFormat(
        re.compile(r"[0-9]{2}"),
        lambda code: code.strip().zfill(2),
        lambda code: tk._('"{code}" is not an INEI department code (01-25)').format(code=code),
        listed=lambda code: code in ubigeo.DEPARTMENTS,
    ),
    # INEI UBIGEO: department (2 digits), province (4) or district (6) on INEI's list
    "ubigeo": CodeFormat(
        re.compile(r"[0-9]{2}([0-9]{2}){0,2}"),
        lambda code: _leading_zero(code.strip()),
        lambda code: tk._(
            '"{code}" is not on INEI\'s list of departments, provinces and districts'
            " (UBIGEO, e.g. 08, 0801, 080101)"
        ).format(code=code),
        listed=ubigeo.is_known,
    ),
}
