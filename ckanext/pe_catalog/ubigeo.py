"""Peru's departments by INEI UBIGEO code (shared/domain/REFERENCE.md).

INEI codes, not RENIEC's (which differ from 07 on).
"""

from __future__ import annotations

DEPARTMENTS: dict[str, str] = {
    "01": "Amazonas",
    "02": "Áncash",
    "03": "Apurímac",
    "04": "Arequipa",
    "05": "Ayacucho",
    "06": "Cajamarca",
    "07": "Callao",
    "08": "Cusco",
    "09": "Huancavelica",
    "10": "Huánuco",
    "11": "Ica",
    "12": "Junín",
    "13": "La Libertad",
    "14": "Lambayeque",
    "15": "Lima",
    "16": "Loreto",
    "17": "Madre de Dios",
    "18": "Moquegua",
    "19": "Pasco",
    "20": "Piura",
    "21": "Puno",
    "22": "San Martín",
    "23": "Tacna",
    "24": "Tumbes",
    "25": "Ucayali",
}


def department_code(ubigeo: str) -> str | None:
    """The department of a department, province or district code (``080101`` -> ``08``)."""
    code = ubigeo.strip()[:2]
    return code if code in DEPARTMENTS else None


def department_name(code: str) -> str:
    return DEPARTMENTS.get(code, code)
