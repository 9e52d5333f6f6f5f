"""Dataset type ``hta-report``: RENETSA health technology assessment reports."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.hta import vocabularies
from ckanext.pe_catalog.dataset_type import DatasetTypePlugin
from ckanext.pe_catalog.language import language_text


@tk.blanket.blueprints
@tk.blanket.helpers
class HtaPlugin(DatasetTypePlugin):
    dataset_type = "hta-report"
    schema_file = "hta_report.yaml"

    def derived_index_fields(self, dataset: dict[str, Any]) -> dict[str, Any]:
        chapters = {vocabularies.icd10_chapter(c) for c in dataset.get("icd10_codes") or []}
        groups = {vocabularies.atc_group(c) for c in dataset.get("atc_codes") or []}
        derived: dict[str, Any] = {
            "vocab_icd10_chapter": sorted(c for c in chapters if c),
            "vocab_atc_group": sorted(g for g in groups if g),
        }
        if dataset.get("publication_date"):
            derived["publication_year"] = str(dataset["publication_date"])[:4]
        return {k: v for k, v in derived.items() if v}

    def derived_facet_titles(self) -> dict[str, str]:
        return {
            "publication_year": tk._("Publication year"),
            "vocab_icd10_chapter": tk._("ICD-10 chapter"),
            "vocab_atc_group": tk._("ATC anatomical main group"),
        }

    def derived_facet_label(self, facet: str, value: str) -> str | None:
        if facet == "vocab_icd10_chapter":
            return language_text(vocabularies.icd10_chapter_label(value))
        if facet == "vocab_atc_group":
            return language_text(vocabularies.atc_group_label(value))
        return None
