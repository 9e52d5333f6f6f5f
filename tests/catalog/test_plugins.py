"""The suite's plugins load and register their dataset types with ckanext-scheming."""

from __future__ import annotations

import pytest
from ckan import plugins
from ckan.plugins import toolkit as tk
from ckan.tests.helpers import call_action

from ckanext.pe_catalog.dataset_type import DatasetTypePlugin
from harness.sample import DATASET_TYPES

pytestmark = pytest.mark.usefixtures("with_plugins")


@pytest.mark.parametrize("plugin", ["pe_catalog", "hta", "pronabec", "environment"])
def test_plugin_is_loaded(plugin):
    assert plugins.plugin_loaded(plugin)


@pytest.mark.parametrize(
    ("plugin", "dataset_type"),
    [("hta", "hta-report"), ("pronabec", "scholarship"), ("environment", "environmental-data")],
)
def test_each_plugin_owns_its_dataset_type(plugin, dataset_type):
    loaded = plugins.get_plugin(plugin)
    assert isinstance(loaded, DatasetTypePlugin)
    assert loaded.dataset_type == dataset_type


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_schema_show_answers_for_each_type(dataset_type):
    schema = call_action("scheming_dataset_schema_show", type=dataset_type)

    assert schema["dataset_type"] == dataset_type
    fields = {f["field_name"] for f in schema["dataset_fields"]}
    assert {"title", "name", "notes", "owner_org"} <= fields
    # presets carry bilingual labels, Spanish first
    title = next(f for f in schema["dataset_fields"] if f["field_name"] == "title")
    assert title["label"] == {"es": "Título", "en": "Title"}


def test_unknown_type_is_not_served():
    with pytest.raises(tk.ObjectNotFound):
        call_action("scheming_dataset_schema_show", type="dataset-that-does-not-exist")
