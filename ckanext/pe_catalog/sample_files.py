"""The files of the sample catalog, generated from its records when it loads.

Each sample resource names the file it gets with a ``sample_file`` mapping
(in ``ckanext/pe_catalog/sample/*.yaml``); its ``kind`` picks the generator:

- ``record-pdf``: a short PDF of the record (title, description and every
  field, with the schema's Spanish labels), made with fpdf2;
- ``monitoring-csv``: monitoring results, one row per station, date and
  parameter (columns in :data:`MONITORING_COLUMNS`), with plausible values of
  the parameters of the dataset's environmental components
  (:data:`PARAMETERS`, or the resource's own ``parameters``);
- ``stations-csv`` / ``stations-geojson``: the monitoring stations, as a table
  or as RFC 7946 points;
- ``coverage-geojson``: the dataset's spatial coverage as one feature;
- ``by-department-csv``: one figure per department (of the dataset's UBIGEO
  codes, all 25 when national) and year of its temporal coverage.

Every file says it is sample content (the PDF in a banner, the tables in a
``nota`` column or property), and the same record always gives the same bytes:
values come from a random generator seeded with the dataset's name, and the
PDF's dates are fixed.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from shapely.geometry import Point, shape

from ckanext.pe_catalog import ubigeo

SAMPLE_NOTE = "Datos de ejemplo: valores ilustrativos, no son mediciones oficiales."
PDF_BANNER = (
    "DOCUMENTO DE EJEMPLO. Generado por el catálogo a partir de los metadatos del "
    "registro; no es un documento oficial."
)
# the PDF's creation date: fixed, so the same record gives the same file
PDF_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)

MONITORING_COLUMNS: dict[str, str] = {
    "estacion": "Código de la estación o punto de monitoreo",
    "latitud": "Latitud, grados decimales (WGS 84)",
    "longitud": "Longitud, grados decimales (WGS 84)",
    "fecha": "Fecha de la medición o del muestreo (AAAA-MM-DD)",
    "componente": "Componente ambiental",
    "parametro": "Parámetro medido",
    "valor": "Resultado, en la unidad de la columna unidad",
    "unidad": "Unidad del resultado",
    "nota": "Aviso de contenido de ejemplo",
}
STATION_COLUMNS = {k: MONITORING_COLUMNS[k] for k in ("estacion", "latitud", "longitud", "nota")}


@dataclass(frozen=True)
class Parameter:
    """A measured parameter: name, unit and the range sample values fall in."""

    name: str
    unit: str
    low: float
    high: float
    decimals: int = 3


# Parameters monitored for each environmental component (the schema's
# ``environmental_components`` codes), with ranges of plausible field values.
PARAMETERS: dict[str, tuple[Parameter, ...]] = {
    "agua": (
        Parameter("pH", "unidad de pH", 6.2, 8.8, 2),
        Parameter("Oxígeno disuelto", "mg/L", 3.5, 9.0, 2),
        Parameter("Plomo total", "mg/L", 0.001, 0.08),
        Parameter("Arsénico total", "mg/L", 0.001, 0.06),
        Parameter("Cadmio total", "mg/L", 0.0001, 0.008, 4),
        Parameter("Coliformes termotolerantes", "NMP/100 mL", 2, 5000, 0),
    ),
    "aire": (
        Parameter("PM10", "µg/m³", 15, 160, 1),
        Parameter("PM2,5", "µg/m³", 8, 70, 1),
        Parameter("Dióxido de azufre (SO2)", "µg/m³", 2, 250, 1),
        Parameter("Dióxido de nitrógeno (NO2)", "µg/m³", 5, 120, 1),
    ),
    "suelo": (
        Parameter("Plomo", "mg/kg PS", 10, 1800, 1),
        Parameter("Arsénico", "mg/kg PS", 5, 300, 1),
        Parameter("Cadmio", "mg/kg PS", 0.5, 40, 2),
    ),
    "sedimento": (
        Parameter("Plomo", "mg/kg PS", 5, 900, 1),
        Parameter("Cadmio", "mg/kg PS", 0.2, 25, 2),
        Parameter("Mercurio", "mg/kg PS", 0.01, 2.5, 3),
    ),
    "hidrobiologia": (
        Parameter("Riqueza de macroinvertebrados", "número de taxones", 3, 35, 0),
        Parameter("Clorofila a", "µg/L", 0.5, 40, 2),
    ),
    "ruido-vibraciones": (
        Parameter("Nivel de presión sonora continuo equivalente (LAeqT)", "dB(A)", 55, 88, 1),
    ),
    "flora-fauna": (Parameter("Cobertura vegetal", "%", 5, 95, 1),),
}


# --- PDF -----------------------------------------------------------------

_PDF_REPLACEMENTS = {
    "–": "-", "—": "-", "‑": "-", "“": '"', "”": '"', "‘": "'", "’": "'",
    "…": "...", "≥": ">=", "≤": "<=", "•": "-", "→": "->", "₂": "2", "₃": "3",
    "\u00a0": " ", "\u202f": " ",
}  # fmt: skip


def _pdf_text(text: str) -> str:
    """Text in the PDF core fonts' Latin-1 (Spanish fits; the rest is spelled out)."""
    text = "".join(_PDF_REPLACEMENTS.get(char, char) for char in str(text))
    text = unicodedata.normalize("NFC", text)
    return text.encode("latin-1", "replace").decode("latin-1")


