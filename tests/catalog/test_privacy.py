"""Who sees what: a privacy matrix of viewers × dataset states × dataset types × doors.

One organization owns a dataset of each type (hta-report, scholarship,
environmental-data) in each state: public, private, draft and deleted. Six
viewers (anonymous, a registered user of no organization, the editor of
another organization, a member and an editor of the owning organization, a
sysadmin) knock at every door that can show a dataset: the action API, the
pages, the DCAT catalog, the feeds and the pages of each type's plugin.

A *leak* is a dataset the viewer may not see showing through a door: its id,
name, marker, secret (unique words of its title and notes) or resource id
appearing in the answer more often than a missing dataset's do in the answer
for it (a page may echo the address asked for), or another status code than
for a missing dataset. Each door also proves it works: for a viewer who may
see the dataset, a door that lists or shows it must carry its secret, so no
door passes by showing nothing.

Who may see what (CKAN 2.12's permission labels, which the product keeps):

* public: everyone;
* private, draft, deleted: the members (any capacity) of its organization, its
  creator and sysadmins; a deleted one only through the dataset itself
  (package_show, its page and activity), in no search, list, feed or catalog;
* the catalog (DCAT, schema.org) publishes public datasets only, whoever asks.

Last, a public report whose ``related_reports`` names the private, draft and
deleted reports, two reports made private or deleted after they were linked,
and a public one (which must show), must not reveal the hidden ones through
any door that shows it; the hidden reports that name it back must not show
among the reports that cite it.

The datasets are made once for the module; each door is one test that checks
every cell of its matrix and lists all of its failures at once.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import ckan.plugins as plugins
import pytest
import rdflib
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import _get_test_app, call_action

from harness.sample import CUSCO_POLYGON, dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins")

VIEWERS = ("anonymous", "registered", "other_editor", "member", "editor", "sysadmin")
STATES = ("public", "private", "draft", "deleted")
TYPES = ("hta-report", "scholarship", "environmental-data")

# who may see a dataset in each state (the editor created them all)
MAY_SEE = {
    "public": set(VIEWERS),
    "private": {"member", "editor", "sysadmin"},
    "draft": {"member", "editor", "sysadmin"},
    "deleted": {"member", "editor", "sysadmin"},
}
HIDDEN_STATES = ("private", "draft", "deleted")
# what gives a dataset away, in the order a failure names them
TOKENS = ("id", "name", "marker", "secret", "resource_id")


# --- the world: organization, viewers, datasets -----------------------------------


@dataclass(frozen=True)
class Record:
    """One dataset of the matrix (or a missing one, with made-up identifiers)."""

    type: str
    state: str
    id: str
    name: str
    marker: str  # in title and notes: what a search asks for
    secret: str  # in title, notes and the resource's name and URL: what an answer shows
    resource_id: str
    activity_id: str = ""  # its newest activity, if any
    history: str = ""  # how it came to its state, when not made so

    @property
    def cell(self) -> str:
        return f"{self.state:8} {self.type:18}" + (f" ({self.history})" if self.history else "")


def _words(dataset_type: str, state: str) -> tuple[str, str]:
    key = dataset_type.replace("-", "")
    return f"zqx{key}{state}marker", f"yqv{key}{state}secret"


def missing_record(dataset_type: str) -> Record:
    """A dataset that does not exist, shaped like the matrix's: the baseline answer."""
    marker, secret = _words(dataset_type, "missing")
    return Record(
        type=dataset_type,
        state="missing",
        id=str(uuid.uuid4()),
        name=f"n-{marker}",
        marker=marker,
        secret=secret,
        resource_id=str(uuid.uuid4()),
        activity_id=str(uuid.uuid4()),
    )


@dataclass
class World:
    org: str  # the owning organization's name
    users: dict[str, str]  # viewer -> user name ("" for anonymous)
    headers: dict[str, dict[str, str]]  # viewer -> request headers
    records: dict[tuple[str, str], Record]  # (type, state) -> record
    missing: dict[str, Record] = field(default_factory=dict)  # type -> baseline


