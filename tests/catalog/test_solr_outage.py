"""A Solr outage: writes refused whole, a clear answer, and the way back.

The test runs its own Solr node (harness/solr_node.py: the suite's jars and
configset) and really stops it: the JVM is killed and the port closes.
"""

from __future__ import annotations

import pytest
from ckan import model
from ckan.common import config
from ckan.lib import search
from ckan.tests import factories

from ckanext.pe_catalog import reindex
from ckanext.pe_catalog.logic import index_guard
from harness.sample import dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

SPANISH = "El servicio de búsqueda del catálogo no está disponible"
ENGLISH = "The catalog's search service is not available right now"


def state(name: str) -> tuple:
    """What a dataset is in the database, fresh from PostgreSQL."""
    model.Session.remove()
    package = model.Package.get(name)
    if package is None:
        return (None,)
    return (
        package.title,
        package.state,
        package.private,
        package.owner_org,
        len(package.resources),
        sorted(g.name for g in package.get_groups()),
        package.metadata_modified,
        model.Session.query(model.Package).count(),
    )


def api(app, token, action, data, lang=""):
    return app.post(f"{lang}/api/3/action/{action}", json=data, headers={"Authorization": token})


def indexed_names() -> set[str]:
    result = search.query_for(model.Package).run({"q": "*:*", "fl": "id name", "rows": 100})
    return {d["name"] for d in result["results"]}


def test_writes_during_an_outage_are_refused_whole_and_say_so(app, solr, cli):
    admin = factories.SysadminWithToken()
    token = admin["token"]
    org = factories.Organization(name="oefa")
    other = factories.Organization(name="minam")
    group = factories.Group(name="medio-ambiente")
    created = api(
        app, token, "package_create", dataset_dict("environmental-data", org["id"], "uno")
    )
    assert created.status_code == 200, created.json
    dataset_id = created.json["result"]["id"]
    assert indexed_names() == {"uno"}

    solr.stop()
    health = app.get("/health")
    assert health.status_code == 503
    assert health.json["services"] == {"postgresql": "ok", "solr": "down", "redis": "ok"}

    before = state("uno")
    writes = [
        ("package_create", dataset_dict("environmental-data", org["id"], "dos")),
        ("package_patch", {"id": "uno", "title": "Nuevo título"}),
        ("package_delete", {"id": "uno"}),
        ("resource_create", {"package_id": "uno", "url": "https://oefa.gob.pe/a.csv"}),
        (
            "member_create",
            {"id": group["id"], "object": "uno", "object_type": "package", "capacity": "public"},
        ),
        ("package_owner_org_update", {"id": "uno", "organization_id": other["id"]}),
        ("bulk_update_private", {"datasets": [dataset_id], "org_id": org["id"]}),
    ]
    for action, data in writes:
        response = api(app, token, action, data)
        assert response.status_code == 503, (action, response.body[:500])
        assert response.headers["Retry-After"] == "60"
        error = response.json["error"]
        assert error["__type"] == "Search Index Unavailable"
        assert error["message"].startswith(SPANISH), error
        assert "127.0.0.1" not in response.body and "solr" not in response.body.lower()
        assert state("uno") == before, action
        assert state("dos") == (None,)

    english = api(app, token, "package_patch", {"id": "uno", "title": "New"}, lang="/en")
    assert english.status_code == 503
    assert english.json["error"]["message"].startswith(ENGLISH)

    # what needs a search says so; a dataset's own page still reads
    for path in (
        "/environmental-data/?q=agua",
        "/organization/oefa",
        "/organization/",
        "/group/",
        "/catalog.ttl",
    ):
        page = app.get(path, status=503)
        assert "El servicio de búsqueda del catálogo no está disponible" in page.body
        assert "Solr" not in page.body and "127.0.0.1" not in page.body
    for call in ("package_search?q=agua", "organization_list?all_fields=true",
                 "group_list?all_fields=true", "package_autocomplete?q=agua"):  # fmt: skip
        answer = app.get(f"/api/3/action/{call}", status=503)
        assert answer.json["error"]["__type"] == "Search Index Unavailable", call
        assert answer.json["error"]["message"].startswith(SPANISH)
    page = app.get("/environmental-data/uno", status=200)
    assert before[0] in page.body
    # an organization's or group's own pages read too, counting from the database
    for path in ("/organization/about/oefa", "/organization/activity/oefa",
                 "/group/about/medio-ambiente"):  # fmt: skip
        app.get(path, status=200)

    from ckanext.pe_catalog.cli import pe_catalog

    said = cli.invoke(pe_catalog, ["reindex", "--dry-run"])
    assert said.exit_code == 1 and "Solr does not answer" in said.output
    assert "Traceback" not in said.output and "127.0.0.1" not in said.output

    solr.start()
    assert app.get("/health").json["status"] == "ok"
    # nothing was written that the index misses
    assert not reindex.difference()
    assert api(app, token, "member_create", writes[4][1]).status_code == 200
    found = app.get("/api/3/action/package_search?fq=groups:medio-ambiente").json["result"]
    assert found["count"] == 1


def test_reindex_fixes_what_the_index_misses_holds_stale_or_keeps_in_excess(app, solr, cli):
    org = factories.Organization(name="oefa")
    for name in ("falta", "vieja", "borrada", "bien"):
        factories.Dataset(**dataset_dict("environmental-data", org["id"], name))
    index = search.index_for(model.Package)
    index.remove_dict({"id": model.Package.get("falta").id})
    # changed in the database while Solr was away
    stale = model.Package.get("vieja")
    model.Session.execute(
        model.package_table.update()
        .where(model.package_table.c.id == stale.id)
        .values(
            title="Título cambiado sin índice",
            metadata_modified=stale.metadata_modified.replace(year=2030),
        )
    )
    model.Session.execute(
        model.package_table.update()
        .where(model.package_table.c.name == "borrada")
        .values(state="deleted")
    )
    model.Session.commit()
    model.Session.remove()  # as another process would see the rows
    search.commit()

    diff = reindex.difference()
    assert (len(diff.missing), len(diff.stale), len(diff.orphaned)) == (1, 1, 1)

    from ckanext.pe_catalog.cli import pe_catalog

    result = cli.invoke(pe_catalog, ["reindex"])
    assert result.exit_code == 0, result.output
    assert "fixed: 1 missing, 1 stale, 1 orphaned" in result.output
    assert not reindex.difference()
    assert indexed_names() == {"falta", "vieja", "bien"}
    found = search.query_for(model.Package).run({"q": "name:vieja", "fl": "name title"})
    assert found["results"][0]["title"] == "Título cambiado sin índice"


@pytest.fixture
def hung_solr(solr, monkeypatch):
    """The test's real Solr node, hung: its JVM is stopped (SIGSTOP) while its
    port keeps accepting connections. CKAN waits solr_timeout for it."""
    monkeypatch.setitem(config, "solr_timeout", 2)  # configuration, not a stand-in
    solr.pause()
    yield solr
    solr.resume()
    index_guard.forget_outage()


def test_a_solr_that_hangs_is_an_outage_not_a_stalled_portal(app, hung_solr):
    admin = factories.SysadminWithToken()
    org = factories.Organization(name="oefa")
    answer = app.get("/api/3/action/package_search?q=agua", status=503)
    assert answer.json["error"]["__type"] == "Search Index Unavailable"
    page = app.get("/scholarship/", status=503)
    assert "no está disponible" in page.body
    record = dataset_dict("environmental-data", org["id"], "colgado")
    refused = api(app, admin["token"], "package_create", record)
    assert refused.status_code == 503
    assert state("colgado") == (None,)
