"""Real harvesters harvest this catalog over HTTP, end to end.

Two more CKAN 2.12 instances run on this machine (harness/instance.py),
each with its own database and Solr core: the *source*, this suite with its
sample catalog plus a private, a draft and a deleted dataset, served over HTTP;
and the *target*, a portal running this suite with ckanext-harvest and
ckanext-dcat's RDF harvester. The tests of this module run in order, as the
harvests of one portal do: each one continues from what the previous left.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from ckan.lib.munge import munge_title_to_name

from harness.instance import CkanInstance
from harness.sample import DATASET_TYPES, comparable, dataset_dict

HARVESTERS = ("harvest", "ckan_harvester", "dcat_rdf_harvester", "datajson_harvest")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return tmp_path_factory.mktemp("harvesting")


@pytest.fixture(scope="module")
def source(workdir: Any) -> Any:
    instance = CkanInstance("source", workdir, redis_db=3)
    instance.reset()
    instance.ckan("pe-catalog", "seed")
    hidden = {
        "private": instance.action(
            "package_create",
            **dataset_dict("hta-report", "ins", "informe-privado", report_code="P-1", private=True),
        ),
        "draft": instance.action(
            "package_create",
            **dataset_dict(
                "hta-report", "ins", "informe-borrador", report_code="P-2", state="draft"
            ),
        ),
        "deleted": instance.action(
            "package_create",
            **dataset_dict("hta-report", "ins", "informe-borrado", report_code="P-3"),
        ),
    }
    instance.action("package_delete", id=hidden["deleted"]["id"])
    with instance.serve():
        yield instance


@pytest.fixture(scope="module")
def target(workdir: Any) -> CkanInstance:
    return CkanInstance("target", workdir, redis_db=2, extra_plugins=HARVESTERS)


@pytest.fixture(scope="module")
def schemas(source: CkanInstance) -> dict[str, dict[str, Any]]:
    return {t: source.action("scheming_dataset_schema_show", type=t) for t in DATASET_TYPES}


def public_datasets(instance: CkanInstance) -> dict[str, dict[str, Any]]:
    return {
        name: pkg
        for name, pkg in instance.driver("datasets").items()
        if not pkg["private"] and pkg["state"] == "active"
    }


def new_harvest_source(target: CkanInstance, name: str, url: str, source_type: str) -> None:
    """A fresh portal with one harvest source (owned by its own organization)."""
    target.reset()
    target.action("organization_create", name="portal-nacional", title="Portal nacional")
    target.action(
        "harvest_source_create",
        name=name,
        title=name,
        url=url,
        source_type=source_type,
        owner_org="portal-nacional",
        frequency="MANUAL",
        config=json.dumps({"remote_orgs": "create", "remote_groups": "create"}),
    )


def harvest(target: CkanInstance, source_name: str) -> dict[str, Any]:
    report = target.driver("harvest", source_name)
    assert report["gather_errors"] == [] and report["object_errors"] == {}, report
    return report["stats"]


# --- ckanext-harvest's CKAN harvester, into a portal running this suite -------


def test_ckan_harvester_brings_every_public_dataset_with_every_field(source, target, schemas):
    new_harvest_source(target, "catalogo-ckan", source.url + "/", "ckan")
    expected = public_datasets(source)

    stats = harvest(target, "catalogo-ckan")

    got = target.driver("datasets")
    assert set(got) == set(expected)  # nothing private, draft or deleted
    assert stats["added"] == len(expected) >= 80
    for name, pkg in expected.items():
        assert comparable(got[name], schemas[pkg["type"]]) == comparable(pkg, schemas[pkg["type"]])
        assert got[name]["organization"]["name"] == pkg["organization"]["name"]
        assert [g["name"] for g in got[name]["groups"]] == [g["name"] for g in pkg["groups"]]


def test_ckan_harvester_brings_an_edit_on_the_next_run_without_duplicates(source, target):
    expected = public_datasets(source)
    scholarship = next(p for p in expected.values() if p["type"] == "scholarship")
    source.action("package_patch", id=scholarship["id"], title="Convocatoria con título nuevo")

    stats = harvest(target, "catalogo-ckan")

    got = target.driver("datasets")
    assert got[scholarship["name"]]["title"] == "Convocatoria con título nuevo"
    assert stats["updated"] == 1 and stats["added"] == 0
    assert set(got) == set(expected)

    again = harvest(target, "catalogo-ckan")

    assert again["added"] == 0 and again["updated"] == 0
    assert set(target.driver("datasets")) == set(expected)


# --- ckanext-dcat's RDF harvester, reading /catalog.ttl ---------------------


def by_source_uri(datasets: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        next(e["value"] for e in pkg.get("extras", []) if e["key"] == "uri"): pkg
        for pkg in datasets.values()
    }


def test_dcat_rdf_harvester_brings_every_public_dataset(source, target, schemas):
    new_harvest_source(target, "catalogo-dcat", source.url + "/catalog.ttl", "dcat_rdf")
    expected = {f"{source.url}/dataset/{p['id']}": p for p in public_datasets(source).values()}

    harvest(target, "catalogo-dcat")

    got = by_source_uri(target.driver("datasets"))
    assert set(got) == set(expected)
    for uri, pkg in expected.items():
        schema = schemas[pkg["type"]]
        # related reports point to the target's own copies, by its own ids
        left_out = {"related_reports"}
        assert comparable(got[uri], schema, left_out) == comparable(pkg, schema, left_out)
        assert got[uri]["license_id"] == pkg["license_id"]


def test_dcat_rdf_harvester_follows_edits_and_deletions(source, target):
    expected = public_datasets(source)
    report, gone = [p for p in expected.values() if p["type"] == "hta-report"][:2]
    source.action("package_patch", id=report["id"], title="Informe con título nuevo")
    source.action("package_delete", id=gone["id"])

    harvest(target, "catalogo-dcat")

    got = by_source_uri(target.driver("datasets"))
    assert got[f"{source.url}/dataset/{report['id']}"]["title"] == "Informe con título nuevo"
    assert f"{source.url}/dataset/{gone['id']}" not in got
    assert len(got) == len(expected) - 1

    harvest(target, "catalogo-dcat")

    assert len(by_source_uri(target.driver("datasets"))) == len(expected) - 1


def test_dcat_rdf_harvester_links_related_reports_to_its_own_copies(source, target):
    """Once both ends of a relation are harvested, a report points to the copy."""
    expected = public_datasets(source)
    got = by_source_uri(target.driver("datasets"))
    linked = [p for p in expected.values() if p.get("related_reports")]
    assert linked

    for pkg in linked:
        copies = sorted(
            got[f"{source.url}/dataset/{related}"]["id"]
            for related in pkg["related_reports"]
            if related in {p["id"] for p in expected.values()}
        )
        assert (
            sorted(got[f"{source.url}/dataset/{pkg['id']}"].get("related_reports") or []) == copies
        )


# --- ckanext-datajson's harvester (data.gov's), reading /data.json -----------


def extras(pkg: dict[str, Any]) -> dict[str, Any]:
    return {e["key"]: e["value"] for e in pkg.get("extras", [])}


def distributions(resources: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [(r["url"], r["name"], r["format"], r.get("description") or "") for r in resources]


@pytest.fixture(scope="module")
def generic_target(workdir: Any) -> CkanInstance:
    """The second instance again (its database, index and Redis), as a plain
    CKAN portal: ckanext-datajson creates datasets of CKAN's default type,
    ``dataset``, which a portal running this suite refuses."""
    return CkanInstance(
        "target-generic",
        workdir,
        redis_db=2,
        plugins=("harvest", "datajson_harvest"),
        database="ckan_harvest_target",
    )


def by_identifier(instance: CkanInstance) -> dict[str, dict[str, Any]]:
    return {extras(pkg)["identifier"]: pkg for pkg in instance.driver("datasets").values()}


def test_datajson_harvester_brings_every_public_dataset(source, generic_target):
    """DKAN's format read by data.gov's harvester: the DCAT-US 1.1 core of
    each public dataset arrives equal (its tags as the harvester names them)."""
    target = generic_target
    new_harvest_source(target, "catalogo-datajson", source.url + "/data.json", "datajson")
    expected = {f"{source.url}/dataset/{p['id']}": p for p in public_datasets(source).values()}

    harvest(target, "catalogo-datajson")

    got = by_identifier(target)
    assert set(got) == set(expected) and len(expected) >= 80  # nothing private, draft or deleted
    for uri, pkg in expected.items():
        copy, kept = got[uri], extras(got[uri])
        assert copy["title"] == pkg["title"]
        assert copy["notes"] == pkg["notes"]
        assert sorted(t["name"] for t in copy["tags"]) == sorted(
            {munge_title_to_name(t["name"]) for t in pkg["tags"]}
        )
        assert kept["modified"] == pkg["metadata_modified"]
        assert kept["issued"] == (pkg.get("publication_date") or pkg["metadata_created"])[:10]
        assert kept["publisher"] == pkg["organization"]["title"]
        assert distributions(copy["resources"]) == distributions(pkg["resources"])


def test_datajson_harvester_follows_edits_privacy_and_deletions(source, generic_target):
    expected = public_datasets(source)
    edited, hidden, gone = [p for p in expected.values() if p["type"] == "environmental-data"][:3]
    source.action("package_patch", id=edited["id"], title="Monitoreo con título nuevo")
    source.action("package_patch", id=hidden["id"], private=True)
    source.action("package_delete", id=gone["id"])

    harvest(generic_target, "catalogo-datajson")

    got = by_identifier(generic_target)
    uri = f"{source.url}/dataset/{{}}".format
    assert got[uri(edited["id"])]["title"] == "Monitoreo con título nuevo"
    assert uri(hidden["id"]) not in got and uri(gone["id"]) not in got
    assert len(got) == len(expected) - 2