@dataclass
class Tally:
    doors: int = 0
    checks: int = 0
    failures: int = 0


def _newest_activity(dataset_id: str) -> str:
    """The id of the dataset's newest activity, read from the database (whoever may see it)."""
    from ckan import model
    from ckanext.activity.model import Activity

    activity = (
        model.Session.query(Activity)
        .filter(Activity.object_id == dataset_id)
        .order_by(Activity.timestamp.desc())
        .first()
    )
    return activity.id if activity else ""


def _dataset(editor: str, org_id: str, dataset_type: str, state: str, label: str = "") -> Record:
    """A valid dataset of the type, created by the editor, brought to the state.

    ``label`` names its words (marker, secret) when the state is not enough.
    """
    marker, secret = _words(dataset_type, label or state)
    name = f"n-{marker}"
    data = dataset_dict(
        dataset_type,
        org_id,
        name=name,
        title=f"{marker} {secret}",
        notes=f"Conjunto de prueba {marker}, {secret}.",
        private=state == "private",
        resources=[
            {
                "url": f"https://example.org/{secret}.csv",
                "name": f"Recurso {secret}",
                "format": "CSV",
            }
        ],
    )
    if dataset_type == "hta-report":
        data["report_code"] = f"RC {marker}"  # unique in the catalog
    if dataset_type == "environmental-data":
        data["spatial"] = json.dumps(CUSCO_POLYGON)  # required; sent as text, as clients do
    if state == "draft":
        data["state"] = "draft"
    context = {"user": editor, "ignore_auth": False}
    pkg = call_action("package_create", context=dict(context), **data)
    assert pkg["state"] == ("draft" if state == "draft" else "active"), pkg["state"]
    if state == "deleted":
        call_action("package_delete", context=dict(context), id=pkg["id"])
    return Record(
        type=dataset_type,
        state=state,
        id=pkg["id"],
        name=name,
        marker=marker,
        secret=secret,
        resource_id=pkg["resources"][0]["id"],
        activity_id=_newest_activity(pkg["id"]),
    )


@pytest.fixture(scope="module")
def world(reset_db: Any, migrate_db_for: Any, reset_index: Any) -> Iterator[World]:
    """The organizations, the six viewers and the twelve datasets, made once.

    CKAN's clean_db and with_plugins fixtures are per test; this is their
    module-wide equivalent (the suite's clean_db also migrates the activity plugin).
    """
    plugins.load_all()
    try:
        reset_db()
        migrate_db_for("activity")
        reset_index()
        users: dict[str, str] = {
            v: factories.User()["name"] for v in ("registered", "other_editor", "member")
        }
        users["editor"] = factories.User()["name"]
        users["sysadmin"] = factories.Sysadmin()["name"]
        factories.Organization(users=[{"name": users["other_editor"], "capacity": "editor"}])
        org = factories.Organization(
            name="zqx-owning-org",
            users=[
                {"name": users["member"], "capacity": "member"},
                {"name": users["editor"], "capacity": "editor"},
            ],
        )
        headers: dict[str, dict[str, str]] = {"anonymous": {}}
        for viewer, name in users.items():
            headers[viewer] = {"Authorization": factories.APIToken(user=name)["token"]}
        users["anonymous"] = ""
        records = {
            (t, s): _dataset(users["editor"], org["id"], t, s) for t in TYPES for s in STATES
        }
        yield World(
            org=org["name"],
            users=users,
            headers=headers,
            records=records,
            missing={t: missing_record(t) for t in TYPES},
        )
    finally:
        plugins.unload_all()


@dataclass
class Related:
    report: Record  # the public report that names the others
    hidden: list[Record]  # the reports it names that some viewers may not see


