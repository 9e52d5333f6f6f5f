"""Dataset type ``environmental-data``: environmental data of OEFA, SENACE and MINAM."""

from __future__ import annotations

from ckanext.pe_catalog.dataset_type import DatasetTypePlugin


class EnvironmentPlugin(DatasetTypePlugin):
    dataset_type = "environmental-data"
    schema_file = "environmental_data.yaml"
