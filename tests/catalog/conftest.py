"""Fixtures shared by the catalog tests: a Solr node of the test's own."""

from __future__ import annotations

import pytest
from ckan.common import config
from ckan.lib import search

from ckanext.pe_catalog.logic import index_guard
from harness.solr_node import SolrNode


@pytest.fixture(scope="module")
def solr_node(tmp_path_factory):
    """A Solr node of the test module's own (harness/solr_node.py), which tests really stop."""
    node = SolrNode(tmp_path_factory.mktemp("solr"))
    node.start()
    yield node
    node.stop()


@pytest.fixture
def solr(solr_node, monkeypatch):
    """CKAN indexes into the test's own real Solr node, which starts empty and
    up (solr_url is configuration pointed at it; nothing stands in for Solr)."""
    if solr_node.process is None:
        solr_node.start()
    monkeypatch.setitem(config, "solr_url", solr_node.url)
    search.clear_all()
    yield solr_node
    if solr_node.process is None:
        solr_node.start()
    index_guard.forget_outage()
