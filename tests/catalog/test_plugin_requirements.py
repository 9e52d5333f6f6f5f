"""A dataset-type plugin enabled without what it needs fails at start-up, saying the fix."""

from __future__ import annotations

import pytest
from ckan import plugins


@pytest.mark.ckan_config("ckan.plugins", "hta scheming_datasets")
def test_type_plugin_without_pe_catalog_says_what_to_enable():
    try:
        with pytest.raises(RuntimeError, match="needs the 'pe_catalog' plugin"):
            plugins.load("scheming_datasets", "hta")
    finally:
        plugins.unload_all()
