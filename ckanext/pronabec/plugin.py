"""Dataset type ``scholarship``: Pronabec scholarships and educational loans."""

from __future__ import annotations

from ckanext.pe_catalog.dataset_type import DatasetTypePlugin


class PronabecPlugin(DatasetTypePlugin):
    dataset_type = "scholarship"
    schema_file = "scholarship.yaml"
