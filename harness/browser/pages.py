"""The pages a person meets first, found by following links as a person does.

Used by the browser tests and by ``bench/accessibility.py``; both point a
real browser at a running portal (``base`` is its URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

TYPES = ("hta-report", "scholarship", "environmental-data")
LANGUAGES = ("es", "en")


# pages of a type that are not one of its records
_NOT_RECORDS = re.compile(r".*/(new|edit|changes|activity|export\.csv)/?$")


def _first_link(html: str, pattern: str) -> str | None:
    for a in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        href = str(a["href"])
        path = href.split("?")[0]
        if re.fullmatch(pattern, path) and not _NOT_RECORDS.match(path):
            return href
    return None


def anonymous_paths(base: str) -> list[str]:
    """Paths (Spanish, no language prefix) of each kind of public page, found from ``/``.

    Home, about, sign-in and registration; per dataset type its search, a
    search with a query and a facet, a dataset and one of its resources (and a
    call's poster);
    the organization and group lists and one of each.
    """
    get = requests.Session().get
    paths = ["/", "/about", "/user/login", "/user/register", "/organization/", "/group/"]
    for dataset_type in TYPES:
        search = f"/{dataset_type}/"
        paths.append(search)
        html = get(base + search, timeout=60).text
        dataset = _first_link(html, rf"/{dataset_type}/[\w-]+")
        assert dataset, f"no dataset linked from {search}"
        paths.append(dataset)
        if dataset_type == "scholarship":
            paths.append(dataset.split("?")[0] + "/print")  # the call's poster
        facet = _first_link(html, rf"/{dataset_type}/")
        query = "?q=a" + (f"&{facet.split('?', 1)[1]}" if facet and "?" in facet else "")
        paths.append(search + query)
        dataset_page = get(base + dataset, timeout=60).text
        resource = _first_link(dataset_page, r"/[\w-]+/[\w-]+/resource/[\w-]+")
        if resource:
            paths.append(resource)
    for listing in ("/organization/", "/group/"):
        pattern = listing + r"[\w-]+"
        record = _first_link(get(base + listing, timeout=60).text, pattern)
        if record:
            paths.append(record)
    return list(dict.fromkeys(paths))


def signed_in_paths(base: str, session: requests.Session) -> list[str]:
    """Pages only a signed-in editor meets: the three forms, an edit form, the dashboard."""
    paths = [f"/{t}/new" for t in TYPES] + ["/dashboard/datasets", "/organization/new"]
    html = session.get(base + "/scholarship/", timeout=60).text
    dataset = _first_link(html, r"/scholarship/[\w-]+")
    if dataset:
        paths.append(dataset.replace("/scholarship/", "/scholarship/edit/", 1))
    return paths


def localised(path: str, language: str) -> str:
    """``path`` in ``language`` (Spanish has no prefix)."""
    return path if language == "es" else f"/{language}{path}"


def every_page(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(language, path) for each path in each language."""
    for language in LANGUAGES:
        for path in paths:
            yield language, localised(path, language)


def sign_in(base: str, user: str, password: str) -> requests.Session:
    """A requests session signed in through the login form (with its CSRF token)."""
    session = requests.Session()
    form = BeautifulSoup(session.get(base + "/user/login", timeout=60).text, "html.parser")
    token = form.find("input", {"name": "_csrf_token"})
    data: dict[str, Any] = {"login": user, "password": password}
    if token:
        data["_csrf_token"] = token["value"]
    response = session.post(urljoin(base, "/user/login"), data=data, timeout=60)
    assert response.ok, response.status_code
    return session
