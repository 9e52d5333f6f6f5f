"""QR codes of this site's own pages (open-government plan, commitments 5 and 10).

A QR code always encodes a page's *canonical* URL: ``ckan.site_url``, the
language prefix of the current language (none for the default language), the
page's path and, for a search page, its query string without the page number.
Nothing else can be encoded: this is not a QR service for any URL.

Endpoints (blueprint ``pe_catalog_qr``):

* ``/<type>/<id>/qr.svg`` and ``/<type>/<id>/qr.png``: a dataset's page. A
  dataset the user may not read answers 404, exactly as a missing one.
* ``/qr.svg?path=<site path>`` and ``/qr.png?path=...``: a search page of this
  site (``/scholarship/?q=beca&vocab_region=08``); any other path is a 400.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import ckan.plugins.toolkit as tk
import segno
from flask import Blueprint, Response, current_app, request
from markupsafe import Markup
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from ckanext.pe_catalog import access
from ckanext.pe_catalog.language import current_language
from ckanext.pe_catalog.logic.input_checks import registered_dataset_types

# Q (25 % of the code words can be lost) so a poster still scans when worn or
# partly covered; versions grow with the URL, never the level (no boost to H)
ERROR_LEVEL = "q"
# quiet zone, in modules: the 4 that ISO/IEC 18004 asks for
BORDER = 4
# PNG: 10 px per module at 300 dpi is 0.85 mm a module, a code of 3.8 cm or
# more (version 5 and up): readable from arm's length when printed
PNG_SCALE = 10
PNG_DPI = 300
# SVG: user units per module (the SVG scales without loss; this is its default size)
SVG_SCALE = 4
# the longest site path (with its query string) a QR code is made for; a longer
# one makes a code too dense to scan from paper
MAX_PATH_LENGTH = 1000

_CONTROL = re.compile(r"[\x00-\x20\x7f\\]")

blueprint = Blueprint("pe_catalog_qr", __name__)


# --- the codes ----------------------------------------------------------------


def qr_code(url: str) -> segno.QRCode:
    """The QR code (level Q, never Micro QR) of ``url``.

    Raises ``ValueError`` when the text does not fit in a QR code (segno's
    ``DataOverflowError`` is one).
    """
    return segno.make_qr(url, error=ERROR_LEVEL, boost_error=False)


def qr_svg(url: str) -> str:
    """A standalone SVG document (UTF-8 text with an XML declaration) of ``url``'s code.

    Black modules on a white background including the quiet zone, ``SVG_SCALE``
    user units per module, the URL as its ``<title>``. Raises ``ValueError``
    like :func:`qr_code`.
    """
    out = io.BytesIO()
    qr_code(url).save(
        out, kind="svg", scale=SVG_SCALE, border=BORDER, light="#fff", title=url, nl=True
    )
    return out.getvalue().decode("utf-8")


def qr_svg_inline(url: str, label: str) -> Markup:
    """An ``<svg>`` element of ``url``'s code for an HTML page, sized by CSS (viewBox only).

    ``label`` is its accessible name (``role="img"``, ``aria-label``), escaped here.
    Raises ``ValueError`` like :func:`qr_code`.
    """
    svg = qr_code(url).svg_inline(
        scale=SVG_SCALE, border=BORDER, light="#fff", omitsize=True, svgclass="pe-qr-svg"
    )
    attributes = str(Markup(' role="img" aria-label="{}"').format(label))
    # segno's markup has no text of ours but the label, escaped above
    return Markup(svg.replace("<svg", "<svg" + attributes, 1))


def qr_png(url: str) -> bytes:
    """PNG bytes of ``url``'s code: 1-bit greyscale, ``PNG_SCALE`` px per module at
    ``PNG_DPI`` dpi, quiet zone included. Raises ``ValueError`` like :func:`qr_code`.
    """
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=PNG_SCALE, border=BORDER, dpi=PNG_DPI)
    return out.getvalue()


# --- canonical URLs -----------------------------------------------------------


def canonical_url(path: str, query: str = "", lang: str | None = None) -> str:
    """The absolute URL of a page of this site, in ``lang`` (default: the current language).

    ``path``: the page's path without language prefix, starting with ``/``
    (``/scholarship/beca-18``). ``query``: a query string without ``?``; it is
    normalised by :func:`canonical_query`. The default language has no prefix
    (``https://datos.example/scholarship/``), another one has ``/<lang>``.
    """
    lang = lang or current_language()
    default = tk.config.get("ckan.locale_default") or "en"
    prefix = "" if lang == default else f"/{lang}"
    url = tk.config.get("ckan.site_url", "").rstrip("/") + prefix + path
    query = canonical_query(query)
    return f"{url}?{query}" if query else url


def canonical_query(query: str) -> str:
    """A search's query string as its poster should keep it: every value of every
    key in its order, without empty values or the page number (a poster points at
    the search, not at its third page)."""
    pairs = parse_qsl(query, keep_blank_values=False)
    return urlencode([(k, v) for k, v in pairs if k != "page"])


def dataset_path(pkg: dict[str, Any]) -> str:
    """The path of a dataset's page, by name (``/hta-report/<name>``)."""
    return f"/{pkg['type']}/{pkg['name']}"


def search_page(raw: Any) -> tuple[str, str, str]:
    """``(path, query, dataset_type)`` of a search page of this site named by ``raw``.

    ``raw``: a site path with an optional query string (``/scholarship/?q=beca``),
    without language prefix. Raises ``ValueError`` for anything else: a URL of
    another site (``//host/``, ``https://...``), a path longer than
    ``MAX_PATH_LENGTH``, or a path that is not a dataset search page here.
    """
    if not isinstance(raw, str) or not raw.startswith("/") or raw.startswith("//"):
        raise ValueError("not a path of this site")
    if len(raw) > MAX_PATH_LENGTH:
        raise ValueError("path too long")
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or parts.fragment or _CONTROL.search(parts.path):
        raise ValueError("not a path of this site")
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(parts.path, method="GET")
    except RequestRedirect as redirect:  # a route with strict slashes
        endpoint, _args = adapter.match(urlsplit(redirect.new_url).path, method="GET")
    except HTTPException as error:
        raise ValueError("not a page of this site") from error
    blueprint_name, _, view = str(endpoint).rpartition(".")
    if view != "search" or blueprint_name not in {"dataset", *registered_dataset_types()}:
        raise ValueError("not a search page")
    # the route's own spelling: "/hta-report" and "/hta-report/" are one page
    path = adapter.build(endpoint, _args)
    return path, canonical_query(parts.query), blueprint_name


# --- template globals ---------------------------------------------------------


@blueprint.app_template_global("pe_catalog_qr_dataset")
def template_dataset_qr(pkg: dict[str, Any]) -> dict[str, str]:
    """For a dataset page: ``{"url", "svg", "png", "filename"}`` (canonical URL,
    the two image links in the current language, a download file name without extension)."""
    args = {"dataset_type": pkg["type"], "id": pkg["name"]}
    return {
        "url": canonical_url(dataset_path(pkg)),
        "svg": tk.url_for("pe_catalog_qr.dataset_qr", ext="svg", **args),
        "png": tk.url_for("pe_catalog_qr.dataset_qr", ext="png", **args),
        "filename": f"qr-{pkg['name']}",
    }


@blueprint.app_template_global("pe_catalog_qr_search")
def template_search_qr() -> dict[str, str] | None:
    """For the current search page: as :func:`template_dataset_qr`, or None when
    the search's URL is too long for a code."""
    raw = request.full_path.rstrip("?")
    try:
        path, query, dataset_type = search_page(raw)
    except ValueError:
        return None
    page = f"{path}?{query}" if query else path
    return {
        "url": canonical_url(path, query),
        "svg": tk.url_for("pe_catalog_qr.page_qr", ext="svg", path=page),
        "png": tk.url_for("pe_catalog_qr.page_qr", ext="png", path=page),
        "filename": f"qr-{dataset_type}-search",
    }


# --- endpoints ----------------------------------------------------------------


@blueprint.route("/<dataset_type>/<id>/qr.<any(svg, png):ext>")
def dataset_qr(dataset_type: str, id: str, ext: str) -> Response:
    """The QR code of a dataset page; 404 when missing, unreadable or of another type."""
    pkg = access.visible_dataset(id, dataset_type)
    public = not pkg.get("private") and pkg.get("state") == "active"
    url = canonical_url(dataset_path(pkg))
    return _image(url, ext, f"qr-{pkg['name']}", public=public)


@blueprint.route("/qr.<any(svg, png):ext>")
def page_qr(ext: str) -> Response:
    """The QR code of a search page of this site (``?path=``); 400 for any other path."""
    try:
        path, query, dataset_type = search_page(request.args.get("path"))
        url = canonical_url(path, query)
        return _image(url, ext, f"qr-{dataset_type}-search", public=True)
    except ValueError:
        return tk.abort(400, tk._("Only search pages of this site have a QR code here."))


def _image(url: str, ext: str, filename: str, public: bool) -> Response:
    """The code as a response, cacheable by anyone only for a public page.

    CKAN's after-request handler sets ``Cache-Control`` last: public with
    ``max-age=ckan.cache_expires`` unless ``__no_cache__`` is set, so a code of
    a private or draft dataset sets it (and ``no-store``). The ETag lets a
    browser revalidate a code it has for free.
    """
    if ext == "svg":
        body: bytes = qr_svg(url).encode("utf-8")
        mimetype = "image/svg+xml"
    else:
        body = qr_png(url)
        mimetype = "image/png"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}.{ext}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    # an SVG opened on its own is a document of this origin: it may run nothing
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    if public:
        response.set_etag(hashlib.sha256(body).hexdigest()[:32])
        response.make_conditional(request)
    else:
        request.environ["__no_cache__"] = True
        response.cache_control.no_store = True
    return response
