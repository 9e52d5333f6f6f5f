"""CSRF protection for every state-changing request a browser's cookie authenticates.

CKAN 2.12.0 exempts a view from Flask-WTF's CSRF check, for the rest of the
process, as soon as one request without a session reaches it (an anonymous
visitor or an API token: ``ckan_before_request`` calls ``csrf.exempt``). After
the first anonymous visit, the login form takes a POST without a token, and once
any anonymous API call has run, ``/api/action/*`` takes a POST authenticated by
the session cookie alone: a page on another site can change a dataset in the
name of whoever is signed in.

This check runs on every request, after CKAN has identified the user, and
decides per request, never per view:

- authenticated by an API token header: no check (another site cannot make a
  browser send the header, so it cannot forge the request);
- an anonymous API call: no check (it carries no credential to abuse);
- a query to a read-only service that clients POST (``/csw``): no check (it
  changes nothing);
- anything else, i.e. a form or API call the session cookie authenticates, or
  any form sent anonymously (login, registration, password reset): the request
  must carry the token, in the form field or the ``X-CSRFToken`` header (CKAN's
  JavaScript client sends it).

``WTF_CSRF_ENABLED = false`` still turns all CSRF protection off.
"""

from __future__ import annotations

import json

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, current_app, g, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest

blueprint = Blueprint("pe_catalog_csrf", __name__)


# read-only services that take POST bodies from any client (the CSW's queries)
READ_ONLY_BLUEPRINTS = {"pe_catalog_csw"}


def exempt_request() -> bool:
    """True when the current request needs no CSRF token (see the module's rules)."""
    if request.blueprint in READ_ONLY_BLUEPRINTS:
        return True
    if tk.current_user.is_authenticated:
        # CKAN sets login_via_auth_header when the API token header, not the
        # session cookie, identified the user
        return bool(g.get("login_via_auth_header"))
    return request.blueprint == "api"


# views CKAN also serves by GET that change the session: signing out (the
# user menu posts a form; a GET from another site's image would sign anyone out)
SESSION_CHANGES_BY_GET = {"user.logout"}


@blueprint.before_app_request
def protect() -> None:
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if (
        request.endpoint in SESSION_CHANGES_BY_GET
        and request.method in ("GET", "HEAD")
        and tk.current_user.is_authenticated
        and not exempt_request()
    ):
        tk.abort(405, tk._("Sign out with the button of the user menu"))
    if request.method not in current_app.config["WTF_CSRF_METHODS"]:
        return
    if request.routing_exception is not None:
        return  # no view runs: Flask answers 404, or 405 for a method (PUT on a page)
    if exempt_request():
        return
    current_app.extensions["csrf"].protect()  # raises CSRFError (400)


@blueprint.app_errorhandler(CSRFError)
def csrf_error(error: CSRFError) -> ResponseReturnValue:
    message = tk._(
        "This form has expired or was not sent from this site. Reload the page and send it again."
    )
    if request.blueprint == "api":
        body = {"success": False, "error": {"__type": "CSRF Error", "message": message}}
        return Response(json.dumps(body, ensure_ascii=False), 400, mimetype="application/json")
    # a plain 400 (CKAN's error page), not a CSRFError, which would come back here
    return current_app.handle_http_exception(BadRequest(description=message))
