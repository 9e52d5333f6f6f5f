"""What every page request must be, and search errors as the user's mistake.

CKAN's views pass query parameters on to PostgreSQL and Solr as they come: a NUL
byte in a dataset name fails PostgreSQL ("A string literal cannot contain NUL"),
``sort=title_string asc,`` fails the search view's own parsing, and a ``q`` or
``sort`` Solr cannot parse fails every view that does not catch it (organization
and group pages, downloads). All of these are the request's fault: they answer
400 with a message in the user's language, never 500. API calls keep CKAN's
own answers (409 with the Solr message), except for the NUL byte.
"""

from __future__ import annotations

import json
import re

import ckan.plugins.toolkit as tk
from ckan.lib.search import SearchQueryError  # not in toolkit
from flask import Blueprint, Response, current_app, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import (
    BadRequest,
    Forbidden,
    HTTPException,
    NotFound,
    RequestEntityTooLarge,
)

from ckanext.pe_catalog.logic.search_checks import BOOLEAN_WORDS, SearchSyntaxError

blueprint = Blueprint("pe_catalog_requests", __name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# API parameters CKAN's actions take as lists when repeated in a GET; any other
# parameter given twice reaches the action as a list where it expects text
# (``package_show?id=a&id=b`` failed with a 500)
API_LIST_PARAMS = {"facet.field", "fl", "fq_list"}
# counts the views hand to SQL or Solr as they come (autocomplete's limit=
# failed with a 500): whole numbers when given at all
COUNT_PARAMS = ("limit", "offset")
# the API's yes/no parameters (CKAN's asbool fails on any other word: a 500)
BOOLEAN_PARAMS = (
    "include_private",
    "include_drafts",
    "include_deleted",
    "use_default_schema",
    "all_fields",
    "include_datasets",
    "include_plugin_data",
    "include_extras",
    "include_users",
    "include_tags",
    "include_groups",
    "include_followers",
    "include_member_count",
    "include_dataset_count",
)
# the last page any list may be asked for (SQL and Solr offsets stay 32-bit)
MAX_PAGE = 100_000
# a page's sort: "field", "field asc", "field desc", comma-separated
_SORT_TERM = r"\s*[A-Za-z_][\w.]*(\s+(asc|desc))?\s*"
_SORT = re.compile(rf"{_SORT_TERM}(,{_SORT_TERM})*", re.IGNORECASE)


def bad_request(message: str) -> ResponseReturnValue:
    return current_app.handle_http_exception(BadRequest(description=message))


def _is_time_stamp(value: str) -> bool:
    try:
        seconds = float(value)
    except ValueError:
        return False
    return 0 <= seconds < 2**33  # finite, from 1970 to year 2242


def request_error() -> str | None:
    """What is wrong with the current request's address, or None."""
    texts = [request.path, *request.args.keys(), *request.args.values()]
    if any(_CONTROL.search(text) for text in texts):
        return tk._("The address contains a control character")
    is_api = request.path.startswith("/api/")
    if is_api:
        for key in request.args:
            if key not in API_LIST_PARAMS and len(request.args.getlist(key)) > 1:
                return tk._('Give "{param}" once; give a list as JSON, e.g. ["a", "b"]').format(
                    param=key
                )
    page = request.args.get("page")
    if page is not None and not (
        page.isascii() and page.isdigit() and len(page) <= 6 and 1 <= int(page) <= MAX_PAGE
    ):
        return tk._('page must be a whole number from 1 to {max}, not "{value}"').format(
            max=MAX_PAGE, value=page
        )
    for key in COUNT_PARAMS:
        value = request.args.get(key)
        if value is not None and not (value.isascii() and value.isdigit() and len(value) <= 9):
            return tk._('"{param}" must be a whole number, 0 or more, not "{value}"').format(
                param=key, value=value
            )
    for key in ("before", "after"):  # activity lists: a POSIX time stamp
        if request.args.get(key) and not _is_time_stamp(request.args[key]):
            return tk._(
                '"{param}" must be a time stamp (seconds since 1970), not "{value}"'
            ).format(param=key, value=request.args[key])
    for key in BOOLEAN_PARAMS:
        value = request.args.get(key)
        if is_api and value is not None and value.lower() not in BOOLEAN_WORDS:
            return tk._('"{param}" must be true or false, not "{value}"').format(
                param=key, value=value
            )
    sort = request.args.get("sort")
    if sort and not is_api and not _SORT.fullmatch(sort):
        return tk._(
            'Invalid sort "{sort}": use a field name, optionally followed by asc or desc'
        ).format(sort=sort)
    return None


def _head_error() -> str | None:
    """A HEAD request to an API action that changes data.

    Flask serves HEAD wherever it serves GET, and CKAN's API refuses a GET to
    such an action but not a HEAD: ``HEAD /api/3/action/package_patch`` with a
    JSON body changed the dataset, with no CSRF token.
    """
    name = (request.view_args or {}).get("logic_function")
    if request.method != "HEAD" or request.blueprint != "api" or not isinstance(name, str):
        return None
    try:
        action = tk.get_action(name)
    except KeyError:
        return None  # the API's own answer for an unknown action
    if getattr(action, "side_effect_free", False):
        return None
    return tk._("Use POST for {action}: it changes data").format(action=name)


def _body_error() -> str | None:
    """A body that cannot be read (a chunk size that is not hexadecimal, a
    client gone mid-body: the WSGI server's own exception was a 500), JSON that
    does not decode, or JSON nested too deeply for Python's parser (a
    RecursionError, a 500).

    The body is read here, once, as the view would (form fields and files, or
    the raw bytes, kept for the view).
    """
    if request.method != "POST":
        return None
    try:
        if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
            request.form  # noqa: B018 (parses, and keeps, the form and its files)
            return None
        data = request.get_data(cache=True)
        limit = tk.config.get("ckanext.pe_catalog.max_request_size")
        if request.content_length is None and len(data) >= limit:
            # a chunked body: Werkzeug stops reading at the limit without a
            # word (the action then saw a truncated body)
            raise RequestEntityTooLarge()
        if request.is_json and data.strip() and request.get_json(silent=True) is None:
            # CKAN's API answered with Python's repr of the error, in English
            return tk._("The request's body is not valid JSON (UTF-8)")
    except RecursionError:
        return tk._("Nested too deeply")
    except HTTPException:
        raise  # 413: a body over the limit
    except Exception:  # the server's own kinds (gunicorn's InvalidChunkSize, NoMoreData...)
        return tk._("The request's body could not be read")
    return None


def _too_large() -> Response | None:
    """A body announced larger than the limit: 413 before anything reads it.

    (A chunked body has no length to announce: Flask stops reading it at the
    same limit, MAX_CONTENT_LENGTH, and :func:`too_large` answers.)
    """
    limit = tk.config.get("ckanext.pe_catalog.max_request_size")
    if not request.content_length or request.content_length <= limit:
        return None
    return too_large()


def too_large(error: Exception | None = None) -> Response:
    """The 413 answer; also the app's handler for Flask's own 413, registered
    after CKAN's (plugin.make_middleware), which printed Werkzeug's English."""
    limit = tk.config.get("ckanext.pe_catalog.max_request_size")
    if request.content_length is not None and request.content_length <= limit:
        # within the size: Flask's limits on a form's parts and fields
        message = tk._("The form has more fields or parts than this portal accepts")
    else:
        message = tk._("The request is larger than the {size} MB this portal accepts").format(
            size=limit // (1024 * 1024)
        )
    if request.path.startswith("/api/"):
        answer = {"__type": "Request Too Large", "message": message}
        body = json.dumps({"success": False, "error": answer}, ensure_ascii=False)
        return Response(body, status=413, mimetype="application/json")
    name = RequestEntityTooLarge().name  # translated by the error page
    page = tk.render(
        "error_document_template.html", {"code": 413, "name": name, "content": message}
    )
    return Response(page, status=413)


@blueprint.before_app_request
def check_request() -> ResponseReturnValue | None:
    refused = _too_large()
    if refused is not None:
        return refused
    message = request_error() or _head_error() or _body_error()
    if message is None:
        return None
    if request.path.startswith("/api/"):
        return Response(_api_error(message), status=400, mimetype="application/json")
    return bad_request(message)


@blueprint.before_app_request
def no_shared_cache_when_signed_in() -> None:
    """A signed-in user's answers are never ``Cache-Control: public``.

    CKAN decides caching only when it renders a template: a download (a
    citation, a calendar file, an export with private rows) or an API answer
    for a signed-in user, by cookie or by token, went out "public", which lets
    a shared cache (a proxy) keep it. ``__no_cache__`` makes CKAN mark it private.
    """
    if request.headers.get("Authorization") or tk.current_user.is_authenticated:
        request.environ["__no_cache__"] = True


@blueprint.after_app_request
def vary_by_credentials(response: Response) -> Response:
    # an API token changes the answer as a session cookie does (CKAN varies by Cookie)
    response.vary.add("Authorization")
    return response


@blueprint.after_app_request
def api_media_type(response: Response) -> Response:
    """The API's 415 (a body that is neither JSON nor a form) as the API's JSON."""
    if response.status_code == 415 and request.path.startswith("/api/"):
        message = tk._("Send the body as JSON (Content-Type: application/json) or as a form")
        body = {"success": False, "error": {"__type": "Unsupported Media Type", "message": message}}
        return Response(json.dumps(body, ensure_ascii=False), 415, mimetype="application/json")
    return response


def _api_error(message: str) -> str:
    return json.dumps(
        {"success": False, "error": {"__type": "Bad Request", "message": message}},
        ensure_ascii=False,
    )


@blueprint.app_context_processor
def search_defaults() -> dict[str, dict]:
    # CKAN 2.12's organization and group pages leave search_facets undefined
    # when their search fails (Solr down), and the page then fails rendering;
    # a value a view passes itself always wins over this default
    return {"search_facets": {}}


@blueprint.app_errorhandler(tk.NotAuthorized)
def not_authorized(error: tk.NotAuthorized) -> ResponseReturnValue:
    # views that let the action's refusal escape (CKAN's user autocomplete for
    # an anonymous visitor) answer as the action meant, not with a 500
    return current_app.handle_http_exception(Forbidden(description=str(error) or None))


@blueprint.app_errorhandler(tk.ObjectNotFound)
def not_found(error: tk.ObjectNotFound) -> ResponseReturnValue:
    return current_app.handle_http_exception(NotFound(description=str(error) or None))


@blueprint.app_errorhandler(SearchQueryError)
@blueprint.app_errorhandler(SearchSyntaxError)
def search_query_error(error: Exception) -> ResponseReturnValue:
    if isinstance(error, tk.ValidationError):
        messages = [m for ms in error.error_dict.values() if isinstance(ms, list) for m in ms]
        detail = messages[0] if messages else ""
    else:
        detail = str(error)
        detail = tk._(detail) if detail else detail  # CKAN's own words translated
    return bad_request(tk._("Invalid search query: {error}").format(error=detail))
