"""A renamed organization or group reaches its datasets in the index (ckan/ckan#5842).

The job runs in CKAN's own job worker (``ckan jobs worker --burst``) on the
test configuration, as the portal runs it.
"""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from harness.sample import dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _searched(**query):
    return call_action("package_search", {"ignore_auth": True}, include_private=True, **query)


def test_a_renamed_organization_reaches_search_results_and_the_catalog(app, worker):
    org = factories.Organization(name="senace", title="SENACE")
    admin = factories.Sysadmin()
    context = {"user": admin["name"]}
    for name, private in (("eia-publico", False), ("eia-privado", True)):
        call_action(
            "package_create",
            context,
            **dataset_dict("environmental-data", org["id"], name, private=private),
        )
    # read once before: the catalog's publisher was kept per process (ckanext-dcat)
    assert "SENACE" in app.get("/dataset/eia-publico.ttl").body
    new_title = "Servicio Nacional de Certificación Ambiental"
    call_action("organization_patch", context, id="senace", title=new_title)
    assert call_action("job_list")  # queued, not run in the request

    worker()
    results = _searched(fq="organization:senace")["results"]
    assert {r["organization"]["title"] for r in results} == {new_title}
    assert len(results) == 2  # the private dataset too
    for url in ("/catalog.ttl", "/dataset/eia-publico.ttl"):
        body = app.get(url).body
        assert new_title in body and '"SENACE"' not in body, url
    assert new_title in app.get("/environmental-data/eia-publico").body


def test_a_renamed_group_reaches_its_datasets(worker):
    org = factories.Organization()
    admin = factories.Sysadmin()
    context = {"user": admin["name"]}
    group = factories.Group(name="calidad-del-aire", title="Aire")
    call_action(
        "package_create",
        context,
        **dataset_dict(
            "environmental-data", org["id"], "pm10-lima", groups=[{"name": group["name"]}]
        ),
    )
    call_action("group_patch", context, id=group["id"], title="Calidad del aire")
    worker()
    (dataset,) = _searched(fq="groups:calidad-del-aire")["results"]
    assert [g["title"] for g in dataset["groups"]] == ["Calidad del aire"]


def test_an_update_that_changes_nothing_carried_queues_nothing(worker):
    org = factories.Organization(name="oefa")
    admin = factories.Sysadmin()
    call_action("organization_patch", {"user": admin["name"]}, id=org["id"], extras=[])
    assert call_action("job_list") == []
