"""``/data.json``: the catalog as DCAT-US 1.1, streamed, with validators for harvesters.

Every public, active dataset of the suite's types, read from the search index
as an anonymous visitor reads it (``package_search``: CKAN's own permission
labels, so no private, draft or deleted dataset, and references redacted as
on every page), in batches of ``ckanext.pe_catalog.dcat_us.rows``. The batches
follow the dataset ids (``id:{last TO *]``), not page numbers: each request
costs the same however deep, and a dataset created or deleted while the
document is written cannot repeat or push another one out.

A harvester that sends back the ``ETag`` (``If-None-Match``) gets a 304 while
the catalog is unchanged. The tag is the number of published datasets and the
highest Solr ``_version_`` among them: every reindex of a dataset (an edit, an
organization renamed, a dataset published) raises the highest version, and
every removal (deleted, made private) lowers the count. ``Last-Modified`` is
the latest ``metadata_modified``; it cannot see a removal, so a conditional
request with both headers is decided by the tag (RFC 9110 §13.2.2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import search  # not in toolkit
from flask import Blueprint, Response, request, stream_with_context

from ckanext.pe_catalog.dataset_type import suite_dataset_types
from ckanext.pe_catalog.dcat_us import mapping

blueprint = Blueprint("pe_catalog_dcat_us", __name__)

# bump when the mapping changes what a dataset looks like
MAPPING_VERSION = "1"


def _types_query() -> str:
    types = " OR ".join(f'"{t}"' for t in suite_dataset_types())
    return f"+dataset_type:({types})"


def catalog_state() -> tuple[int, int, str | None]:
    """(published datasets, their highest Solr ``_version_``, latest
    ``metadata_modified``) in two index queries."""
    query = search.query_for(model.Package)
    base = {"q": "*:*", "fq": f"+capacity:public {_types_query()}", "rows": 1}
    query.run({**base, "fl": "_version_", "sort": "_version_ desc"}, permission_labels=None)
    count = query.count
    version = int(query.results[0]["_version_"]) if query.results else 0
    query.run({**base, "fl": "metadata_modified", "sort": "metadata_modified desc"})
    modified = query.results[0]["metadata_modified"] if query.results else None
    return count, version, str(modified) if modified else None


def _etag(count: int, version: int) -> str:
    settings = [
        tk.config.get(key) or ""
        for key in (
            "ckan.site_url",
            "ckan.site_title",
            "ckan.locale_default",
            "ckanext.pe_catalog.contact_email",
            "ckanext.pe_catalog.dcat_us.bureau_code",
            "ckanext.pe_catalog.dcat_us.program_code",
        )
    ]
    text = json.dumps([MAPPING_VERSION, count, version, settings])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _batches() -> Iterator[list[dict[str, Any]]]:
    rows = min(
        tk.config.get("ckanext.pe_catalog.dcat_us.rows"),
        tk.config.get("ckan.search.rows_max"),
    )
    last = None
    while True:
        fq = _types_query()
        if last is not None:
            fq += f' +id:{{"{last}" TO *]'
        found = tk.get_action("package_search")(
            # public and active only (include_private and include_drafts are
            # off), for whoever asks
            {"ignore_auth": True},
            {"q": "*:*", "fq": fq, "sort": "id asc", "rows": rows, "include_private": False},
        )
        results = found["results"]
        if not results:
            return
        yield results
        # until a batch comes back empty: a batch may hold fewer than it asked
        # for (an extension's after_dataset_search may leave results out)
        last = results[-1]["id"]


def document(url: str) -> Iterator[str]:
    """The ``data.json`` text, in pieces: the catalog's members, then one
    dataset at a time."""
    head = json.dumps(mapping.catalog_head(url), ensure_ascii=False)
    yield head[:-1] + ',"dataset":['
    first = True
    for batch in _batches():
        for pkg in batch:
            text = json.dumps(mapping.dataset(pkg), ensure_ascii=False)
            yield text if first else "," + text
            first = False
    yield "]}\n"


def _last_modified(modified: str | None) -> dt.datetime | None:
    if not modified:
        return None
    moment = dt.datetime.fromisoformat(modified.rstrip("Z"))
    return moment.replace(tzinfo=dt.timezone.utc, microsecond=0)


def _unchanged(etag: str, last_modified: dt.datetime | None) -> bool:
    """Whether the client's copy is current (RFC 9110 §13.2.2): ``If-None-Match``
    decides when sent; else an ``If-Modified-Since`` that is a valid date not in
    the future. ``If-Match`` and ``If-Unmodified-Since`` are preconditions of
    changes, which a GET ignores."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(etag) or request.if_none_match.star_tag
    since = request.if_modified_since
    if since is None or last_modified is None:
        return False
    return since <= dt.datetime.now(dt.timezone.utc) and last_modified <= since


@blueprint.route("/data.json", methods=["GET", "HEAD"])
def data_json() -> Response:
    count, version, modified = catalog_state()
    etag, last_modified = _etag(count, version), _last_modified(modified)
    # decided before any body exists: a stream that is never read would leave
    # its copy of the request context pushed
    if _unchanged(etag, last_modified):
        response = Response(status=304)
    else:
        url = tk.config["ckan.site_url"].rstrip("/") + "/data.json"
        body = iter(()) if request.method == "HEAD" else stream_with_context(document(url))
        response = Response(body, mimetype="application/json")
        # no Content-Length: the document's is not known before it is written
        response.implicit_sequence_conversion = False
    response.set_etag(etag)
    response.last_modified = last_modified
    return response
