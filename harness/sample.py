"""Minimal valid datasets of each type, for tests and benchmarks that need one to exist.

Each type's own issue grows its entry; tests of a rule override one field.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

DATASET_TYPES = ("hta-report", "scholarship", "environmental-data")

# Coverage polygons (GeoJSON) of a Cusco area and of Lima Metropolitana.
CUSCO_POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[-72.3, -13.8], [-71.6, -13.8], [-71.6, -13.3], [-72.3, -13.3], [-72.3, -13.8]]
    ],
}
LIMA_POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[-77.2, -12.3], [-76.8, -12.3], [-76.8, -11.8], [-77.2, -11.8], [-77.2, -12.3]]
    ],
}

_TYPE_FIELDS: dict[str, dict[str, Any]] = {
    "hta-report": {
        "title": "Pembrolizumab en cáncer de pulmón de células no pequeñas metastásico",
        "notes": "Evaluación de la eficacia y seguridad de pembrolizumab en primera línea.",
        "report_code": "Dictamen Preliminar N° 012-DETS-IETSI-2023",
        "report_type": "dictamen-preliminar",
        "technology_type": "medicamento",
        "technology_name": "Pembrolizumab",
        "atc_codes": ["L01FF02"],
        "condition": "Cáncer de pulmón de células no pequeñas metastásico",
        "icd10_codes": ["C34.9"],
        "population": "Adultos con CPCNP metastásico con PD-L1 ≥ 50 %",
        "intervention": "Pembrolizumab 200 mg cada 3 semanas",
        "comparator": "Quimioterapia basada en platino",
        "outcomes": "Sobrevida global, calidad de vida, eventos adversos",
        "recommendation": "a-favor-con-condiciones",
        "evidence_certainty": "moderada",
        "publication_date": "2023-05-10",
        "status": "publicado",
        "authors": ["Pérez García, Ana", "Quispe Mamani, Luis"],
    },
    "scholarship": {
        "title": "Beca 18 - Convocatoria 2026",
        "notes": "Beca integral para estudios de pregrado de jóvenes de alto rendimiento.",
        "program": "beca-18",
        "instrument_type": "beca",
        "call_year": 2026,
        "modalities": ["ordinaria"],
        "education_levels": ["pregrado", "tecnico-superior"],
        "study_destination": "peru",
        "target_groups": ["alto-rendimiento", "pobreza"],
        "eligible_regions": ["nacional"],
        "application_open_date": "2026-01-05",
        "application_close_date": "2026-02-15",
        "vacancies": 5000,
        "benefits": ["matricula", "pension", "alimentacion"],
        "max_age": 22,
        "requirements": "Haber concluido la secundaria en el tercio superior.",
        "application_url": "https://www.pronabec.gob.pe/beca-18/",
    },
    "environmental-data": {
        "title": "Monitoreo de calidad de agua en la cuenca del río Vilcanota",
        "notes": "Resultados de monitoreo participativo de calidad de agua superficial.",
        "information_category": "monitoreo-ambiental",
        "environmental_components": ["agua", "sedimento"],
        "economic_sectors": ["mineria"],
        "ubigeo": ["08"],
        "crs": "EPSG:32719",
        "temporal_start_date": "2022-01-01",
        "temporal_end_date": "2023-12-31",
        "update_frequency": "anual",
        "source_system": "SINADA",
    },
}

# Fields each type requires, as named in the action API's error dict.
REQUIRED_FIELDS: dict[str, set[str]] = {
    "hta-report": {
        "title",
        "name",
        "notes",
        "owner_org",
        "report_code",
        "report_type",
        "technology_type",
        "technology_name",
        "condition",
        "population",
        "intervention",
        "recommendation",
        "publication_date",
        "status",
        "authors",
    },
    "scholarship": {
        "title",
        "name",
        "notes",
        "owner_org",
        "program",
        "instrument_type",
        "call_year",
        "education_levels",
        "study_destination",
        "eligible_regions",
        "application_open_date",
        "application_close_date",
        "requirements",
        "application_url",
    },
    "environmental-data": {
        "title",
        "name",
        "notes",
        "owner_org",
        "information_category",
        "environmental_components",
        "spatial",
        "temporal_start_date",
    },
}


def dataset_dict(dataset_type: str, owner_org: str, name: str, **overrides: Any) -> dict[str, Any]:
    """A valid ``package_create`` payload of ``dataset_type``."""
    return {
        "type": dataset_type,
        "name": name,
        "owner_org": owner_org,
        **_TYPE_FIELDS[dataset_type],
        **overrides,
    }


def errors_of(create: Any, **overrides: Any) -> dict[str, Any]:
    """The validation errors of ``create(**overrides)``, which must fail."""
    import pytest
    from ckan.plugins import toolkit as tk

    with pytest.raises(tk.ValidationError) as raised:
        create(**overrides)
    return raised.value.error_dict


# what a harvesting portal sets itself: its own name and organization for the
# dataset (tags are compared by name, from ``tags``)
NOT_CARRIED = {"name", "owner_org", "tag_string"}


def comparable(
    pkg: dict[str, Any], schema: dict[str, Any], leave_out: AbstractSet[str] = frozenset()
) -> dict[str, Any]:
    """The values a harvester must get back: every schema field, tags, resources."""
    fields = {
        f["field_name"]: pkg.get(f["field_name"])
        for f in schema["dataset_fields"]
        if f["field_name"] not in NOT_CARRIED | leave_out
    }
    fields["type"] = pkg["type"]
    fields["tags"] = sorted(t["name"] for t in pkg.get("tags", []))
    resource_fields = [f["field_name"] for f in schema["resource_fields"]]
    fields["resources"] = [
        {name: res.get(name) or None for name in resource_fields} for res in pkg["resources"]
    ]
    return fields
