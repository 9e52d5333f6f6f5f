"""Namespaces and controlled vocabularies of the suite's DCAT-AP 3 profile.

EU vocabularies (data themes, languages, file types, frequencies, countries)
are the Publications Office authority tables, as DCAT-AP 3 recommends. Values
with no standard vocabulary (report types, programmes, levels...) are concepts
of the suite's own schemes under ``VOCAB``: one scheme per schema field, one
concept per choice, each with its ``skos:notation`` (the value stored in CKAN)
and its labels in Spanish and English, so a harvester needs no lookup table.
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef

# The suite's own terms and concept schemes (stable across portals running it).
PECAT = Namespace("https://w3id.org/pe-catalog/terms#")
VOCAB = "https://w3id.org/pe-catalog/vocab/"

EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
DATA_THEME = Namespace(EU_AUTHORITY + "data-theme/")
LANGUAGE = Namespace(EU_AUTHORITY + "language/")
FILE_TYPE = Namespace(EU_AUTHORITY + "file-type/")
COUNTRY = Namespace(EU_AUTHORITY + "country/")
PERU = COUNTRY.PER

EPSG = "http://www.opengis.net/def/crs/EPSG/0/"
_EPSG_URI = re.compile(r"^http://www\.opengis\.net/def/crs/EPSG/0/(\d+)$")

# INEI's UBIGEO codes (departments, provinces, districts).
UBIGEO_SCHEME = URIRef(VOCAB + "ubigeo")

EU_THEMES: dict[str, dict[str, str]] = {
    "HEAL": {"es": "Salud", "en": "Health"},
    "EDUC": {"es": "Educación, cultura y deporte", "en": "Education, culture and sport"},
    "ENVI": {"es": "Medio ambiente", "en": "Environment"},
}

# ISO 639-1 (CKAN) -> EU language authority code
LANGUAGES: dict[str, str] = {"es": "SPA", "en": "ENG", "qu": "QUE", "ay": "AYM"}

# CKAN format label -> EU file-type code; formats not listed are written as a
# labelled dct:MediaTypeOrExtent node
FILE_TYPES: dict[str, str] = {
    "PDF": "PDF",
    "CSV": "CSV",
    "XLSX": "XLSX",
    "XLS": "XLS",
    "ODS": "ODS",
    "DOCX": "DOCX",
    "DOC": "DOC",
    "JSON": "JSON",
    "GeoJSON": "GEOJSON",
    "XML": "XML",
    "HTML": "HTML",
    "TXT": "TXT",
    "ZIP": "ZIP",
    "SHP": "SHP",
    "KML": "KML",
    "KMZ": "KMZ",
    "TIFF": "TIFF",
    "GeoTIFF": "GEOTIFF",
    "WMS": "WMS_SRVC",
    "WFS": "WFS_SRVC",
}
_FORMAT_OF_FILE_TYPE = {code: label for label, code in FILE_TYPES.items()}


def vocab_scheme(field_name: str) -> URIRef:
    return URIRef(f"{VOCAB}{field_name}")


def vocab_concept(field_name: str, value: str) -> URIRef:
    return URIRef(f"{VOCAB}{field_name}/{value}")


def language_uri(code: str) -> URIRef | None:
    eu = LANGUAGES.get(code)
    return LANGUAGE[eu] if eu else None


def language_code(uri: str) -> str | None:
    for code, eu in LANGUAGES.items():
        if uri == str(LANGUAGE[eu]):
            return code
    return None


def file_type_uri(fmt: str) -> URIRef | None:
    code = FILE_TYPES.get(fmt)
    return FILE_TYPE[code] if code else None


def format_of_file_type(uri: str) -> str | None:
    if not uri.startswith(str(FILE_TYPE)):
        return None
    code = uri[len(str(FILE_TYPE)) :]
    return _FORMAT_OF_FILE_TYPE.get(code, code)


def crs_uri(crs: str) -> URIRef | None:
    """``EPSG:4326`` -> the OGC URI of the reference system."""
    authority, _, number = crs.partition(":")
    if authority.upper() != "EPSG" or not number.isdigit():
        return None
    return URIRef(EPSG + number)


def crs_code(uri: str) -> str | None:
    match = _EPSG_URI.match(uri)
    return f"EPSG:{match.group(1)}" if match else None