@pytest.fixture(scope="module")
def related(world: World) -> Related:
    """A public report whose related_reports names the public, private, draft and deleted reports.

    Also two reports that were public when linked: one made private and one
    deleted afterwards. The private and draft reports and these two name it
    back (its page lists the reports that cite it). Made when the first test
    of related references asks for it, after the matrix's tests (they come
    first in this module): its activity and catalog entry would otherwise
    count in the matrix's lists.
    The matrix's hidden reports are linked by id, which the validator keeps
    for a dataset its writer may not read (the deleted one after its deletion).
    """
    # set up before the test's with_plugins, after the previous test's unloaded them
    plugins.load_all()
    editor, org_id = world.users["editor"], _org_id(world)
    context = {"user": editor, "ignore_auth": False}
    later = {
        state: _dataset(editor, org_id, "hta-report", "public", label=f"{state}later")
        for state in ("private", "deleted")
    }
    hidden = [world.records[("hta-report", s)] for s in HIDDEN_STATES]
    refs = [world.records[("hta-report", "public")].id, *(r.id for r in hidden)]
    refs += [r.id for r in later.values()]
    report = _dataset(editor, org_id, "hta-report", "public", label="related")
    call_action("package_patch", context=dict(context), id=report.id, related_reports=refs)
    # ...and they name it back: the report's page lists the reports that cite it
    for rec in [*hidden[:2], *later.values()]:  # the deleted one cannot be written any more
        call_action("package_patch", context=dict(context), id=rec.id, related_reports=[report.id])
    call_action("package_patch", context=dict(context), id=later["private"].id, private=True)
    call_action("package_delete", context=dict(context), id=later["deleted"].id)
    hidden += [
        replace(rec, state=state, history=f"made {state} after the link")
        for state, rec in later.items()
    ]
    stored = call_action("package_show", context={"ignore_auth": True}, id=report.id)
    # every reference is stored, the hidden ones too: what the doors must keep to themselves
    assert sorted(stored["related_reports"]) == sorted(refs)
    return Related(replace(report, activity_id=_newest_activity(report.id)), hidden)


def _org_id(world: World) -> str:
    return call_action("organization_show", context={"ignore_auth": True}, id=world.org)["id"]


@pytest.fixture(scope="module")
def client(world: World) -> Any:
    """One test app for the module (the ``app`` fixture builds one per test)."""
    return _get_test_app()


class _Summary:
    """Prints the matrix's size in pytest's closing summary (test output is captured)."""

    def __init__(self, counts: Tally) -> None:
        self.counts = counts

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        c = self.counts
        terminalreporter.write_line(
            f"privacy matrix: {c.doors} doors, {c.checks} checks, {c.failures} failing cells"
        )


@pytest.fixture(scope="module")
def tally(request: pytest.FixtureRequest) -> Tally:
    counts = Tally()
    request.config.pluginmanager.register(_Summary(counts), f"privacy-summary-{id(counts)}")
    return counts


# --- who may see what, door by door -------------------------------------------------

Rule = Callable[[str, Record], bool]


def may(viewer: str, rec: Record) -> bool:
    """The dataset itself: package_show, its pages, its activity."""
    return viewer in MAY_SEE[rec.state]


def listed(viewer: str, rec: Record) -> bool:
    """Searches, lists and feeds: as ``may``, but a deleted dataset for nobody."""
    return rec.state != "deleted" and may(viewer, rec)


def searched(viewer: str, rec: Record) -> bool:
    """What CKAN's search pages show: public datasets and those of the viewer's organization."""
    return rec.state in ("public", "private") and may(viewer, rec)


def public(viewer: str, rec: Record) -> bool:
    return rec.state == "public"


def nobody(viewer: str, rec: Record) -> bool:
    return False


def of_type(dataset_type: str, rule: Rule) -> Rule:
    return lambda viewer, rec: rec.type == dataset_type and rule(viewer, rec)


def for_viewers(viewers: set[str], rule: Rule) -> Rule:
    return lambda viewer, rec: viewer in viewers and rule(viewer, rec)


