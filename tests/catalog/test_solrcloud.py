"""The same answers from SolrCloud as from the single core.

The sample catalog is indexed into the suite's single Solr core and into the
SolrCloud collection of test-cloud.ini (2 shards x 2 replicas on two nodes with
ZooKeeper, from ``scripts/solr.sh cloud-up``); every search a user of the three
repositories makes gives the same count, the same datasets and the same facet
counts from both. (``make test-cloud`` also runs the search tests themselves
against the collection.)
"""

from __future__ import annotations

import configparser
import json
from pathlib import Path
from typing import Any

import pytest
from ckan.cli.cli import ckan
from ckan.common import config
from ckan.lib import search
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

ROOT = Path(__file__).resolve().parents[2]


def cloud_url() -> str:
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(ROOT / "test-cloud.ini")
    return ini["app:main"]["solr_url"]


FACETS = {
    "hta-report": ["organization", "report_type", "technology_type", "recommendation", "status",
                   "publication_year", "vocab_atc_group", "tags"],
    "scholarship": ["program", "instrument_type", "vocab_education_levels", "vocab_region",
                    "vocab_target_groups", "study_destination", "open_now"],
    "environmental-data": ["organization", "information_category", "vocab_department",
                           "vocab_environmental_components", "vocab_coverage_year"],
}  # fmt: skip
WORDS = {"hta-report": "cáncer", "scholarship": "beca", "environmental-data": "monitoreo"}
BBOX = ",".join(str(v) for v in (-73.0, -15.0, -70.5, -12.0))  # around Cusco


def searches() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [{"q": "*:*"}, {"q": "agua"}, {"q": "salud"}]
    for dataset_type, facets in FACETS.items():
        base = {"fq": f"+dataset_type:{dataset_type}", "facet.field": json.dumps(facets)}
        found += [base, {**base, "q": WORDS[dataset_type]}]
    found.append({"fq": "+dataset_type:scholarship +vocab_region:08"})
    found.append({"fq": "+dataset_type:scholarship +open_now:true"})
    found.append({"fq": "+dataset_type:environmental-data", "extras": {"ext_bbox": BBOX}})
    return found


def answers() -> list[tuple]:
    result = []
    for query in searches():
        response = call_action("package_search", rows=1000, sort="name asc", **query)
        facets = {
            name: sorted((item["name"], item["count"]) for item in facet["items"])
            for name, facet in response["search_facets"].items()
        }
        result.append((response["count"], [d["name"] for d in response["results"]], facets))
    return result


def test_solrcloud_answers_as_the_single_core(cli, monkeypatch):
    loaded = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert loaded.exit_code == 0, loaded.output
    single = answers()
    assert single[0][0] >= 80
    # the comparison is not vacuous: every search finds datasets
    assert all(count for count, *_ in single)

    # the same CKAN pointed at the real SolrCloud collection (configuration)
    monkeypatch.setitem(config, "solr_url", cloud_url())
    search.clear_all()
    search.rebuild(quiet=True)
    status = search.make_connection().search("*:*", rows=0, **{"shards.info": "true"})
    shards = status.raw_response["shards.info"]
    assert len(shards) == 2  # the collection's two shards answered the search
    assert answers() == single
