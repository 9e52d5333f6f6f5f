"""DCAT-US 1.1 (Project Open Data) ``data.json``: the catalog for DKAN harvesters."""