@dataclass(frozen=True)
class Door:
    """A way to datasets. ``url`` is a template of ``r`` (the record), ``org`` and ``editor``.

    ``kind``:

    * ``dataset``: one request per dataset, by its identifiers (baseline: a missing one);
    * ``search``: one request per dataset, by its marker (baseline: a missing marker);
    * ``listing``: one request per viewer, in which any dataset may show.
    """

    kind: str
    name: str
    url: str
    allowed: Rule  # the viewer may see the dataset through this door
    required: Rule  # ...and the door must show it (its ``probe``)
    probe: str = "secret"
    follow: bool = True  # follow redirects
    same_status: bool = True  # a hidden dataset answers as a missing one
    extract: Callable[[str], str] | None = None  # the part of the answer to read
    needs: str = ""  # a record's attribute the door asks with, when some have none

    def __str__(self) -> str:
        return self.name

    def address(self, world: World, rec: Record) -> str:
        return self.url.format(r=rec, org=world.org, editor=world.users["editor"])


def dataset_door(name: str, url: str, allowed: Rule, required: Rule, **kw: Any) -> Door:
    return Door("dataset", name, url, allowed, required, **kw)


def search_door(name: str, url: str, allowed: Rule, required: Rule, **kw: Any) -> Door:
    return Door("search", name, url, allowed, required, **kw)


def listing_door(name: str, url: str, allowed: Rule, required: Rule, **kw: Any) -> Door:
    return Door("listing", name, url, allowed, required, **kw)


def structured_data(body: str) -> str:
    """The schema.org JSON-LD a page embeds."""
    soup = BeautifulSoup(body, "html.parser")
    return "\n".join(s.get_text() for s in soup.find_all("script", type="application/ld+json"))


API = "/api/3/action/"
EDITOR_AND_SYSADMIN = {"editor", "sysadmin"}  # who reads the editor's profile (no public details)
# who reads an activity's data (ckan.auth.public_activity_stream_detail is off): its editors
DETAIL_READERS = EDITOR_AND_SYSADMIN

API_DOORS = [
    dataset_door("api package_show", API + "package_show?id={r.name}", may, may),
    search_door(
        "api package_search",
        API + "package_search?q={r.marker}&include_private=true&include_drafts=true",
        listed,
        listed,
    ),
    search_door(
        "api package_autocomplete", API + "package_autocomplete?q={r.marker}", listed, public
    ),
    dataset_door(
        "api package_activity_list", API + "package_activity_list?id={r.name}", may, public
    ),
    listing_door(
        "api organization_activity_list",
        API + "organization_activity_list?id={org}",
        may,
        public,
    ),
    listing_door(
        "api recently_changed_packages_activity_list",
        API + "recently_changed_packages_activity_list",
        may,
        public,
    ),
    listing_door(
        "api organization_show include_datasets",
        API + "organization_show?id={org}&include_datasets=true",
        listed,
        searched,
    ),
    listing_door(
        "api current_package_list_with_resources",
        API + "current_package_list_with_resources",
        listed,
        public,
    ),
    listing_door("api package_list", API + "package_list", listed, public, probe="name"),
    # doors the brief did not list
    dataset_door("api package_show by id", API + "package_show?id={r.id}", may, may),
    search_door(
        "api package_search include_deleted",
        API + "package_search?q={r.marker}&include_private=true&include_drafts=true"
        "&include_deleted=true",
        listed,
        listed,
    ),
    listing_door(
        "api package_search of everything",
        API + "package_search?include_private=true&include_drafts=true&rows=100",
        listed,
        listed,
    ),
    search_door(
        "api util dataset autocomplete",
        "/api/2/util/dataset/autocomplete?incomplete={r.marker}",
        listed,
        public,
    ),
    listing_door(
        "api member_list of packages",
        API + "member_list?id={org}&object_type=package",
        listed,
        public,
        probe="id",
    ),
    # a group's datasets: none for an organization, but none may leak either
    listing_door("api group_package_show", API + "group_package_show?id={org}", listed, nobody),
    listing_door(
        "api user_activity_list of the editor",
        API + "user_activity_list?id={editor}",
        may,
        for_viewers(EDITOR_AND_SYSADMIN, public),
    ),
    dataset_door("api resource_show", API + "resource_show?id={r.resource_id}", may, may),
    dataset_door(
        "api resource_view_list", API + "resource_view_list?id={r.resource_id}", may, nobody
    ),
    dataset_door(
        "api package_relationships_list",
        API + "package_relationships_list?id={r.name}",
        may,
        nobody,
    ),
    dataset_door(
        "api dataset_follower_count", API + "dataset_follower_count?id={r.name}", may, nobody
    ),
    dataset_door("api am_following_dataset", API + "am_following_dataset?id={r.name}", may, nobody),
    dataset_door(
        "api activity_show",
        API + "activity_show?id={r.activity_id}",
        may,
        may,
        probe="id",  # the activity's object_id
        needs="activity_id",
    ),
    dataset_door(
        "api activity_data_show",
        API + "activity_data_show?id={r.activity_id}",
        may,
        for_viewers(DETAIL_READERS, may),
        needs="activity_id",
    ),
    dataset_door(
        "api activity_diff",
        API + "activity_diff?id={r.activity_id}&object_type=package",
        may,
        nobody,
        needs="activity_id",
    ),
]

