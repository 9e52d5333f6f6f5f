"""``/csw``: the portal's OGC CSW 2.0.2 endpoint, answered by pycsw.

pycsw runs in its own process (``scripts/pycsw.sh``); the portal passes a
request's query string (KVP) or XML body (POST) to pycsw's public path and
returns its answer as it is. That path has transactions turned off: records
are written only by the job worker, through the manager path, which this
endpoint never reaches. CSW requests change nothing, so a client posts them
without the portal's CSRF token, as every CSW client (OWSLib, GeoNetwork) does.
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import requests
from ckan.config.middleware.flask_app import csrf  # not in toolkit
from flask import Blueprint, Response, request
from markupsafe import escape

from ckanext.pe_catalog.csw import repository

blueprint = Blueprint("pe_catalog_csw", __name__)
csrf.exempt(blueprint)

MAX_BODY = 1024 * 1024  # bytes: a GetRecords with a large filter is a few kB
# the output schemas this endpoint documents: Dublin Core (CSW 2.0.2 and 3.0)
# and ISO 19139; pycsw 2.6.2 offers others it cannot always write (DIF, INTERLIS)
OUTPUT_SCHEMAS = {
    "http://www.opengis.net/cat/csw/2.0.2",
    "http://www.opengis.net/cat/csw/3.0",
    "http://www.isotc211.org/2005/gmd",
}
# KVP parameters that must be whole numbers (pycsw 2.6.2 fails on others)
WHOLE_NUMBERS = {"maxrecords", "startposition", "maximumrecords", "startrecord"}
TIMEOUT = 60  # seconds
# pycsw's answer headers that are passed on (requests has already decoded a
# compressed body, so its Content-Encoding is not)
PASSED_HEADERS = ("Content-Type",)


def _exception(status: int, code: str, text: str) -> Response:
    """An OWS exception report, which CSW clients read (OGC 06-121r3 §8)."""
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows" version="1.0.0">'
        f'<ows:Exception exceptionCode="{code}"><ows:ExceptionText>{escape(text)}'
        "</ows:ExceptionText></ows:Exception></ows:ExceptionReport>"
    )
    return Response(body, status=status, mimetype="application/xml")


def _parameter_error() -> Response | None:
    """An exception report for a KVP parameter this endpoint does not take."""
    for key, value in request.args.items(multi=True):
        name = key.lower()
        if name == "mode":
            # pycsw's OpenSearch, SRU and OAI-PMH modes: not what this endpoint serves
            return _exception(
                400, "InvalidParameterValue", tk._("Only CSW requests are answered here")
            )
        if name == "outputschema" and value not in OUTPUT_SCHEMAS:
            text = tk._("outputSchema must be one of: {schemas}").format(
                schemas=", ".join(sorted(OUTPUT_SCHEMAS))
            )
            return _exception(400, "InvalidParameterValue", text)
        if name in WHOLE_NUMBERS and not value.strip().isdigit():
            text = tk._('{name} must be a whole number, not "{value}"').format(
                name=key, value=value
            )
            return _exception(400, "InvalidParameterValue", text)
    return None


def _body() -> bytes | None:
    """The request body; None when it is larger than MAX_BODY, declared or not
    (a chunked body has no Content-Length). The suite's request checks have
    read it already, within ``ckanext.pe_catalog.max_request_size``."""
    if (request.content_length or 0) > MAX_BODY:
        return None
    body = request.get_data(cache=True)
    return None if len(body) > MAX_BODY else body


@blueprint.route("/csw", methods=["GET", "HEAD", "POST"])
def csw() -> Response:
    if not repository.configured():
        return tk.abort(404)
    error = _parameter_error()
    if error is not None:
        return error
    body = _body() if request.method == "POST" else None
    if request.method == "POST" and body is None:
        too_large = tk._("The request is larger than {size} bytes").format(size=MAX_BODY)
        return _exception(413, "NoApplicableCode", too_large)
    try:
        answer = requests.request(
            "POST" if request.method == "POST" else "GET",
            f"{repository.base_url()}/csw",
            params=request.query_string,
            data=body,
            headers={"Content-Type": request.content_type or "application/xml"},
            timeout=TIMEOUT,
        )
    except requests.RequestException:
        return _exception(
            503,
            "NoApplicableCode",
            tk._("The catalogue service does not answer right now; try again in a few minutes"),
        )
    response = Response(answer.content, status=answer.status_code)
    for name in PASSED_HEADERS:
        if name in answer.headers:
            response.headers[name] = answer.headers[name]
    return response
