"""The portal as a person meets it: every page reachable from the home page.

With the sample catalog loaded, the crawl starts at ``/`` (Spanish) and
``/en/`` and follows every link on the site, as an anonymous visitor and as a
sysadmin. Every page answers below 500 and shows no raw placeholder. In
``make test`` the crawl keeps the first few pages of each kind (see
:mod:`tests.crawl`); ``make crawl`` visits every page.
"""

from __future__ import annotations

import os

import pytest
from ckan.cli.cli import ckan
from ckan.tests import factories

from tests.crawl import RAW_PLACEHOLDER, Crawler, crawl_portal, links, visible_text

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

MAX_DEPTH = int(os.environ.get("PE_CRAWL_DEPTH", "3"))
PER_ROUTE = int(os.environ.get("PE_CRAWL_PER_ROUTE", "2"))


def test_every_page_reachable_from_home_answers_without_error(cli, app):
    seeded = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert seeded.exit_code == 0, seeded.output
    admin = factories.SysadminWithToken()
    roles = {"anonymous": {}, "sysadmin": {"Authorization": admin["token"]}}

    results = crawl_portal(app, roles, max_depth=MAX_DEPTH, per_route=PER_ROUTE)

    problems = [
        f"{locale}/{role}: {p.status} {p.url} (from {p.referrer}): {p.detail}"
        for (locale, role), result in results.items()
        for p in result.problems
    ]
    assert problems == []
    for (locale, role), result in results.items():
        # the crawl really walked the site: the three repositories and their datasets
        assert len(result.visited) > 50, (locale, role, len(result.visited))
    # ...and as the sysadmin it reached pages only a sysadmin has
    assert any("/ckan-admin" in url for url in results[("es", "sysadmin")].visited)


def test_the_crawler_sees_what_a_person_sees(app):
    """Raw placeholders count in the visible text only; pages are grouped by view."""
    page = (
        "<html><body><p>{num} conjuntos de datos</p><p>%(count)s</p>"
        '<script>var x = "{num}";</script><a href="/dataset/?q=a">x</a>'
        '<a href="https://other.org/">y</a><a href="mailto:a@b.pe">z</a></body></html>'
    )
    crawler = Crawler(app)

    assert RAW_PLACEHOLDER.findall(visible_text(page)) == ["{num}", "%(count)s"]
    assert links(page, "http://test.ckan.net/") == ["/dataset/?q=a"]
    assert crawler.kind("/en/dataset/x?q=a&sort=b") == ("dataset.read", frozenset({"q", "sort"}))
    assert crawler.kind("/dataset/y?q=a") == crawler.kind("/dataset/x?q=b")
    assert crawler.kind("/dataset/y") != crawler.kind("/dataset/x")  # each record's page