def _plain(markdown: str) -> str:
    """Markdown emphasis and links as plain text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)


def record_pdf(
    title: str, publisher: str, description: str, fields: Iterable[tuple[str, str]]
) -> bytes:
    """A short A4 PDF: sample banner, title, publisher, description, then one
    labelled paragraph per field (``fields`` as (label, text) pairs)."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(PDF_DATE)
    pdf.set_title(_pdf_text(title))
    pdf.set_author(_pdf_text(publisher))
    pdf.set_subject(_pdf_text(PDF_BANNER))
    pdf.set_lang("es")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_fill_color(255, 243, 205)
    pdf.set_font("Helvetica", "B", 9)
    pdf.multi_cell(
        0,
        5,
        _pdf_text(PDF_BANNER),
        border=1,
        fill=True,
        padding=2,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 7, _pdf_text(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(0, 6, _pdf_text(publisher), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, _pdf_text(_plain(description)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for label, text in fields:
        if not str(text).strip():
            continue
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 5, _pdf_text(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, _pdf_text(_plain(str(text))), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


# --- tables and maps -------------------------------------------------------


def _rng(seed: str) -> random.Random:
    return random.Random(seed)


def _date(value: Any, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return default


def _coverage_geojson(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's coverage: its ``spatial``, or the one the environment
    plugin derives from its UBIGEO codes (the departments' boxes)."""
    if record.get("spatial"):
        return json.loads(record["spatial"])
    from ckanext.environment.coverage import coverage_from_ubigeo

    return coverage_from_ubigeo(list(record.get("ubigeo") or []))


def _coverage(record: Mapping[str, Any]) -> Any:
    return shape(_coverage_geojson(record))


def stations(record: Mapping[str, Any], count: int = 6) -> list[tuple[str, float, float]]:
    """(code, latitude, longitude) of ``count`` stations on the record's coverage:
    along a line, inside a polygon, around a point."""
    rng = _rng(record["name"] + ":stations")
    geometry = _coverage(record)
    prefix = "".join(word[0] for word in record["name"].split("-")[:3]).upper()
    points: list[Point] = []
    if geometry.geom_type in ("LineString", "MultiLineString"):
        points = [geometry.interpolate((i + 0.5) / count, normalized=True) for i in range(count)]
    elif geometry.geom_type in ("Point", "MultiPoint"):
        centre = geometry.centroid
        points = [
            Point(centre.x + rng.uniform(-0.05, 0.05), centre.y + rng.uniform(-0.05, 0.05))
            for _ in range(count)
        ]
    else:
        minx, miny, maxx, maxy = geometry.bounds
        for _ in range(1000 * count):
            candidate = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
            if geometry.contains(candidate):
                points.append(candidate)
                if len(points) == count:
                    break
        points += [geometry.representative_point()] * (count - len(points))
    return [(f"{prefix}-{i + 1:02d}", round(p.y, 5), round(p.x, 5)) for i, p in enumerate(points)]


def _parameters(record: Mapping[str, Any], spec: Mapping[str, Any]) -> list[tuple[str, Parameter]]:
    if spec.get("parameters"):
        return [
            (
                p.get("component", ""),
                Parameter(p["name"], p["unit"], p["low"], p["high"], p.get("decimals", 3)),
            )
            for p in spec["parameters"]
        ]
    components = record.get("environmental_components") or []
    return [(c, p) for c in components for p in PARAMETERS.get(c, ())]


def _sample_dates(record: Mapping[str, Any], count: int) -> list[datetime.date]:
    start = _date(record.get("temporal_start_date"), datetime.date(2020, 1, 1))
    end = _date(record.get("temporal_end_date"), start + datetime.timedelta(days=365))
    span = max((end - start).days, 1)
    return [start + datetime.timedelta(days=round(span * (i + 0.5) / count)) for i in range(count)]


def _csv(header: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def monitoring_csv(record: Mapping[str, Any], spec: Mapping[str, Any]) -> bytes:
    """Monitoring results (:data:`MONITORING_COLUMNS`); ``spec`` may set
    ``stations`` (count), ``samples`` (dates per station) and ``parameters``."""
    rng = _rng(record["name"] + ":monitoring")
    parameters = _parameters(record, spec)
    if not parameters:
        raise ValueError(f"{record['name']}: no parameters for its components; give some")
    rows = []
    for code, lat, lon in stations(record, spec.get("stations", 6)):
        for day in _sample_dates(record, spec.get("samples", 8)):
            for component, p in parameters:
                value = round(rng.uniform(p.low, p.high), p.decimals)
                value_text = f"{value:.{p.decimals}f}" if p.decimals else str(int(value))
                rows.append(
                    [
                        code,
                        lat,
                        lon,
                        day.isoformat(),
                        component,
                        p.name,
                        value_text,
                        p.unit,
                        SAMPLE_NOTE,
                    ]
                )
    return _csv(list(MONITORING_COLUMNS), rows)


def stations_csv(record: Mapping[str, Any], spec: Mapping[str, Any]) -> bytes:
    rows = [[c, lat, lon, SAMPLE_NOTE] for c, lat, lon in stations(record, spec.get("stations", 6))]
    return _csv(list(STATION_COLUMNS), rows)


def _geojson(features: list[dict[str, Any]]) -> bytes:
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def stations_geojson(record: Mapping[str, Any], spec: Mapping[str, Any]) -> bytes:
    return _geojson(
        [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"estacion": code, "nota": SAMPLE_NOTE},
            }
            for code, lat, lon in stations(record, spec.get("stations", 6))
        ]
    )


def coverage_geojson(record: Mapping[str, Any], spec: Mapping[str, Any]) -> bytes:
    return _geojson(
        [
            {
                "type": "Feature",
                "geometry": _coverage_geojson(record),
                "properties": {"nombre": record["title"], "nota": SAMPLE_NOTE},
            }
        ]
    )


def by_department_csv(record: Mapping[str, Any], spec: Mapping[str, Any]) -> bytes:
    """``spec``: ``measure`` (column name), ``unit``, ``low``, ``high`` (per
    department and year); ``decimals`` (default 0)."""
    rng = _rng(record["name"] + ":departments")
    codes = record.get("ubigeo") or [ubigeo.NATIONAL]
    if ubigeo.NATIONAL in codes:
        departments = sorted(ubigeo.DEPARTMENTS)
    else:
        departments = sorted({d for c in codes if (d := ubigeo.department_code(c))})
    start = _date(record.get("temporal_start_date"), datetime.date(2020, 1, 1)).year
    end = _date(record.get("temporal_end_date"), datetime.date(start, 12, 31)).year
    decimals = spec.get("decimals", 0)
    rows = []
    for year in range(start, end + 1):
        for code in departments:
            value = round(rng.uniform(spec["low"], spec["high"]), decimals)
            rows.append(
                [
                    ubigeo.department_name(code),
                    year,
                    value if decimals else int(value),
                    spec["unit"],
                    SAMPLE_NOTE,
                ]
            )
    return _csv(list(columns(spec)), rows)


TABLES = {
    "monitoring-csv": monitoring_csv,
    "stations-csv": stations_csv,
    "stations-geojson": stations_geojson,
    "coverage-geojson": coverage_geojson,
    "by-department-csv": by_department_csv,
}


# --- files of sample resources ------------------------------------------------

# fields the PDF leaves out: its title, description and publisher already say
# them, or they are no text (the coverage's geometry)
PDF_SKIPPED_FIELDS = {
    "name", "title", "notes", "owner_org", "tag_string", "license_id", "groups",
    "resources", "private", "spatial", "url", "version",
}  # fmt: skip
PLACE_FIELDS = {"ubigeo", "eligible_regions"}
EXTENSIONS = {"pdf": ".pdf", "csv": ".csv", "geojson": ".geojson"}


def _spanish(label: Any) -> str:
    if isinstance(label, dict):
        return str(label.get("es") or next(iter(label.values()), ""))
    return str(label)


def _display(field: Mapping[str, Any], value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_display(field, item) for item in value)
    if field.get("field_name") in PLACE_FIELDS and ubigeo.is_known(str(value)):
        return ubigeo.place_name(str(value))
    for choice in field.get("choices") or []:
        if choice.get("value") == value:
            return _spanish(choice.get("label", value))
    return str(value)


def record_fields(dataset_type: str, record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(Spanish label, display text) of each filled field of the record, in schema order."""
    from ckanext.pe_catalog import schema_fields

    return [
        (
            _spanish(field.get("label", field["field_name"])),
            _display(field, record[field["field_name"]]),
        )
        for field in schema_fields.fields(schema_fields.schema_of(dataset_type))
        if field["field_name"] not in PDF_SKIPPED_FIELDS
        and record.get(field["field_name"]) not in (None, "", [])
    ]


def file_name(resource_name: str, kind: str) -> str:
    """An ASCII file name from the resource's name, e.g. ``bases-de-la-convocatoria-2026.pdf``."""
    ascii_name = unicodedata.normalize("NFKD", resource_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80] or "archivo"
    return slug + EXTENSIONS[kind.rsplit("-", 1)[1]]


def generate(
    dataset_type: str, record: Mapping[str, Any], spec: Mapping[str, Any], publisher: str
) -> bytes:
    """The bytes of a sample resource's file; ValueError for an unknown ``kind``."""
    kind = spec.get("kind")
    if kind == "record-pdf":
        return record_pdf(
            record["title"], publisher, record.get("notes", ""), record_fields(dataset_type, record)
        )
    if kind in TABLES:
        return TABLES[kind](record, spec)
    raise ValueError(f"{record.get('name')}: unknown sample_file kind {kind!r}")


def columns(spec: Mapping[str, Any]) -> dict[str, str]:
    """A generated table's columns and what each holds; empty for files that are no table."""
    kind = spec.get("kind")
    if kind == "monitoring-csv":
        return MONITORING_COLUMNS
    if kind == "stations-csv":
        return STATION_COLUMNS
    if kind == "by-department-csv":
        return {
            "departamento": "Departamento (nombre del INEI)",
            "anio": "Año",
            spec["measure"]: f"Valor del año en el departamento, en {spec['unit']}",
            "unidad": "Unidad del valor",
            "nota": MONITORING_COLUMNS["nota"],
        }
    return {}


def columns_note(spec: Mapping[str, Any]) -> str:
    """Markdown describing a generated table's columns (appended to the resource's description)."""
    described = columns(spec)
    if not described:
        return ""
    return "\n\nColumnas:\n\n" + "\n".join(f"- `{c}`: {d}" for c, d in described.items())
