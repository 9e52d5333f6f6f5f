"""Dataset type ``environmental-data``: environmental data of OEFA, SENACE and MINAM."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.pe_catalog import dates, ubigeo
from ckanext.pe_catalog.dataset_type import DatasetTypePlugin
from ckanext.pe_catalog.ubigeo import department_code, department_name

# coverage years indexed per dataset, at most (a period with no end runs to this year)
MAX_COVERAGE_YEARS = 100


@tk.blanket.helpers
@tk.blanket.validators
class EnvironmentPlugin(DatasetTypePlugin):
    dataset_type = "environmental-data"
    schema_file = "environmental_data.yaml"

    def derived_index_fields(self, dataset: dict[str, Any]) -> dict[str, Any]:
        codes = dataset.get("ubigeo") or []
        departments = {department_code(c) for c in codes}
        derived: dict[str, Any] = {
            "vocab_department": sorted(d for d in departments if d),
            # the places' names at every level, searchable as text ("Cusco",
            # "La Convención"): CKAN's Solr schema copies extras_* into text
            "extras_place_names": " ".join(
                sorted({name for code in codes for name in ubigeo.names(code)})
            ),
        }
        start = dates.as_date(dataset.get("temporal_start_date"))
        if start:
            end = dates.as_date(dataset.get("temporal_end_date")) or dates.today()
            last = min(end.year, start.year + MAX_COVERAGE_YEARS - 1)
            derived["vocab_coverage_year"] = [str(y) for y in range(start.year, last + 1)]
        return {k: v for k, v in derived.items() if v}

    def derived_facet_titles(self) -> dict[str, str]:
        return {
            "vocab_department": tk._("Department"),
            "vocab_coverage_year": tk._("Coverage years"),
        }

    def derived_facet_label(self, facet: str, value: str) -> str | None:
        if facet == "vocab_department":
            return department_name(value)
        return None