PAGE_DOORS = [
    dataset_door("page /dataset/<name>", "/dataset/{r.name}", may, may),
    dataset_door("page /<type>/<name>", "/{r.type}/{r.name}", may, may),
    search_door("page /dataset/?q=", "/dataset/?q={r.marker}", searched, searched),
    search_door("page /<type>/?q=", "/{r.type}/?q={r.marker}", searched, searched),
    listing_door("page /organization/<org>", "/organization/{org}", listed, searched),
    listing_door("page /organization/activity/<org>", "/organization/activity/{org}", may, public),
    dataset_door("page /dataset/activity/<name>", "/dataset/activity/{r.name}", may, may),
    # doors the brief did not list
    dataset_door("page /dataset/<id>", "/dataset/{r.id}", may, may),
    dataset_door(
        "page /<type>/<name>/resource/<id>", "/{r.type}/{r.name}/resource/{r.resource_id}", may, may
    ),
    dataset_door(
        "page /dataset/<name>/resource/<id>/download",
        "/dataset/{r.name}/resource/{r.resource_id}/download",
        may,
        may,
        follow=False,
    ),
    dataset_door("page /<type>/resources/<name>", "/{r.type}/resources/{r.name}", may, nobody),
    dataset_door("page /<type>/edit/<name>", "/{r.type}/edit/{r.name}", may, nobody),
    dataset_door("page /<type>/delete/<name>", "/{r.type}/delete/{r.name}", may, nobody),
    dataset_door("page /<type>/groups/<name>", "/{r.type}/groups/{r.name}", may, nobody),
    dataset_door("page /<type>/followers/<name>", "/{r.type}/followers/{r.name}", may, nobody),
    dataset_door(
        "page /dataset/<name>/history/<activity>",
        "/dataset/{r.name}/history/{r.activity_id}",
        may,
        for_viewers(DETAIL_READERS, may),
        needs="activity_id",
    ),
    dataset_door(
        "page /dataset/changes/<activity>",
        "/dataset/changes/{r.activity_id}",
        may,
        nobody,
        needs="activity_id",
    ),
    listing_door(
        "page /user/<editor>", "/user/{editor}", may, for_viewers(EDITOR_AND_SYSADMIN, public)
    ),
    listing_door(
        "page /user/activity/<editor>",
        "/user/activity/{editor}",
        may,
        for_viewers(EDITOR_AND_SYSADMIN, public),
    ),
    listing_door(
        "page /dashboard/datasets", "/dashboard/datasets", may, for_viewers({"editor"}, public)
    ),
    listing_door(
        "page /organization/bulk_process/<org>",
        "/organization/bulk_process/{org}",
        may,
        for_viewers({"sysadmin"}, searched),
    ),
]

RDF_FORMATS = ("ttl", "rdf", "jsonld", "xml", "n3")

