"""Dataset type ``environmental-data``: environmental data of OEFA, SENACE and MINAM."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context

from ckanext.pe_catalog import dates, ubigeo
from ckanext.pe_catalog.csw import sync as csw_sync
from ckanext.pe_catalog.dataset_type import DatasetTypePlugin
from ckanext.pe_catalog.ubigeo import department_code, department_name

DATASET_TYPE = "environmental-data"

# coverage years indexed per dataset, at most (a period with no end runs to this year)
MAX_COVERAGE_YEARS = 100


@tk.chained_action
def dataset_purge(original: Any, context: Context, data_dict: dict[str, Any]) -> Any:
    """CKAN's purge, then the CSW record's removal (a purge calls no plugin hook)."""
    package = model.Package.get(str(data_dict.get("id") or ""))
    purged = original(context, data_dict)
    if package is not None and package.type == DATASET_TYPE:
        csw_sync.queue(package.id, None)
    return purged


@tk.blanket.actions({"dataset_purge": dataset_purge})
@tk.blanket.helpers
@tk.blanket.validators
class EnvironmentPlugin(DatasetTypePlugin):
    dataset_type = DATASET_TYPE
    schema_file = "environmental_data.yaml"

    # --- the CSW's repository follows the index (ckanext/pe_catalog/csw/sync.py)

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        pkg_dict = super().before_dataset_index(pkg_dict)
        if pkg_dict.get("dataset_type") == self.dataset_type:
            csw_sync.queue_indexed(pkg_dict)
        return pkg_dict

    def after_dataset_delete(self, context: Context, data_dict: dict[str, Any]) -> None:
        csw_sync.queue_removed(str(data_dict.get("id") or ""))

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
