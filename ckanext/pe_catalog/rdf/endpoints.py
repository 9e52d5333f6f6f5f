"""The harvest endpoints, in front of ckanext-dcat's views.

ckanext-dcat serves ``/catalog.<format>`` and ``/dataset/<id>.<format>``. On
their own they answer a bad ``page`` or ``modified_since`` with a 409 (or a 500
for a date with a time zone, which reaches Solr as ``...+05:00Z``, and for a
``q`` or ``fq`` Solr cannot parse), an unknown format with a 500, and a private
dataset to anyone who may read it. Harvesters deserve a 400 that says what is
wrong, and the catalog publishes public, active datasets only, whoever asks:
this blueprint serves the catalog pages itself (through ckanext-dcat's action)
and checks dataset requests before ckanext-dcat's view runs.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from importlib.metadata import entry_points
from typing import Any
from urllib.parse import urlencode

import ckan.plugins.toolkit as tk
from ckan.types import Context

# the search of dcat_catalog_show, whose paging links this module builds itself
from ckanext.dcat.logic import DATASETS_PER_PAGE, _search_ckan_datasets
from ckanext.dcat.processors import RDF_PROFILES_ENTRY_POINT_GROUP
from ckanext.dcat.utils import CONTENT_TYPES, catalog_uri
from dateutil.parser import ParserError, isoparse
from flask import Blueprint, Response, request

from ckanext.pe_catalog.access import public_dataset
from ckanext.pe_catalog.logic.search_checks import SearchSyntaxError
from ckanext.pe_catalog.rdf import fragments

MAX_PAGE = 100_000  # Solr's start must stay a 32-bit integer
# the query parameters a catalog page's links carry on (ckanext-dcat's list)
PAGE_LINK_ARGS = ("modified_since", "profiles", "q", "fq")

blueprint = Blueprint("pe_catalog_dcat", __name__)

CATALOG_ENDPOINT = "dcat.read_catalog"
DATASET_ENDPOINTS = {"dcat.read_dataset", "dcat.read_dataset_series"}


def _bad_request(message: str) -> Response:
    return Response(message + "\n", status=400, mimetype="text/plain")


def _not_found() -> Response:
    return Response(tk._("Dataset not found") + "\n", status=404, mimetype="text/plain")


def _format_error(fmt: str) -> str | None:
    if fmt in CONTENT_TYPES:
        return None
    return tk._('Unknown format "{format}"; use one of: {formats}').format(
        format=fmt, formats=", ".join(sorted(CONTENT_TYPES))
    )


def _page_error(page: str | None) -> str | None:
    if page in (None, ""):
        return None
    if not page.isdigit() or not 1 <= int(page) <= MAX_PAGE:
        return tk._('page must be a whole number from 1 to {max}, not "{value}"').format(
            max=MAX_PAGE, value=page
        )
    return None


@functools.cache
def _suite_profiles() -> frozenset[str]:
    """The suite's own profiles: ckanext-dcat's others (euro_dcat_ap, schemaorg,
    croissant...) look for a scheming schema named "dataset" and fail on the
    suite's types ("Unknown dataset schema: dataset"), so they are not offered.
    Read once: scanning the entry points took about 6 ms per request."""
    return frozenset(
        ep.name
        for ep in entry_points(group=RDF_PROFILES_ENTRY_POINT_GROUP)
        if ep.value.startswith("ckanext.pe_catalog.")
    )


def _profiles_error(profiles: list[str]) -> str | None:
    if not profiles:
        return None
    known = _suite_profiles()
    unknown = [p for p in profiles if p not in known]
    if not unknown:
        return None
    return tk._('Unknown profile "{profile}"; use one of: {profiles}').format(
        profile=unknown[0], profiles=", ".join(sorted(known))
    )


def _page_url(page: int) -> str:
    """This catalog page's URL for another page number, its query carried on, encoded.

    ckanext-dcat 2.4.4 joins the values unencoded, so a ``q`` with a space or a
    ``modified_since`` with ``+05:00`` gave links a harvester could not follow.
    """
    args = [(k, v) for k, v in request.args.items(multi=True) if k in PAGE_LINK_ARGS]
    return f"{catalog_uri()}{request.path}?{urlencode([*args, ('page', page)])}"


def pagination_info(count: int, shown: int, page: int, per_page: int) -> dict[str, Any]:
    """Hydra paging of a catalog page, as ckanext-dcat's serializer takes it.

    ``count`` datasets in all, ``shown`` on page ``page`` of ``per_page`` each.
    """
    if count == 0:
        return {}
    last = math.ceil(count / per_page) or 1
    info: dict[str, Any] = {
        "count": count,
        "items_per_page": per_page,
        "current": _page_url(page),
        "first": _page_url(1),
        "last": _page_url(last),
    }
    if page > 1:
        info["previous"] = _page_url(page - 1 if (page - 1) * per_page + shown <= count else last)
    if page * per_page < count:
        info["next"] = _page_url(page + 1)
    return info


def utc_modified_since(value: str) -> str:
    """``modified_since`` as the UTC date and time ckanext-dcat hands to Solr.

    ISO 8601 dates and date-times; one without a time zone is UTC, as in CKAN.
    Raises ValueError with the message for the harvester.
    """
    try:
        moment = isoparse(value.strip())
        if moment.tzinfo is not None:
            # 9999-12-31T23:59:59-14:00 is past year 9999 in UTC
            moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    except (ParserError, ValueError, OverflowError):
        raise ValueError(
            tk._(
                "modified_since must be an ISO 8601 date or date and time, such as "
                '2026-01-31 or 2026-01-31T08:00:00-05:00, not "{value}"'
            ).format(value=value)
        ) from None
    return moment.isoformat()


def _serve_catalog(view_args: dict[str, Any]) -> Response:
    """The catalog page, through ckanext-dcat's action, with every bad input a 400."""
    fmt = view_args.get("_format", "")
    message = _format_error(fmt) or _page_error(request.args.get("page"))
    if message:
        return _bad_request(message)
    since = request.args.get("modified_since")
    try:
        since = utc_modified_since(since) if since else None
    except ValueError as error:
        return _bad_request(str(error))
    profiles = [p for p in request.args.get("profiles", "").split(",") if p] or None
    message = _profiles_error(profiles or [])
    if message:
        return _bad_request(message)
    data_dict = {
        "page": request.args.get("page"),
        "modified_since": since,
        "q": request.args.get("q"),
        "fq": request.args.get("fq"),
    }
    context: Context = {}
    try:
        tk.check_access("dcat_catalog_show", context, data_dict)
        query = _search_ckan_datasets(context, data_dict)
    except SearchSyntaxError:
        return _bad_request(tk._("The search in q or fq could not be understood"))
    except tk.ValidationError as error:
        return _bad_request(str(error))
    page = int(data_dict["page"] or 1)
    per_page = int(tk.config.get("ckanext.dcat.datasets_per_page") or DATASETS_PER_PAGE)
    paging = pagination_info(query["count"], len(query["results"]), page, per_page)
    plain = not (since or data_dict["q"] or data_dict["fq"])
    body = fragments.page(query["results"], fmt, profiles, paging, keep=plain)
    return Response(body, mimetype=CONTENT_TYPES[fmt])


def _check_dataset(view_args: dict[str, Any]) -> Response | None:
    profiles = [p for p in request.args.get("profiles", "").split(",") if p]
    message = _format_error(view_args.get("_format", "")) or _profiles_error(profiles)
    if message:
        return _bad_request(message)
    if public_dataset(view_args.get("_id", "")) is None:
        return _not_found()
    return None


@blueprint.before_app_request
def check_dcat_request() -> Response | None:
    view_args = request.view_args or {}
    if request.method not in ("GET", "HEAD"):
        return None  # Flask answers OPTIONS itself (Allow), and 405 the rest
    if request.endpoint == CATALOG_ENDPOINT and view_args.get("_format"):
        return _serve_catalog(view_args)
    if request.endpoint in DATASET_ENDPOINTS and view_args.get("_format"):
        return _check_dataset(view_args)
    return None
