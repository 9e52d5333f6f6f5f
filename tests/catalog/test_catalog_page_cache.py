"""Catalog pages kept in Redis are never stale and never show a hidden dataset."""

from __future__ import annotations

import pytest
from ckan.lib.redis import connect_to_redis
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.pe_catalog.rdf import page_cache
from harness.sample import dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def redis():
    connection = connect_to_redis()
    for key in connection.scan_iter(page_cache.PREFIX + "*"):
        connection.delete(key)
    return connection


def kept(redis) -> int:
    return sum(1 for _ in redis.scan_iter(page_cache.PREFIX + "*"))


def test_a_kept_page_follows_every_change_of_its_datasets(app, redis):
    org = factories.Organization(name="oefa")
    admin = factories.Sysadmin()
    context = {"user": admin["name"]}
    ids = {
        name: call_action(
            "package_create", context, **dataset_dict("environmental-data", org["id"], name)
        )["id"]
        for name in ("aire", "agua")
    }

    first = app.get("/catalog.ttl").body
    assert all(i in first for i in ids.values())
    assert kept(redis) == 1
    assert app.get("/catalog.ttl").body == first  # served from Redis
    assert kept(redis) == 1
    assert "Calidad del aire de otro título" not in first

    call_action("package_patch", context, id="aire", title="Calidad del aire de otro título")
    edited = app.get("/catalog.ttl").body
    assert "Calidad del aire de otro título" in edited

    call_action("package_patch", context, id="aire", private=True)
    hidden = app.get("/catalog.ttl").body
    assert ids["aire"] not in hidden and ids["agua"] in hidden
    assert "Calidad del aire de otro título" not in hidden

    call_action("package_delete", context, id="agua")
    empty = app.get("/catalog.ttl").body
    assert ids["agua"] not in empty and ids["aire"] not in empty

    # a format, a page, or a filter of its own: filtered pages are not kept
    before = kept(redis)
    app.get("/catalog.jsonld")
    assert kept(redis) == before + 1
    app.get("/catalog.ttl?q=agua")
    app.get("/catalog.ttl?modified_since=2020-01-01")
    assert kept(redis) == before + 1
