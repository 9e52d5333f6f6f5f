"""Base class of the suite's dataset-type plugins.

Each dataset-type plugin owns one ckanext-scheming schema, listed in
``scheming.dataset_schemas`` (config/suite.ini). The base class does, for every
type, what only the schema decides: list fields indexed as multi-valued Solr
fields, the schema's ``search_facets`` on the type's search page, and facet
items shown by label. A type plugin adds derived index fields and their labels
through the three ``derived_*`` hooks.

``configure`` fails early, with the fix in the message, when the schema or the
shared ``pe_catalog`` plugin (presets, templates, translations) is missing.
"""

from __future__ import annotations

import json
import os
import sys
from collections import OrderedDict
from typing import Any, ClassVar

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_dataset_schemas

from ckanext.pe_catalog import access, schema_fields, search

SCHEMAS_MODULE = "ckanext.pe_catalog.schemas"

# Solr refuses a document whose string field holds a term over 32,766 bytes
# (Lucene's limit); CKAN copies every extra into such a field (title and
# notes have text fields of their own)
SOLR_MAX_TERM_BYTES = 32_766
SOLR_TEXT_FIELDS = {"title", "notes"}


def schema_ref(schema_file: str) -> str:
    """The ckanext-scheming reference of one of the suite's schema files."""
    return f"{SCHEMAS_MODULE}:{schema_file}"


def suite_dataset_types() -> list[str]:
    """The dataset types of the suite's plugins that are loaded, in plugin order
    (``hta-report``, ``scholarship``, ``environmental-data`` when all are)."""
    return [
        plugin.dataset_type
        for plugin in p.PluginImplementations(p.IPackageController)
        if isinstance(plugin, DatasetTypePlugin)
    ]


def suite_facet_title(field: str) -> str | None:
    """The title (user's language) a loaded suite type gives its facet
    ``field`` (a Solr field: ``vocab_region``, ``report_type``), or None."""
    for plugin in p.PluginImplementations(p.IPackageController):
        if isinstance(plugin, DatasetTypePlugin):
            titles = plugin.dataset_facets(OrderedDict(), plugin.dataset_type)
            if field in titles:
                return titles[field]
    return None


class DatasetTypePlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer, inherit=True)
    p.implements(p.IConfigurable, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IFacets, inherit=True)

    dataset_type: ClassVar[str]
    schema_file: ClassVar[str]

    # --- hooks for the type plugins -------------------------------------

    def derived_index_fields(self, dataset: dict[str, Any]) -> dict[str, Any]:
        """Extra Solr fields computed from the validated dataset."""
        return {}

    def derived_facet_titles(self) -> dict[str, str]:
        """Titles of derived facet fields (called per request, so translatable)."""
        return {}

    def derived_facet_label(self, facet: str, value: str) -> str | None:
        """The label of a derived facet item, or None to show the value."""
        return None

    # --- shared behaviour ------------------------------------------------

    def schema(self) -> dict[str, Any]:
        return schema_fields.schema_of(self.dataset_type) or {}

    def update_config(self, config: Any) -> None:
        # the type's own templates (<package>/templates/<schema>/...), next to
        # its code; add_template_directory() resolves paths from the caller's
        # module, which is this base class, so hand it the absolute path
        package = sys.modules[type(self).__module__].__file__ or ""
        tk.add_template_directory(config, os.path.join(os.path.dirname(package), "templates"))

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

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        if pkg_dict.get("dataset_type") != self.dataset_type:
            return pkg_dict
        dataset = json.loads(pkg_dict["validated_data_dict"])
        schema = self.schema()
        search.index_list_fields(pkg_dict, schema, dataset)
        # references to other datasets stay out of the index: a public report's
        # list named private reports to any search (the text field, facets,
        # wildcards); readers get them from package_show, redacted per reader
        for name in access.reference_fields(self.dataset_type):
            for key in (name, f"vocab_{name}", f"extras_{name}"):
                pkg_dict.pop(key, None)
        pkg_dict.update(self.derived_index_fields(dataset))
        labels = search.choice_labels(schema, dataset)
        if labels:
            pkg_dict[search.CHOICE_LABELS_FIELD] = labels
        # a long text (a GeoJSON outline, long requirements) stays searchable
        # through its extras_<name> text field; its exact-match copy is dropped
        for name in schema_fields.field_names(schema):
            if name in SOLR_TEXT_FIELDS:
                continue
            value = pkg_dict.get(name)
            if isinstance(value, str) and len(value.encode()) > SOLR_MAX_TERM_BYTES:
                del pkg_dict[name]
        return pkg_dict

    def dataset_facets(
        self, facets_dict: OrderedDict[str, Any], package_type: str
    ) -> OrderedDict[str, Any]:
        if package_type != self.dataset_type:
            return facets_dict
        return search.facet_titles(self.schema(), self.derived_facet_titles())

    def after_dataset_search(
        self, search_results: dict[str, Any], search_params: dict[str, Any]
    ) -> dict[str, Any]:
        search.relabel_facets(
            search_results.get("search_facets", {}), self.schema(), self.derived_facet_label
        )
        return search_results
