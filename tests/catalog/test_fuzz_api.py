"""Hostile records against the action API, over HTTP, for each dataset type.

Each case is a valid record of the type with one to three of its keys (schema
fields, core fields, resources, unknown keys) replaced by a hostile value:
wrong JSON types, control characters and odd unicode, huge and non-finite
numbers, impossible dates, bad geometries, dangerous URLs. Whatever comes in:

* the answer is never a 5xx;
* a refusal is a 409 whose error names a field, and nothing was written
  (no new row, nothing in search);
* an accepted record can be shown, found, serialised to every catalog format,
  rendered as a page (Spanish and English) and in search results, the Atom
  feed and its type's downloads (citations, calendar).

``make test`` runs a bounded, repeatable number of cases per type
(``PE_FUZZ_EXAMPLES``, default 300); ``make fuzz`` runs 10,000 per type with
fresh random cases and prints the outcomes.
"""

from __future__ import annotations

import collections
import json
import os
import re
import string
from typing import Any, cast

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories
from ckanext.scheming.helpers import scheming_get_dataset_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness import dcat_us
from harness.sample import CUSCO_POLYGON, DATASET_TYPES, dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

EXAMPLES = int(os.environ.get("PE_FUZZ_EXAMPLES", "300"))
RANDOM = os.environ.get("PE_FUZZ_RANDOM") == "1"
CATALOG_FORMATS = ("ttl", "rdf", "jsonld")
VALID_NAME = re.compile(r"[a-z0-9_-]{2,100}")
DOWNLOADS = {"hta-report": ("cite.bib", "cite.ris"), "scholarship": ("deadline.ics",)}

# --- hostile values ---------------------------------------------------------

SPECIAL_TEXT = [
    "",
    " ",
    "\x00",
    "a\x0bb",
    "línea\ncon salto",
    "\t",
    "x" * 100_000,
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "-0",
    "0x1F",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-13-01",
    "99999-01-01",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<b>x</b>",
    "https://example.org/\nSet-Cookie: x",
    "<script>alert(1)</script>",
    "{num}",
    "%(count)s",
    "\u202eevil",
    "\ud800",
    "😀" * 10_000,
    '{"type": "GeometryCollection", "geometries": []}',
    "nacional",
    "080101",
    "beca",
]
TEXT = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=4),
)
NUMBER = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 2**53, 2**63, 10**400 // 10**300]),
)


def _nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4)