CATALOG_DOORS = [
    *(
        listing_door(f"catalog /catalog.{fmt}", f"/catalog.{fmt}", public, public)
        for fmt in RDF_FORMATS
    ),
    *(
        dataset_door(f"catalog /dataset/<id>.{fmt}", f"/dataset/{{r.id}}.{fmt}", public, public)
        for fmt in RDF_FORMATS
    ),
    dataset_door(
        "catalog schema.org JSON-LD in /<type>/<name>",
        "/{r.type}/{r.name}",
        public,
        public,
        same_status=False,  # the page's own status is the page door's
        extract=structured_data,
    ),
    # doors the brief did not list
    dataset_door("catalog /dataset/<name>.ttl", "/dataset/{r.name}.ttl", public, public),
    dataset_door("catalog /dataset_series/<id>.ttl", "/dataset_series/{r.id}.ttl", public, nobody),
    search_door("catalog /catalog.ttl?q=", "/catalog.ttl?q={r.marker}", public, public),
]

FEED_DOORS = [
    listing_door("feed /feeds/dataset.atom", "/feeds/dataset.atom", listed, public),
    listing_door(
        "feed /feeds/organization/<org>.atom", "/feeds/organization/{org}.atom", listed, public
    ),
    search_door("feed /feeds/custom.atom?q=", "/feeds/custom.atom?q={r.marker}", listed, public),
]

TYPE_DOORS = [
    dataset_door(
        "hta /hta-report/<name>/cite.bib",
        "/hta-report/{r.name}/cite.bib",
        of_type("hta-report", may),
        of_type("hta-report", may),
    ),
    dataset_door(
        "hta /hta-report/<name>/cite.ris",
        "/hta-report/{r.name}/cite.ris",
        of_type("hta-report", may),
        of_type("hta-report", may),
    ),
    search_door(
        "hta /hta-report/export.csv?q=",
        "/hta-report/export.csv?q={r.marker}",
        of_type("hta-report", listed),
        of_type("hta-report", searched),
    ),
    dataset_door(
        "scholarship /scholarship/<name>/deadline.ics",
        "/scholarship/{r.name}/deadline.ics",
        of_type("scholarship", may),
        of_type("scholarship", may),
    ),
]


# --- reading an answer ----------------------------------------------------------------


def _get(client: Any, world: World, viewer: str, url: str, follow: bool = True) -> tuple[int, str]:
    res = client.get(url, headers=world.headers[viewer], follow_redirects=follow)
    # iCalendar folds long lines ("\r\n "); a redirect's Location counts as the answer's
    text = res.get_data(as_text=True).replace("\r\n ", "")
    return res.status_code, f"{res.headers.get('Location', '')}\n{text}"


def _around(text: str, value: str, width: int = 60) -> str:
    at = text.find(value)
    return " ".join(text[max(at - width, 0) : at + len(value) + width].split())


def _shown(text: str, rec: Record, base_text: str = "", base: Record | None = None) -> list[str]:
    """The record's words in the answer, more often than the missing record's in its own."""
    return [
        token
        for token in TOKENS
        if text.count(getattr(rec, token)) > (base_text.count(getattr(base, token)) if base else 0)
    ]


def _describe(found: list[str], text: str, rec: Record) -> str:
    return f"{', '.join(found)} in «{_around(text, getattr(rec, found[0]))}»"


def _record(tally: Tally, name: str, checks: int, failures: list[str]) -> None:
    tally.doors += 1
    tally.checks += checks
    tally.failures += len(failures)
    print(f"{name}: {checks} checks, {len(failures)} failing cells")
    assert not failures, f"{len(failures)} of {checks} cells fail:\n" + "\n".join(failures)


def run_door(client: Any, world: World, door: Door, tally: Tally) -> None:
    """Every viewer × dataset through one door; every failing cell on one line."""
    failures: list[str] = []
    checks = 0

    def read(viewer: str, rec: Record) -> tuple[int, str]:
        status, text = _get(client, world, viewer, door.address(world, rec), door.follow)
        return status, door.extract(text) if door.extract else text

    for viewer in VIEWERS:
        listing = read(viewer, world.missing[TYPES[0]]) if door.kind == "listing" else None
        baselines: dict[str, tuple[int, str]] = {}
        for rec in world.records.values():
            if door.needs and not getattr(rec, door.needs):
                continue  # e.g. a dataset with no activity
            checks += 1
            where = f"{viewer:13} {rec.cell} {door.name}"
            base = world.missing[rec.type]
            if listing is not None:
                (status, text), base_status, base_text = listing, listing[0], ""
            else:
                status, text = read(viewer, rec)
                if rec.type not in baselines:
                    baselines[rec.type] = read(viewer, base)
                base_status, base_text = baselines[rec.type]
            if door.allowed(viewer, rec):
                value, base_value = getattr(rec, door.probe), getattr(base, door.probe)
                if door.required(viewer, rec) and text.count(value) <= base_text.count(base_value):
                    failures.append(f"{where}: NOT SHOWN to a viewer who may see it ({status})")
                continue
            leaked = []
            if door.same_status and status != base_status:
                leaked.append(f"status {status} (a missing dataset: {base_status})")
            found = _shown(text, rec, base_text, base)
            if found:
                leaked.append(_describe(found, text, rec))
            if leaked:
                failures.append(f"{where}: LEAK " + "; ".join(leaked))
    _record(tally, door.name, checks, failures)


