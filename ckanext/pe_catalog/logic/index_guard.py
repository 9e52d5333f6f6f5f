"""No write the search index misses: a Solr outage refuses the write.

CKAN 2.12 indexes a dataset before committing it in ``package_create``,
``package_update`` and ``package_delete`` (so a failed index rolls the row
back), but commits first and indexes after in ``member_create`` and
``member_delete`` (a dataset added to a group), and never reindexes in
``package_owner_org_update``. With Solr down, those left rows the search, the
facets and the harvest catalog did not show; and every failure answered 500
with Solr's internal URL in the message.

Here every action that writes what the index holds:

1. asks Solr first (``admin/ping``, :data:`PING_TIMEOUT` seconds) and refuses
   with :class:`SearchIndexUnavailable` when it does not answer, before any
   row is written;
2. for the commit-then-index actions, defers CKAN's commit, reindexes the
   dataset, and commits only once the index has it;
3. turns a search or indexing failure into :class:`SearchIndexUnavailable`
   when Solr then no longer answers its ping (any other indexing error, such
   as a document Solr refuses, stays CKAN's), after rolling the session back;
4. after a failure, treats Solr as down in this worker for :data:`HOLD_DOWN`
   seconds without asking it again, so that a Solr that hangs costs a page one
   timeout (``solr_timeout``), not one per search.

:class:`SearchIndexUnavailable` answers 503 with ``Retry-After``: JSON
``{"success": false, "error": {"__type": "Search Index Unavailable",
"message": ...}}`` for the API and CKAN's error page otherwise, in the
request's language. ``ckan pe-catalog reindex`` (:mod:`ckanext.pe_catalog.
reindex`) brings the index back in step after an outage; ``/health``
(:mod:`ckanext.pe_catalog.health`) says which service is down.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.search import SearchIndexError, SolrConnectionError  # not in toolkit
from ckan.lib.search.common import make_connection
from ckan.types import Action, Context
from flask import Blueprint, Response, g, has_request_context, request

log = logging.getLogger(__name__)

PING_TIMEOUT = 3  # seconds: a Solr that takes longer is as good as down
RETRY_AFTER = 60  # seconds, for the client (HTTP Retry-After)
# after a failure, this worker process treats Solr as down for this long
# without asking it again: a Solr that hangs costs one timeout (solr_timeout),
# not one per search of a page
HOLD_DOWN = 10.0  # seconds

_down_until = 0.0


def _mark_down() -> None:
    global _down_until
    _down_until = time.monotonic() + HOLD_DOWN


def known_down() -> bool:
    """Solr failed in this process less than HOLD_DOWN seconds ago."""
    return time.monotonic() < _down_until


def forget_outage() -> None:
    """Ask Solr again at the next request (tests that change solr_url)."""
    global _down_until
    _down_until = 0.0


# the actions whose writes change what Solr holds for a dataset
WRITES = (
    "package_create",
    "package_update",
    "package_patch",
    "package_revise",
    "package_delete",
    "dataset_purge",
    "resource_create",
    "resource_update",
    "resource_patch",
    "resource_delete",
    "package_resource_reorder",
    "bulk_update_private",
    "bulk_update_public",
    "bulk_update_delete",
)
# the writes CKAN commits before (or without) reindexing the dataset:
# action -> the dataset's id or name in its data_dict, or None when the
# object is not a dataset
DEFERRED: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "member_create": lambda d: d.get("object") if d.get("object_type") == "package" else None,
    "member_delete": lambda d: d.get("object") if d.get("object_type") == "package" else None,
    "package_owner_org_update": lambda d: d.get("id"),
}
# searches: a Solr that does not answer is the service's fault, not the query's
READS = ("package_search",)
# shown with a count from PostgreSQL when Solr does not answer (a dataset page's
# organization card, an organization's about page: CKAN counts with a search)
COUNTED = ("organization_show", "group_show")


class SearchIndexUnavailable(Exception):
    """Solr does not answer: the request cannot be served now (HTTP 503).

    ``write``: the request would have written (and wrote nothing).
    """

    def __init__(self, write: bool = True) -> None:
        super().__init__("search index unavailable")
        self.write = write


def solr_answers(ask: bool = False) -> bool:
    """Whether the configured Solr core answers its ping within PING_TIMEOUT s
    (not asked again while :func:`known_down`, unless ``ask``)."""
    global _down_until
    if known_down() and not ask:
        return False
    try:
        connection = make_connection()
        connection.timeout = PING_TIMEOUT
        connection.ping()
    except Exception:  # any failure to answer is an outage to the caller
        _mark_down()
        return False
    _down_until = 0.0
    return True


def _unavailable(cause: BaseException | None = None, write: bool = True) -> SearchIndexUnavailable:
    model.Session.rollback()
    log.error("search index unavailable: %r", cause)
    if has_request_context():
        # CKAN's API view answers any exception an action raises with its own
        # 500: the answer is rewritten after the view (api_unavailable)
        g.pe_search_unavailable = write
    return SearchIndexUnavailable(write)


def _guard_write(up: Action, context: Context, data_dict: Any) -> Any:
    if not context.get("defer_commit") and not solr_answers():
        raise _unavailable()
    try:
        return up(context, data_dict)
    except (SearchIndexError, SolrConnectionError) as error:
        if solr_answers():
            raise
        raise _unavailable(error) from error


def _guard_deferred(name: str, up: Action, context: Context, data_dict: Any) -> Any:
    dataset = DEFERRED[name](data_dict) if isinstance(data_dict, dict) else None
    if context.get("defer_commit") or not dataset:
        return up(context, data_dict)
    if not solr_answers():
        raise _unavailable()
    result = up({**context, "defer_commit": True}, data_dict)
    try:
        package = model.Package.get(dataset)
        if package is not None:
            model.Session.flush()
            from ckan.lib.search import rebuild  # not in toolkit

            rebuild(package.id)
    except (SearchIndexError, SolrConnectionError) as error:
        raise _unavailable(error) from error
    model.repo.commit()
    return result


def _guard_read(up: Action, context: Context, data_dict: Any) -> Any:
    if known_down():
        raise _unavailable(write=False)
    try:
        return up(context, data_dict)
    except SolrConnectionError as error:
        _mark_down()
        raise _unavailable(error, write=False) from error


def _guard_counted(up: Action, context: Context, data_dict: Any) -> Any:
    try:
        if known_down():
            raise SearchIndexUnavailable(write=False)
        return up(context, data_dict)
    except (SearchIndexUnavailable, SolrConnectionError):
        _mark_down()
        if has_request_context():
            g.pop("pe_search_unavailable", None)
        uncounted = ("include_dataset_count", "include_datasets", "include_groups")
        shown = up(context, {**data_dict, **dict.fromkeys(uncounted, False)})
        # the pages show a count: the public, active datasets in the database
        shown["package_count"] = _public_datasets_of(shown["id"], shown.get("is_organization"))
        return shown


def _public_datasets_of(group_id: str, is_organization: bool | None) -> int:
    datasets = model.Session.query(model.Package.id).filter(
        model.Package.state == "active", model.Package.private.is_(False)
    )
    if is_organization:
        return datasets.filter(model.Package.owner_org == group_id).count()
    members = model.Session.query(model.Member.table_id).filter(
        model.Member.group_id == group_id,
        model.Member.table_name == "package",
        model.Member.state == "active",
    )
    return datasets.filter(model.Package.id.in_(members)).count()


def wrap(name: str, inner: Any | None) -> Any:
    """The chained action ``name``: the guard around ``inner`` (another chained
    action of this plugin, ``(up, context, data_dict)``) or around CKAN's."""
    if name in DEFERRED:
        guard: Callable[..., Any] = functools.partial(_guard_deferred, name)
    elif name in READS:
        guard = _guard_read
    elif name in COUNTED:
        guard = _guard_counted
    else:
        guard = _guard_write

    def action(up: Action, context: Context, data_dict: Any) -> Any:
        call = functools.partial(inner, up) if inner is not None else up
        return guard(call, context, data_dict)

    action.__name__ = name
    action.__doc__ = getattr(inner, "__doc__", None)
    for flag in ("side_effect_free", "auth_audit_exempt"):
        if getattr(inner, flag, False):
            setattr(action, flag, True)
    if name in READS or name in COUNTED:
        action.side_effect_free = True  # type: ignore[attr-defined]
    return tk.chained_action(action)


