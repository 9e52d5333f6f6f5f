"""The DataStore's pages answer a bad parameter with 400, never 500.

CKAN's table preview reads its paging, sort and filter parameters with
``int()`` and list indexing (``/datatables/ajax/<view>`` with ``length=abc``
or a sort column past the last one), and the DataStore dump and the preview's
filtered download pass ``format``, ``fields``, ``sort`` and ``language`` on as
they come: each such request failed with a 500. They are the request's fault:
the views below answer 400 with a message in the visitor's language, and the
detail goes to the log. The dump streams its rows after the view returns, so
its search is tried once first (no rows), and a search PostgreSQL refuses (an
unknown text-search ``language``) is refused before the stream starts.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy.exc
from flask import Flask, request

from ckanext.pe_catalog import request_checks

log = logging.getLogger(__name__)

# endpoints of ckanext-datastore's and ckanext-datatablesview's blueprints
GUARDED = ("datastore.dump", "datatablesview.ajax", "datatablesview.filtered_download")
BAD_PARAMETERS = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    tk.ValidationError,
    sqlalchemy.exc.StatementError,
)


def _refused() -> Any:
    return request_checks.bad_request(
        tk._(
            "The table cannot be read with these parameters (page, order, "
            "columns, filters or format): check them and try again."
        )
    )


def _dump_search_fails(resource_id: str) -> bool:
    """Whether the dump's search, as its parameters ask, fails (tried with no rows)."""
    from ckanext.datastore.blueprint import dump_schema

    data, errors = tk.navl_validate(request.args.to_dict(), dump_schema())
    if errors:
        return False  # the view answers these itself (400)
    wanted = ("filters", "q", "distinct", "plain", "language", "fields", "sort")
    search = {k: v for k, v in data.items() if k in wanted}
    try:
        tk.get_action("datastore_search")(
            {"ignore_auth": True}, {"resource_id": resource_id, "limit": 0, **search}
        )
    except tk.ValidationError:
        log.info("a DataStore dump refused its parameters", exc_info=True)
        return True
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return False  # the view answers these itself (404)
    return False


def _guarded(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            if request.endpoint == "datastore.dump" and _dump_search_fails(kwargs["resource_id"]):
                return _refused()
            return view(*args, **kwargs)
        except BAD_PARAMETERS:
            log.info("a DataStore page refused its parameters", exc_info=True)
            return _refused()

    return guarded


def guard(app: Flask) -> None:
    """Wrap the DataStore's views registered on ``app`` (after its blueprints)."""
    for endpoint in GUARDED:
        if endpoint in app.view_functions:
            app.view_functions[endpoint] = _guarded(app.view_functions[endpoint])
