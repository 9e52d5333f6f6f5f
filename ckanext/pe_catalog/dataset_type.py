"""Base class of the suite's dataset-type plugins.

Each dataset-type plugin owns one ckanext-scheming schema, listed in
``scheming.dataset_schemas`` (config/suite.ini). ``configure`` fails early, with
the fix in the message, when the schema or the shared ``pe_catalog`` plugin
(presets, templates, translations) is missing, rather than letting the portal
start without the type.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ckan.plugins as p
from ckanext.scheming.helpers import scheming_dataset_schemas

SCHEMAS_MODULE = "ckanext.pe_catalog.schemas"


def schema_ref(schema_file: str) -> str:
    """The ckanext-scheming reference of one of the suite's schema files."""
    return f"{SCHEMAS_MODULE}:{schema_file}"


class DatasetTypePlugin(p.SingletonPlugin):
    p.implements(p.IConfigurable, inherit=True)

    dataset_type: ClassVar[str]
    schema_file: ClassVar[str]

    def configure(self, config: Any) -> None:
        if not p.plugin_loaded("pe_catalog"):
            raise RuntimeError(
                f"The '{self.name}' plugin needs the 'pe_catalog' plugin: add it to ckan.plugins."
            )
        if self.dataset_type not in (scheming_dataset_schemas(expanded=False) or {}):
            raise RuntimeError(
                f"The '{self.name}' plugin needs ckanext-scheming with its schema: add "
                f"'scheming_datasets' to ckan.plugins and '{schema_ref(self.schema_file)}' "
                "to scheming.dataset_schemas."
            )