def actions(chained: dict[str, Any]) -> dict[str, Any]:
    """``chained`` (this plugin's other chained actions) with the guard around
    every action that writes or searches the index."""
    names = (*WRITES, *DEFERRED, *READS, *COUNTED)
    return {**chained, **{name: wrap(name, chained.get(name)) for name in names}}


blueprint = Blueprint("pe_catalog_index_guard", __name__)


def message(write: bool) -> str:
    if write:
        return tk._(
            "The catalog's search service is not available right now, so nothing "
            "was saved. Please try again in a few minutes."
        )
    return tk._(
        "The catalog's search service is not available right now. Please try "
        "again in a few minutes."
    )


def _api_answer(write: bool) -> Response:
    body = {
        "success": False,
        "error": {"__type": "Search Index Unavailable", "message": message(write)},
    }
    return Response(
        json.dumps(body, ensure_ascii=False),
        status=503,
        mimetype="application/json",
        headers={"Retry-After": str(RETRY_AFTER)},
    )


@blueprint.after_app_request
def api_unavailable(response: Response) -> Response:
    if response.status_code != 500 or not request.path.startswith("/api/"):
        return response
    write = g.get("pe_search_unavailable")
    if write is not None:
        return _api_answer(write)
    # actions that reach Solr without package_search (organization_list with
    # all_fields, package_autocomplete...): CKAN's own 500, in English
    if (
        response.is_json
        and (response.get_json(silent=True) or {}).get("error", {}).get("__type")
        == "Search Connection Error"
    ):
        return _api_answer(False)
    return response


@blueprint.app_errorhandler(SolrConnectionError)
def solr_unreachable(error: SolrConnectionError) -> Response:
    # pages whose views reach Solr without an action this module wraps
    # (the organization and group lists, dashboards, activity pages)
    log.error("search index unavailable: %r", error)
    _mark_down()
    return unavailable(SearchIndexUnavailable(write=False))


@blueprint.app_errorhandler(SearchIndexUnavailable)
def unavailable(error: SearchIndexUnavailable) -> Response:
    headers = {"Retry-After": str(RETRY_AFTER)}
    if request.path.startswith("/api/"):
        return _api_answer(error.write)
    extra_vars = {"code": 503, "name": tk._("Service unavailable"), "content": message(error.write)}
    return Response(
        tk.render("error_document_template.html", extra_vars),
        status=503,
        headers=headers,
    )
