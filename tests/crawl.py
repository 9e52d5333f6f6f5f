"""A crawler that walks the portal as a person does, through its links.

It starts at a language's home page, follows every same-host ``<a href>``
breadth first up to ``max_depth`` clicks, and records each page's status and
anything a person would see as broken: a status of 500 or more, or a raw
placeholder (``{num}``, ``%(count)s``) in the visible text.

Pages of one kind (same view, same query keys) are many: every search with
another filter is built by the same code. ``per_route`` keeps the first N of
each kind, so the crawl sees every kind of page quickly; 0 visits them all
(``make crawl``). Every record's own page (a dataset, an organization, a
group) is a kind of its own: records take different branches of a template.
"""

from __future__ import annotations

import collections
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from bs4 import BeautifulSoup
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

# what a template leaves when a translation or a format call went wrong
RAW_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sd]")
# links that end the session or leave the pages
SKIP = re.compile(r"^/(?:[a-z]{2}/)?user/_logout|^/(?:[a-z]{2}/)?user/logged_out")
LOCALES = ("es", "en")


@dataclass
class Problem:
    url: str
    status: int
    detail: str
    referrer: str


@dataclass
class CrawlResult:
    visited: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def statuses(self) -> collections.Counter[int]:
        return collections.Counter(self.visited.values())


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "textarea", "template"]):
        tag.decompose()
    return soup.get_text(" ")


def links(html: str, base: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    links = []
    for a in soup.find_all("a", href=True):
        href = str(a["href"]).strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:", "data:")):
            continue
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != urlsplit(base).netloc:
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


class Crawler:
    """Crawls ``app`` (CKAN's test app) as one user, in one language."""

    def __init__(
        self,
        app: Any,
        headers: dict[str, str] | None = None,
        max_depth: int = 3,
        per_route: int = 2,
        site_url: str = "http://test.ckan.net",
    ) -> None:
        self.app = app
        self.headers = headers or {}
        self.max_depth = max_depth
        self.per_route = per_route
        self.site_url = site_url
        self.adapter = app.flask_app.url_map.bind(urlsplit(site_url).netloc)
        self.per_kind: collections.Counter[tuple[str, frozenset[str]]] = collections.Counter()

    def kind(self, url: str) -> tuple[str, frozenset[str]]:
        """The view and query keys of a URL: pages of one kind share their code."""
        parts = urlsplit(url)
        path = re.sub(rf"^/(?:{'|'.join(LOCALES)})(?=/|$)", "", parts.path) or "/"
        try:
            endpoint, _ = self.adapter.match(path, method="GET")
        except RequestRedirect:
            endpoint = "redirect:" + path
        except HTTPException:
            endpoint = "unrouted:" + path
        keys = frozenset(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
        if str(endpoint).endswith(".read") and not keys:
            # every record's own page: records of one type take different branches
            # of the same template (a loan call shows its rate, a grant does not)
            return f"{endpoint} {path}", keys
        return str(endpoint), keys

    def fetch(self, url: str) -> tuple[int, str, str]:
        """Status, content type and body of a GET; an exception is the 500 a user would get."""
        try:
            response = self.app.get(url, headers=self.headers, status=None)
        except Exception:  # the test app re-raises what production answers with 500
            return 500, "", traceback.format_exc(limit=-4)
        content_type = response.content_type or ""
        if not re.match(r"text/|application/(json|xml|rss|atom|ld\+json|rdf)", content_type):
            return response.status_code, content_type, ""  # an image, a PDF: nothing to read
        return response.status_code, content_type, response.get_data(as_text=True)

    def crawl(self, start: str, result: CrawlResult | None = None) -> CrawlResult:
        result = result or CrawlResult()
        queue: collections.deque[tuple[str, int, str]] = collections.deque([(start, 0, "")])
        seen = {start}
        while queue:
            url, depth, referrer = queue.popleft()
            status, content_type, body = self.fetch(url)
            result.visited[url] = status
            if status >= 500:
                result.problems.append(Problem(url, status, body[-2000:], referrer))
                continue
            if "html" not in content_type:
                continue
            raw = RAW_PLACEHOLDER.findall(visible_text(body))
            if raw:
                result.problems.append(Problem(url, status, f"raw placeholders {raw}", referrer))
            if depth >= self.max_depth or status >= 300:
                continue
            for link in links(body, self.site_url + url):
                if link in seen or SKIP.search(link):
                    continue
                seen.add(link)
                kind = self.kind(link)
                if self.per_route and self.per_kind[kind] >= self.per_route:
                    continue
                self.per_kind[kind] += 1
                queue.append((link, depth + 1, url))
        return result


def crawl_portal(
    app: Any,
    roles: dict[str, dict[str, str]],
    max_depth: int,
    per_route: int,
    report: Callable[[str], None] = print,
) -> dict[tuple[str, str], CrawlResult]:
    """Crawl from each language's home page as each role (name -> request headers)."""
    results = {}
    for role, headers in roles.items():
        for locale in LOCALES:
            start = "/" if locale == "es" else f"/{locale}/"
            crawler = Crawler(app, headers, max_depth=max_depth, per_route=per_route)
            result = crawler.crawl(start)
            results[(locale, role)] = result
            report(
                f"crawl {locale} {role}: {len(result.visited)} pages, "
                f"statuses {dict(sorted(result.statuses().items()))}, "
                f"{len(result.problems)} problems"
            )
    return results