COORDINATE = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-400, 400))
POSITION = st.lists(COORDINATE, min_size=0, max_size=4)
GEOMETRY = st.one_of(
    st.builds(
        lambda kind, coords: {"type": kind, "coordinates": coords},
        st.sampled_from(["Point", "LineString", "Polygon", "MultiPolygon", "Feature", "Nope"]),
        st.recursive(POSITION, _nested, max_leaves=12),
    ),
    st.just({"type": "GeometryCollection", "geometries": []}),
    st.just({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": []}]}),
    st.just(
        {
            "type": "Polygon",
            "coordinates": [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]],
        }
    ),
    st.just(CUSCO_POLYGON),
).map(lambda g: json.dumps(g) if not isinstance(g, str) else g)
SCALAR = st.one_of(st.none(), st.booleans(), NUMBER, TEXT)
VALUE = st.one_of(
    SCALAR,
    st.lists(SCALAR, max_size=4),
    st.dictionaries(st.text(max_size=6), SCALAR, max_size=3),
    GEOMETRY,
)


def _resources(fields: list[str]) -> st.SearchStrategy[Any]:
    keys = st.sampled_from([*fields, "url_type", "id", "package_id", "size", "position"])
    resource = st.dictionaries(keys, VALUE, max_size=4).map(
        lambda r: {"url": "https://www.gob.pe/informe.pdf", "name": "Informe", **r}
    )
    return st.one_of(st.lists(resource, max_size=3), VALUE)


CORE_KEYS = [
    "type",
    "name",
    "title",
    "notes",
    "owner_org",
    "private",
    "state",
    "tags",
    "groups",
    "extras",
    "tag_string",
    "license_id",
    "url",
    "version",
    "author_email",
    "id",
]


def mutations(dataset_type: str) -> st.SearchStrategy[list[tuple[str, Any]]]:
    """One to three (key, value) replacements; the value ``DELETE`` removes the key."""
    schema = scheming_get_dataset_schema(dataset_type)
    fields = [f["field_name"] for f in schema["dataset_fields"]]
    resource_fields = [f["field_name"] for f in schema["resource_fields"]]
    key = st.one_of(st.sampled_from(sorted({*fields, *CORE_KEYS})), st.text(max_size=12))
    plain = st.tuples(key, st.one_of(VALUE, st.just(DELETE)))
    special = st.one_of(
        st.tuples(st.just("resources"), _resources(resource_fields)),
        st.tuples(st.just("spatial"), GEOMETRY),
    )
    return st.lists(st.one_of(plain, special), min_size=1, max_size=3)


DELETE = object()

# --- the checks -------------------------------------------------------------


class Api:
    """The action API over HTTP (CKAN's test app), as a sysadmin with an API token."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.headers = {"Authorization": token}

    def call(self, action: str, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        try:
            response = self.app.post(
                f"/api/3/action/{action}", json=data, headers=self.headers, status=None
            )
        except Exception as error:  # the test app re-raises what would be a 500
            return 500, {"exception": repr(error)}
        try:
            body = json.loads(response.get_data(as_text=True))
        except ValueError:
            body = {"not_json": response.get_data(as_text=True)[:300]}
        return response.status_code, body

    def get(self, url: str) -> int:
        try:
            return self.app.get(url, headers=self.headers, status=None).status_code
        except Exception:
            return 500

    def get_json(self, url: str) -> tuple[int, Any]:
        try:
            response = self.app.get(url, headers=self.headers, status=None)
        except Exception as error:
            return 500, repr(error)
        return response.status_code, json.loads(response.get_data(as_text=True))


def _rows() -> int:
    model.Session.remove()
    return model.Session.query(model.Package).count()


def check_case(
    api: Api, dataset_type: str, owner_org: str, name: str, changes: list[tuple[str, Any]]
) -> str:
    """Send one mutated record and check every promise; return its outcome."""
    data = dataset_dict(dataset_type, owner_org, name=name)
    for key, value in changes:
        if value is DELETE:
            data.pop(key, None)
        else:
            data[key] = value
    before = _rows()
    status, body = api.call("package_create", data)
    assert status < 500, (status, body, changes)

    if status != 200:
        assert status == 409, (status, body, changes)
        error = body.get("error", {})
        assert set(error) - {"__type", "message"}, ("no field named", error, changes)
        assert _rows() == before, ("a refused record was written", error, changes)
        # only what CKAN's name rule lets through could have been written
        names = {
            n for n in (name, data.get("name")) if isinstance(n, str) and VALID_NAME.fullmatch(n)
        }
        for ref in names:
            found = api.call("package_search", {"fq": f'name:"{ref}"', "include_private": True})
            assert found[0] == 200 and found[1]["result"]["count"] == 0, (ref, changes)
        return "refused"

    pkg = body["result"]
    shown = api.call("package_show", {"id": pkg["id"]})
    assert shown[0] == 200, (shown, changes)
    assert api.get(f"/{pkg['type']}/{pkg['name']}") == 200, changes
    assert api.get(f"/en/{pkg['type']}/{pkg['name']}") == 200, changes
    if pkg["state"] == "active":
        found = api.call("package_search", {"fq": f'id:"{pkg["id"]}"', "include_private": True})
        assert found[0] == 200 and found[1]["result"]["count"] == 1, (found, changes)
    public = pkg["state"] == "active" and not pkg.get("private")
    if pkg["state"] == "active":
        # search results pages, the Atom feed and the type's downloads list it
        assert api.get(f'/{pkg["type"]}/?q=id:"{pkg["id"]}"') == 200, changes
        assert api.get("/feeds/dataset.atom") == 200, changes
        for download in DOWNLOADS.get(pkg["type"], ()):
            assert api.get(f"/{pkg['type']}/{pkg['name']}/{download}") == 200, changes
    for fmt in CATALOG_FORMATS:
        expected = 200 if public else 404
        assert api.get(f"/dataset/{pkg['id']}.{fmt}") == expected, (fmt, changes)
        assert api.get(f"/catalog.{fmt}") == 200, (fmt, changes)
    status, data_json = api.get_json("/data.json")
    assert status == 200, (data_json, changes)
    assert dcat_us.errors(data_json) == [], changes
    listed = [d["identifier"] for d in data_json["dataset"]]
    assert listed == ([f"{tk.config['ckan.site_url']}/dataset/{pkg['id']}"] if public else []), (
        changes
    )
    assert api.call("dataset_purge", {"id": pkg["id"]})[0] == 200
    return "accepted"


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings of the suite's fuzz tests: repeatable cases in ``make test``,
    fresh random ones with ``PE_FUZZ_RANDOM=1`` (``make fuzz``); real services, so
    no deadline and no health check about function-scoped fixtures."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        # HealthCheckMeta.__iter__ is unannotated: pyright takes its items for the metaclass
        suppress_health_check=cast("list[HealthCheck]", list(HealthCheck)),
    )


OUTCOMES: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)


@pytest.fixture
def api(app):
    return Api(app, factories.SysadminWithToken()["token"])


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_hostile_records_never_fail_the_api_nor_half_write(api, dataset_type):
    org = factories.Organization()
    counter = iter(range(10**9))

    @fuzz_settings(EXAMPLES)
    @given(changes=mutations(dataset_type))
    def case(changes: list[tuple[str, Any]]) -> None:
        name = f"fuzz-{next(counter)}-" + "".join(
            c for c in dataset_type if c in string.ascii_lowercase
        )
        OUTCOMES[dataset_type][check_case(api, dataset_type, org["id"], name, changes)] += 1
        if sum(OUTCOMES[dataset_type].values()) % 1000 == 0:  # progress of long runs
            print(f"fuzz {dataset_type} so far: {dict(OUTCOMES[dataset_type])}", flush=True)

    case()
    print(f"fuzz {dataset_type}: {dict(OUTCOMES[dataset_type])}")
    # both paths were exercised: hostile input refused, harmless changes accepted
    assert OUTCOMES[dataset_type]["refused"] > 0
    assert OUTCOMES[dataset_type]["accepted"] > 0
