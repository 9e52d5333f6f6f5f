"""Dataset type ``hta-report``: RENETSA health technology assessment reports."""

from __future__ import annotations

from ckanext.pe_catalog.dataset_type import DatasetTypePlugin


class HtaPlugin(DatasetTypePlugin):
    dataset_type = "hta-report"
    schema_file = "hta_report.yaml"
