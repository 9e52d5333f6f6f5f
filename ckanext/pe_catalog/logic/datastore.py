"""The DataStore's actions as the portal runs them.

- Writes made by background jobs act as the site user. ckanext-xloader's
  type-guessing load calls ``datastore_create`` (and its clean-up
  ``datastore_delete``) with ``ignore_auth`` and no user. Both then patch the
  resource's ``datastore_active`` flag, and ckanext-activity refuses to record
  that change without a user ("User not found"): every typed load failed and
  xloader fell back to loading all columns as text.
- Reads get a clear error for a parameter of the wrong kind (``limit: [1]``
  and ``sql: 123`` answered 500) and stop after
  ``ckanext.pe_catalog.datastore_query_timeout`` milliseconds (CKAN's default,
  60 s, outlasts the web server's 50 s request limit: a slow query got the
  connection dropped with no answer at all).
- The search text of ``datastore_search`` (``q``, ``full_text``) is written
  by the datastore into its SQL as a literal, run as SQLAlchemy ``text()``,
  which read ``:0`` in ``q=":0"`` as a bind parameter (a 500). Such a colon
  is read as the punctuation it is (:func:`_without_bind_markers`); a query of
  ``datastore_search_sql`` holding one is refused with a message (its text is
  never changed).
- The tables of resources a dataset update removed are dropped, as CKAN's
  datastore plugin does for ``resource_delete`` (``after_resource_delete``):
  ``package_update`` and ``package_patch`` remove resources without it, and
  their rows stayed readable by id.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Action, Context, DataDict

from ckanext.pe_catalog.logic.input_checks import is_count

WRITES = ("datastore_create", "datastore_delete")
READS = ("datastore_search", "datastore_search_sql")
# datastore_search's parameters and the kinds of value they take
_COUNTS = ("limit", "offset")
_TEXT_OR_LIST = ("sort", "fields")
# the search texts the datastore writes into its SQL as literals
_SQL_LITERAL_TEXT = ("q", "full_text")
# what SQLAlchemy's text() takes for a bind parameter (TextClause._bind_params_regex,
# SQLAlchemy 2.0); its own escape (a backslash) does not survive every text
_BIND_MARKER = re.compile(r"(?<![:\w\x5c]):(\w+)(?!:)", re.UNICODE)


def _without_bind_markers(value: Any) -> Any:
    """Search text with no bind marker for text(): a colon it would take for a bind
    marker (``:0`` in ``" :0"``) becomes a space. The full-text search reads
    such a colon as punctuation anyway (``plainto_tsquery``); in ``to_tsquery``
    syntax a colon follows a lexeme, never a space or the start."""
    if isinstance(value, str):
        return _BIND_MARKER.sub(lambda m: " " + m.group(1), value)
    if isinstance(value, dict):
        return {k: _without_bind_markers(v) for k, v in value.items()}
    return value


def _as_site_user(action_name: str) -> Any:
    @tk.chained_action
    def action(up_func: Action, context: Context, data_dict: DataDict) -> Any:
        if context.get("ignore_auth") and not context.get("user"):
            site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
            context["user"] = site_user["name"]
        return up_func(context, data_dict)

    action.__name__ = action_name
    return action


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def read_errors(action_name: str, data_dict: DataDict) -> dict[str, Any]:
    """Parameters of a DataStore read that are not of the kind it takes."""
    # PostgreSQL refuses the NUL character in any text (a 500 otherwise)
    errors: dict[str, Any] = {
        key: [tk._("Text cannot contain the NUL character")]
        for key, value in data_dict.items()
        if _has_nul(value)
    }
    if errors:
        return errors
    if action_name == "datastore_search_sql":
        sql = data_dict.get("sql")
        if not isinstance(sql, str):
            errors["sql"] = [tk._("Write the query as text")]
        elif marker := _BIND_MARKER.search(sql):
            # the datastore runs the query as text(), which takes it for a
            # parameter (a 500); unlike search words, SQL text is never changed
            errors["sql"] = [
                tk._(
                    'The query holds "{marker}", which the DataStore reads as a '
                    "parameter: write the colon apart, e.g. ':' || '{word}'"
                ).format(marker=marker.group(0), word=marker.group(1))
            ]
        return errors
    for key in _COUNTS:
        if key in data_dict and not is_count(data_dict[key]):
            errors[key] = [tk._("Must be a whole number")]
    for key in _TEXT_OR_LIST:
        value = data_dict.get(key)
        if value is not None and not (
            isinstance(value, str)
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            errors[key] = [tk._("Must be a column name or a list of column names")]
    filters = data_dict.get("filters")
    if isinstance(filters, str):  # a GET's filters: JSON text, which CKAN parses
        with contextlib.suppress(ValueError, RecursionError):
            filters = json.loads(filters)
    if "filters" in data_dict and not isinstance(filters, dict):
        errors["filters"] = [tk._("Must be an object of column names and values")]
    if "q" in data_dict and not isinstance(data_dict["q"], (str, dict)):
        errors["q"] = [tk._("Must be text, or an object of column names and text")]
    return errors


def _checked_read(action_name: str) -> Any:
    # a read answers GET too: a chain must say so itself, as the action does
    @tk.chained_action
    @tk.side_effect_free
    def action(up_func: Action, context: Context, data_dict: DataDict) -> Any:
        errors = read_errors(action_name, data_dict)
        if errors:
            raise tk.ValidationError(dict(errors))
        if action_name == "datastore_search":
            data_dict = {
                k: _without_bind_markers(v) if k in _SQL_LITERAL_TEXT else v
                for k, v in data_dict.items()
            }
        timeout = tk.config.get("ckanext.pe_catalog.datastore_query_timeout")
        context.setdefault("query_timeout", timeout)  # pyright: ignore[reportCallIssue, reportArgumentType]
        return up_func(context, data_dict)

    action.__name__ = action_name
    return action


def actions() -> dict[str, Any]:
    """The chained DataStore actions, when the datastore plugin is enabled."""
    if not p.plugin_loaded("datastore"):
        return {}
    return {
        **{name: _as_site_user(name) for name in WRITES},
        **{name: _checked_read(name) for name in READS},
    }


def drop_removed_tables(context: Context, package_id: str) -> None:
    """Drop the DataStore tables of the dataset's deleted resources (as CKAN's
    datastore plugin does after ``resource_delete``)."""
    if not p.plugin_loaded("datastore"):
        return
    # the backend is the datastore plugin's own API (toolkit exposes none)
    from ckanext.datastore.backend import DatastoreBackend

    backend = DatastoreBackend.get_active_backend()
    query = model.Session.query(model.Resource).filter(
        model.Resource.package_id == package_id, model.Resource.state == "deleted"
    )
    for resource in query:
        extras = dict(resource.extras or {})
        if not tk.asbool(extras.get("datastore_active")):
            continue
        if backend.resource_exists(resource.id):
            backend.delete(context, {"resource_id": resource.id})
        extras["datastore_active"] = False
        model.Session.query(model.Resource).filter_by(id=resource.id).update(
            {"extras": extras}, synchronize_session=False
        )
