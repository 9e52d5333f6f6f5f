"""The sample catalog's data files and the files generated for its resources
(ckanext/pe_catalog/sample/*.yaml, seed.resolve_dates, sample_files)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zlib

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point, shape

from ckanext.pe_catalog import sample_files
from ckanext.pe_catalog.seed import SAMPLE_DIR, SAMPLE_TAG, SAMPLE_TYPES, resolve_dates

DAYS = [dt.date(2026, 11, 29), dt.date(2027, 1, 1), dt.date(2028, 2, 29), dt.date(2030, 12, 31)]


def _records(dataset_type: str, today: dt.date) -> list[dict]:
    text = (SAMPLE_DIR / f"{dataset_type}.yaml").read_text("utf-8")
    return yaml.safe_load(resolve_dates(text, today))


def test_relative_dates_resolve_from_the_load_day():
    today = dt.date(2026, 12, 30)
    text = "{today} {today+3} {today-31} {today+2:%d/%m/%Y} {today-400:%Y} {tomorrow} {today+x}"
    assert resolve_dates(text, today) == (
        "2026-12-30 2027-01-02 2026-11-29 01/01/2027 2025 {tomorrow} {today+x}"
    )


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(-9999, 9999)
)
def test_any_offset_is_that_many_days(today, days):
    token = f"{{today{'+' if days >= 0 else '-'}{abs(days)}}}"
    assert resolve_dates(token, today) == (today + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize("dataset_type", SAMPLE_TYPES)
def test_every_sample_dataset_is_marked_and_every_resource_gets_a_file(dataset_type, today):
    records = _records(dataset_type, today)
    assert len(records) >= 20
    names = [r["name"] for r in records]
    assert len(names) == len(set(names))
    for record in records:
        assert "{today" not in json.dumps(record, ensure_ascii=False), record["name"]
        assert record["notes"].startswith("**Datos de ejemplo.**")
        assert SAMPLE_TAG in record["tag_string"]
        assert record["resources"], record["name"]
        for resource in record["resources"]:
            # no link to an invented host: every download is a file of the portal
            assert "url" not in resource and resource["sample_file"]["kind"], resource


def test_calls_are_open_upcoming_and_closed_on_any_day():
    for today in DAYS:
        states = set()
        for call in _records("scholarship", today):
            opens = dt.date.fromisoformat(call["application_open_date"])
            closes = dt.date.fromisoformat(call["application_close_date"])
            assert opens <= closes
            states.add("upcoming" if today < opens else "closed" if today > closes else "open")
        assert states == {"open", "upcoming", "closed"}


def test_reports_in_consultation_stay_in_consultation():
    for today in DAYS:
        consulting = [r for r in _records("hta-report", today) if r["status"] == "consulta-publica"]
        assert consulting
        for report in consulting:
            start = dt.date.fromisoformat(report["consultation_start_date"])
            end = dt.date.fromisoformat(report["consultation_end_date"])
            assert start <= today <= end
            assert (
                str(dt.date.fromisoformat(report["publication_date"]).year) in report["report_code"]
            )


# --- generated files -----------------------------------------------------------

ENVIRONMENT = {r["name"]: r for r in _records("environmental-data", dt.date(2026, 11, 30))}


def _resources(kind: str):
    return [
        (record, resource["sample_file"])
        for record in ENVIRONMENT.values()
        for resource in record["resources"]
        if resource["sample_file"]["kind"] == kind
    ]


def test_record_pdf_is_a_pdf_that_says_it_is_a_sample_and_is_reproducible():
    fields = [("Código del informe", "Informe N° 1–2026 ≥ “x”"), ("Vacío", "")]
    first = sample_files.record_pdf("Título — ñandú", "INS", "**Datos de ejemplo.** Texto", fields)
    again = sample_files.record_pdf("Título — ñandú", "INS", "**Datos de ejemplo.** Texto", fields)
    assert first.startswith(b"%PDF-") and first.rstrip().endswith(b"%%EOF")
    assert first == again
    pages = b"".join(
        zlib.decompress(m) for m in re.findall(rb"stream\n(.*?)\nendstream", first, re.S)
    )
    text = pages.decode("latin-1")
    assert "DOCUMENTO DE EJEMPLO" in text and "ñandú" in text
    assert 'Informe N° 1-2026 >= "x"' in text  # spelled in the core fonts' Latin-1
    assert "Vacío" not in text  # empty fields are left out


@pytest.mark.parametrize(
    ("record", "spec"),
    _resources("monitoring-csv"),
    ids=lambda x: x.get("name", "") if isinstance(x, dict) and "name" in x else "",
)
def test_monitoring_tables_have_typed_plausible_rows_on_the_coverage(record, spec):
    content = sample_files.monitoring_csv(record, spec)
    assert content == sample_files.monitoring_csv(record, spec)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert list(rows[0]) == list(sample_files.MONITORING_COLUMNS)
    coverage = shape(sample_files._coverage_geojson(record)).buffer(0.2)
    start = record.get("temporal_start_date")
    for row in rows:
        float(row["valor"])
        assert coverage.contains(Point(float(row["longitud"]), float(row["latitud"])))
        assert row["fecha"] >= start and re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["fecha"])
        assert row["nota"] == sample_files.SAMPLE_NOTE


def test_department_tables_name_the_datasets_departments():
    record, spec = next(
        (r, s)
        for r, s in _resources("by-department-csv")
        if r["name"] == "perdida-bosque-mineria-ilegal-la-pampa"
    )
    rows = list(csv.DictReader(io.StringIO(sample_files.by_department_csv(record, spec).decode())))
    assert {r["departamento"] for r in rows} == {"Madre de Dios"}
    assert [int(r["anio"]) for r in rows] == list(range(2015, 2025))


def test_geojson_files_are_rfc7946_feature_collections():
    for kind in ("stations-geojson", "coverage-geojson"):
        for record, spec in _resources(kind):
            collection = json.loads(sample_files.TABLES[kind](record, spec))
            assert collection["type"] == "FeatureCollection" and collection["features"]
            for feature in collection["features"]:
                assert shape(feature["geometry"]).is_valid
                assert feature["properties"]["nota"] == sample_files.SAMPLE_NOTE


def test_file_names_are_ascii_and_keep_the_kind():
    assert (
        sample_files.file_name("Bases de la convocatoria 2026", "record-pdf")
        == "bases-de-la-convocatoria-2026.pdf"
    )
    assert (
        sample_files.file_name("Ñandú: índices (µg/m³)", "stations-geojson")
        == "nandu-indices-g-m3.geojson"
    )
    assert sample_files.file_name("¿?", "monitoring-csv") == "archivo.csv"
