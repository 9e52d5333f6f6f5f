"""Hostile query parameters on every kind of GET view: never a 5xx.

Search pages, organization and group pages, downloads (``export.csv``,
citations, calendars), feeds, the DCAT catalog and datasets, autocomplete and
activity lists, in both languages, get the parameters users and harvesters
send (``q``, ``fq``, ``sort``, ``page``, facets, ``ext_bbox``...) with hostile
values. A request a view cannot serve is a 4xx with a message; a 5xx fails.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlencode

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from hypothesis import given
from hypothesis import strategies as st

from harness.sample import DATASET_TYPES, dataset_dict
from tests.catalog.test_fuzz_api import fuzz_settings

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

EXAMPLES = int(os.environ.get("PE_FUZZ_PAGE_EXAMPLES", "200"))

VIEWS = [
    "/",
    "/dataset/",
    "/hta-report/",
    "/scholarship/",
    "/environmental-data/",
    "/organization/",
    "/organization/oefa",
    "/group/",
    "/group/salud",
    "/hta-report/informe-1",
    "/scholarship/beca-1",
    "/environmental-data/agua-1",
    "/hta-report/export.csv",
    "/hta-report/informe-1/cite.bib",
    "/hta-report/informe-1/cite.ris",
    "/scholarship/beca-1/deadline.ics",
    "/feeds/dataset.atom",
    "/feeds/custom.atom",
    "/feeds/organization/oefa.atom",
    "/feeds/group/salud.atom",
    "/feeds/tag/agua.atom",
    "/catalog.ttl",
    "/catalog.rdf",
    "/catalog.jsonld",
    "/dataset/agua-1.ttl",
    "/dataset/informe-1.jsonld",
    "/api/2/util/tag/autocomplete",
    "/api/2/util/dataset/autocomplete",
    "/api/2/util/resource/format_autocomplete",
    "/api/3/action/package_search",
    "/api/3/action/package_show",
    "/dataset/activity/agua-1",
    "/organization/activity/oefa",
    "/group/activity/salud",
]
PARAMS = [
    "q",
    "fq",
    "sort",
    "page",
    "rows",
    "start",
    "limit",
    "offset",
    "id",
    "incomplete",
    "modified_since",
    "profiles",
    "ext_bbox",
    "ext_prev_extent",
    "tags",
    "organization",
    "groups",
    "res_format",
    "license_id",
    "open_now",
    "vocab_region",
    "dataset_type",
    "facet.field",
    "facet.limit",
    "activity_type",
    "after",
    "before",
    "_tags_limit",
]
HOSTILE = st.one_of(
    st.sampled_from(
        [
            "",
            '"',
            "(",
            "*:*",
            "title:",
            "a AND",
            "{!func}",
            "-1",
            "0",
            "99999999999999999999",
            "1e400",
            "NaN",
            "abc",
            "title_string asc,",
            "score desc, metadata_modified desc",
            "deadline",
            "2026-13-45",
            "2026-01-31T08:00:00+05:00",
            "-181,-91,181,91",
            "1,2,3",
            "a,b,c,d",
            "nonexistent",
            "\x00",
            "\x0b",
            "%00",
            "x" * 5000,
            "😀",
            "[]",
            "{num}",
            "true",
            # format strings: a message quoting the value must not format it
            "%",
            "%s",
            "%(x)s",
            "%100000s",
            "100%",
            # dates past year 9999 or before year 1 once moved to UTC
            "9999-12-31T23:59:59-14:00",
            "0001-01-01T00:00:00+14:00",
            # ckanext-dcat profiles that do not serve the suite's types
            "euro_dcat_ap",
            "schemaorg",
        ]
    ),
    st.text(max_size=30),
    st.integers().map(str),
)


@pytest.fixture
def catalog():
    """One dataset of each type, in an organization and a group."""
    user = factories.Sysadmin()
    org = factories.Organization(name="oefa")
    factories.Group(name="salud")
    context = {"user": user["name"]}
    names = {"hta-report": "informe-1", "scholarship": "beca-1", "environmental-data": "agua-1"}
    for dataset_type in DATASET_TYPES:
        data = dataset_dict(
            dataset_type,
            org["id"],
            name=names[dataset_type],
            groups=[{"name": "salud"}],
            tag_string="agua",
        )
        call_action("package_create", context=dict(context), **data)
    return user


def fetch(app: Any, url: str) -> int:
    try:
        return app.get(url, status=None).status_code
    except Exception:  # the test app re-raises what production answers with 500
        return 500


def test_hostile_query_parameters_never_fail_a_page(app, catalog):
    @fuzz_settings(EXAMPLES)
    @given(
        view=st.sampled_from(VIEWS),
        english=st.booleans(),
        params=st.lists(st.tuples(st.sampled_from(PARAMS), HOSTILE), min_size=1, max_size=3),
    )
    def case(view: str, english: bool, params: list[tuple[str, str]]) -> None:
        prefix = "/en" if english and not view.startswith("/api/") else ""
        url = f"{prefix}{view}?{urlencode(params)}"
        assert fetch(app, url) < 500, url

    case()