@pytest.mark.parametrize(
    "door", API_DOORS + PAGE_DOORS + CATALOG_DOORS + FEED_DOORS + TYPE_DOORS, ids=str
)
def test_door(client, world, tally, door):
    """Every cell of one door's matrix (the door's name says which kind: api, page...)."""
    run_door(client, world, door, tally)


# --- related references: a public report naming hidden ones ------------------------------


def _json_result(text: str) -> Any:
    return json.loads(text[text.index("{") :]).get("result")


def activities_of(text: str, rel: Record) -> str:
    """The related report's activities in an activity list."""
    result = _json_result(text)
    if not isinstance(result, list):
        return ""
    return json.dumps([a for a in result if a.get("object_id") == rel.id])


def packages_of(text: str, rel: Record) -> str:
    """The related report in a list of datasets (or an organization's)."""
    result = _json_result(text)
    if isinstance(result, dict):
        result = result.get("packages") or result.get("results") or []
    if not isinstance(result, list):
        return ""
    return json.dumps([p for p in result if isinstance(p, dict) and p.get("id") == rel.id])


def rdf_of(fmt: str) -> Callable[[str, Record], str]:
    """The related report's triples (with its blank nodes) in a catalog page."""
    parsers = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "xml": "xml", "n3": "n3"}

    def scope(text: str, rel: Record) -> str:
        graph = rdflib.Graph().parse(data=text.split("\n", 1)[1], format=parsers[fmt])
        subjects = [s for s in set(graph.subjects()) if rel.id in str(s)]
        lines, seen = [], set(subjects)
        while subjects:
            subject = subjects.pop()
            for _, predicate, obj in graph.triples((subject, None, None)):
                lines.append(f"{subject} {predicate} {obj}")
                if isinstance(obj, rdflib.BNode) and obj not in seen:
                    seen.add(obj)
                    subjects.append(obj)
        return "\n".join(sorted(lines))

    return scope


@dataclass(frozen=True)
class RelatedDoor:
    """A door that shows the related report; ``url`` is a template of ``rel`` and ``org``."""

    name: str
    url: str
    probe: str | None  # the public report's word the door must show ("id" or "secret")
    catalog: bool = False  # the catalog: no hidden report for anyone
    scope: Callable[[str, Record], str] | None = None  # the part of a list about the report
    probe_viewers: frozenset[str] = frozenset(VIEWERS)

    def __str__(self) -> str:
        return self.name


