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
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.search import SearchError  # not in toolkit
from ckanext.dcat.utils import CONTENT_TYPES
from dateutil.parser import ParserError, isoparse
from flask import Blueprint, Response, request

from ckanext.pe_catalog.access import public_dataset

MAX_PAGE = 100_000  # Solr's start must stay a 32-bit integer

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


def utc_modified_since(value: str) -> str:
    """``modified_since`` as the UTC date and time ckanext-dcat hands to Solr.

    ISO 8601 dates and date-times; one without a time zone is UTC, as in CKAN.
    Raises ValueError with the message for the harvester.
    """
    try:
        moment = isoparse(value.strip())
    except (ParserError, ValueError, OverflowError):
        raise ValueError(
            tk._(
                "modified_since must be an ISO 8601 date or date and time, such as "
                '2026-01-31 or 2026-01-31T08:00:00-05:00, not "{value}"'
            ).format(value=value)
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
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
    profiles = request.args.get("profiles")
    data_dict = {
        "page": request.args.get("page"),
        "modified_since": since,
        "q": request.args.get("q"),
        "fq": request.args.get("fq"),
        "format": fmt,
        "profiles": profiles.split(",") if profiles else None,
    }
    try:
        body = tk.get_action("dcat_catalog_show")({}, data_dict)
    except tk.ValidationError as error:
        return _bad_request(str(error))
    except SearchError as error:
        # Solr's answer to a q or fq it cannot parse; anything else is a real 500
        if "(HTTP 400)" not in str(error):
            raise
        return _bad_request(tk._("The search in q or fq could not be understood"))
    return Response(body, mimetype=CONTENT_TYPES[fmt])


def _check_dataset(view_args: dict[str, Any]) -> Response | None:
    message = _format_error(view_args.get("_format", ""))
    if message:
        return _bad_request(message)
    if public_dataset(view_args.get("_id", "")) is None:
        return _not_found()
    return None


@blueprint.before_app_request
def check_dcat_request() -> Response | None:
    view_args = request.view_args or {}
    if request.endpoint == CATALOG_ENDPOINT and view_args.get("_format"):
        return _serve_catalog(view_args)
    if request.endpoint in DATASET_ENDPOINTS and view_args.get("_format"):
        return _check_dataset(view_args)
    return None
