"""Uploaded files are downloaded, never run in the portal's origin.

CKAN serves an uploaded resource inline with the type it was stored with: an
HTML or SVG file ran its scripts as a page of the portal (with the visitor's
session) when its download link was opened, and a PDF preview embedding it ran
them inside the resource page. Every download now says ``nosniff``; a file of
a type that can carry scripts (anything not in :data:`SHOWN_INLINE`) goes out
as an attachment with a sandboxing Content-Security-Policy.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

blueprint = Blueprint("pe_catalog_downloads", __name__)

# types a browser shows without running anything of the file's
SHOWN_INLINE = {
    "application/pdf",
    "text/csv",
    "text/plain",
    "text/tab-separated-values",
    "application/json",
    "application/geo+json",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
}


def is_download() -> bool:
    """A resource download: ``resource.download`` of any dataset type's blueprint."""
    return bool(request.endpoint and request.endpoint.endswith("resource.download"))


@blueprint.after_app_request
def harden_download(response: Response) -> Response:
    if not is_download() or response.status_code != 200:
        return response
    response.headers["X-Content-Type-Options"] = "nosniff"
    if response.mimetype not in SHOWN_INLINE:
        # keep the file's name ("inline; filename=x.html" -> "attachment; filename=x.html")
        _kind, _, name = response.headers.get("Content-Disposition", "").partition(";")
        response.headers["Content-Disposition"] = "attachment" + (f";{name}" if name else "")
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