RELATED_DOORS = [
    RelatedDoor("api package_show", API + "package_show?id={rel.name}", "id"),
    RelatedDoor(
        "api package_search",
        API + "package_search?q={rel.marker}&include_private=true&include_drafts=true",
        "id",
    ),
    RelatedDoor("api package_activity_list", API + "package_activity_list?id={rel.name}", "id"),
    RelatedDoor(
        "api organization_activity_list",
        API + "organization_activity_list?id={org}",
        "id",
        scope=activities_of,
    ),
    RelatedDoor(
        "api recently_changed_packages_activity_list",
        API + "recently_changed_packages_activity_list",
        "id",
        scope=activities_of,
    ),
    RelatedDoor(
        "api user_activity_list of the editor",
        API + "user_activity_list?id={editor}",
        "id",
        scope=activities_of,
        probe_viewers=frozenset(EDITOR_AND_SYSADMIN),
    ),
    RelatedDoor(
        "api activity_show",
        API + "activity_show?id={rel.activity_id}&include_data=true",
        "id",
        probe_viewers=frozenset(DETAIL_READERS),
    ),
    RelatedDoor(
        "api activity_data_show",
        API + "activity_data_show?id={rel.activity_id}",
        "id",
        probe_viewers=frozenset(DETAIL_READERS),
    ),
    RelatedDoor(
        "api activity_diff",
        API + "activity_diff?id={rel.activity_id}&object_type=package",
        "id",
        probe_viewers=frozenset(DETAIL_READERS),
    ),
    RelatedDoor(
        "api organization_show include_datasets",
        API + "organization_show?id={org}&include_datasets=true",
        "id",
        scope=packages_of,
    ),
    RelatedDoor(
        "api current_package_list_with_resources",
        API + "current_package_list_with_resources",
        "id",
        scope=packages_of,
    ),
    RelatedDoor("page /hta-report/<name>", "/hta-report/{rel.name}", "secret"),
    RelatedDoor("page /dataset/<name>", "/dataset/{rel.name}", "secret"),
    RelatedDoor("page /hta-report/?q=", "/hta-report/?q={rel.marker}", None),
    RelatedDoor("page /dataset/activity/<name>", "/dataset/activity/{rel.name}", None),
    RelatedDoor(
        "page /dataset/<name>/history/<activity>",
        "/dataset/{rel.name}/history/{rel.activity_id}",
        "secret",
        probe_viewers=frozenset(DETAIL_READERS),
    ),
    RelatedDoor("page /dataset/changes/<activity>", "/dataset/changes/{rel.activity_id}", None),
    RelatedDoor("hta /hta-report/export.csv?q=", "/hta-report/export.csv?q={rel.marker}", "id"),
    RelatedDoor("hta /hta-report/<name>/cite.bib", "/hta-report/{rel.name}/cite.bib", None),
    RelatedDoor("hta /hta-report/<name>/cite.ris", "/hta-report/{rel.name}/cite.ris", None),
    RelatedDoor("feed /feeds/custom.atom?q=", "/feeds/custom.atom?q={rel.marker}", None),
    *(
        RelatedDoor(f"catalog /dataset/<id>.{fmt}", f"/dataset/{{rel.id}}.{fmt}", "id", True)
        for fmt in RDF_FORMATS
    ),
    *(
        RelatedDoor(f"catalog /catalog.{fmt}", f"/catalog.{fmt}", "id", True, rdf_of(fmt))
        for fmt in ("ttl", "jsonld", "rdf")
    ),
    RelatedDoor(
        "catalog schema.org JSON-LD in /hta-report/<name>",
        "/hta-report/{rel.name}",
        None,
        True,
        lambda text, rel: structured_data(text),
    ),
]


@pytest.mark.parametrize("door", RELATED_DOORS, ids=str)
def test_related_reports(client, world, related, tally, door):
    """The public report's doors show its public related report, never a hidden one."""
    linked = world.records[("hta-report", "public")]
    url = door.url.format(rel=related.report, org=world.org, editor=world.users["editor"])
    failures: list[str] = []
    checks = 0
    for viewer in VIEWERS:
        status, text = _get(client, world, viewer, url)
        if door.scope is not None:
            text = door.scope(text, related.report)
        if door.probe and viewer in door.probe_viewers:
            checks += 1
            if getattr(linked, door.probe) not in text:
                failures.append(
                    f"{viewer:13} {'public':8} {'hta-report':18} related {door.name}: "
                    f"NOT SHOWN: the public related report ({status})"
                )
        for hidden in related.hidden:
            checks += 1
            if not door.catalog and may(viewer, hidden):
                continue
            found = _shown(text, hidden)
            if found:
                failures.append(
                    f"{viewer:13} {hidden.cell} related {door.name}: LEAK "
                    + _describe(found, text, hidden)
                )
    _record(tally, f"related {door.name}", checks, failures)
