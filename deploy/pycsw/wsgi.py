"""The suite's WSGI entry for pycsw 2.6.2: one server, a public and a manager path.

Served by gunicorn from ``.venv-pycsw`` (scripts/pycsw.sh), as ``wsgi:application``
with ``deploy/pycsw`` on the Python path.

Why not ``pycsw.wsgi``: pycsw 2.x's own entry takes the path of the configuration
file from any query-string pair that contains "config" (``?config=/some/file``),
so any client could make the server load a configuration of its choosing (one
with transactions on, another database, another log file). Here the process
environment alone names the two configurations, and the request picks between
them by path and secret, never by a parameter:

* ``/csw``: the public catalogue (``PE_CSW_PUBLIC_CFG``, transactions off); the
  portal proxies its own ``/csw`` here;
* ``/manager`` with header ``X-CSW-Manager-Token`` equal to the token in
  ``PE_CSW_TOKEN_FILE``: the manager configuration (``PE_CSW_MANAGER_CFG``,
  CSW-T Transaction and Harvest on), which CKAN's job worker posts to;
  ``/manager`` without the right token is served the public configuration, so a
  Transaction there is refused by pycsw like on ``/csw``;
* any other path: 404.

Both configurations point at the same repository; pycsw's own check of
``[manager] allowed_ips`` still applies behind the token (on the peer address:
the X-Forwarded-For header, which pycsw would believe, is dropped on ``/manager``).

Besides, requests that name a ``ResponseHandler`` are refused: pycsw would run the
query in a thread and send its results by FTP or e-mail to whatever address the
request gives. Responses are not gzipped here (pycsw.wsgi's optional gzip): the
portal's proxy and nginx in front compress. The token is read once, when a worker
starts: a new token needs a restart (scripts/pycsw.sh down, up).
"""

from __future__ import annotations

import hmac
import io
import logging
import os
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

# pycsw 2.6.2 on today's libraries warns on import (pkg_resources in pycsw/__init__.py,
# shapely.errors.ReadingError in pycsw/core/repository.py), and OWSLib 0.28 on every
# ISO record it parses for pycsw (the attributes it will rename in 0.29): noise in the log
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
warnings.filterwarnings("ignore", message="ReadingError is deprecated", category=FutureWarning)
warnings.filterwarnings("ignore", category=FutureWarning, module=r"owslib\.")

import lxml.etree as etree  # noqa: E402  (pyright resolves the compiled module in this form only)
from pycsw.core import config as pycsw_config  # noqa: E402
from pycsw.core.etree import PARSER  # noqa: E402  (the parser pycsw reads requests with)
from pycsw.server import Csw  # noqa: E402

LOGGER = logging.getLogger(__name__)

PUBLIC_PATH = "/csw"
MANAGER_PATH = "/manager"
TOKEN_HEADER = "HTTP_X_CSW_MANAGER_TOKEN"  # X-CSW-Manager-Token, as WSGI names it
MIN_TOKEN_LENGTH = 32
# a request body larger than this is refused (413): a CSW request, or a
# Transaction of ISO 19139 records, is far smaller
MAX_BODY = int(os.environ.get("PE_CSW_MAX_BODY", str(16 * 1024 * 1024)))

DEFAULT_CONTENT_TYPE = "application/xml; charset=UTF-8"

StartResponse = Callable[..., Any]


class _StaticContext(pycsw_config.StaticContext):
    """pycsw's context, knowing Spanish: pycsw 2.6.2 knows only en, fr and el, and
    logs an error with its traceback on every request for ``language = es-PE``."""

    def __init__(self, prefix: str = "csw30") -> None:
        super().__init__(prefix)
        self.languages.setdefault("es", "spanish")


pycsw_config.StaticContext = _StaticContext  # pycsw.server builds config.StaticContext()


def _setting(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise RuntimeError(f"{name} is not set: start pycsw with scripts/pycsw.sh")
    return value


def _config_file(name: str) -> str:
    path = Path(_setting(name))
    if not path.is_file():
        raise RuntimeError(f"{name}={path} does not exist: run deploy/pycsw/configure.py")
    return str(path)


def _read_token(name: str) -> bytes:
    token = Path(_setting(name)).read_text(encoding="utf-8").strip()
    if len(token) < MIN_TOKEN_LENGTH:
        raise RuntimeError(f"the manager token in ${name} is shorter than {MIN_TOKEN_LENGTH}")
    return token.encode()


PUBLIC_CFG = _config_file("PE_CSW_PUBLIC_CFG")
MANAGER_CFG = _config_file("PE_CSW_MANAGER_CFG")
MANAGER_TOKEN = _read_token("PE_CSW_TOKEN_FILE")


def is_manager(environ: dict[str, Any]) -> bool:
    """A request to the manager path with the right token (compared in constant time)."""
    if environ.get("PATH_INFO") != MANAGER_PATH:
        return False
    given = environ.get(TOKEN_HEADER, "")
    return bool(given) and hmac.compare_digest(given.encode("latin-1"), MANAGER_TOKEN)


def content_type(value: str) -> str:
    """pycsw's Content-Type if it is XML or JSON, else XML: pycsw 2.6.2 answers with
    whatever ``outputFormat`` the request names (text/html, say), even in the
    exception report that rejects it."""
    media = value.split(";")[0].strip().lower()
    xml_or_json = media in ("application/xml", "text/xml", "application/json") or (
        media.startswith("application/") and media.endswith("+xml")
    )
    return value if xml_or_json else DEFAULT_CONTENT_TYPE


def _plain(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    body = f"{text}\n".encode()
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]


def _exception(start_response: StartResponse, status: str, code: str, text: str) -> list[bytes]:
    """An OWS exception report (OGC 06-121r3 §8), which CSW clients read."""
    report = etree.Element("{http://www.opengis.net/ows}ExceptionReport", version="1.2.0")
    exception = etree.SubElement(
        report, "{http://www.opengis.net/ows}Exception", exceptionCode=code
    )
    etree.SubElement(exception, "{http://www.opengis.net/ows}ExceptionText").text = text
    body = etree.tostring(report, xml_declaration=True, encoding="UTF-8")
    start_response(
        status, [("Content-Type", DEFAULT_CONTENT_TYPE), ("Content-Length", str(len(body)))]
    )
    return [body]


def _body(environ: dict[str, Any]) -> bytes | None:
    """The request body (None if larger than MAX_BODY)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return None
    return environ["wsgi.input"].read(length) if length > 0 else b""


def _names_response_handler(query: str, body: bytes) -> bool:
    """A ``responsehandler`` parameter (pycsw lowercases the names) or a
    ``ResponseHandler`` element anywhere in the body (a SOAP envelope too), found by
    parsing it as pycsw will (any encoding; a body lxml cannot parse, pycsw rejects)."""
    keys = {key.lower() for key, _ in parse_qsl(query, keep_blank_values=True)}
    if "responsehandler" in keys:
        return True
    if not body.strip():
        return False
    try:
        document = etree.fromstring(body, PARSER)
    except etree.XMLSyntaxError:
        return False
    return next(document.iter("{*}ResponseHandler"), None) is not None


def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """WSGI entry: route by path, pick the configuration, let pycsw answer."""
    path = environ.get("PATH_INFO", "")
    if path not in (PUBLIC_PATH, MANAGER_PATH):
        return _plain(start_response, "404 Not Found", "Not Found")
    method = environ.get("REQUEST_METHOD", "GET")
    if method not in ("GET", "HEAD", "POST"):
        return _plain(start_response, "405 Method Not Allowed", "Method Not Allowed")
    body = _body(environ) if method == "POST" else b""
    if body is None:
        return _plain(start_response, "413 Content Too Large", "Request body too large")
    if _names_response_handler(environ.get("QUERY_STRING", ""), body):
        return _exception(
            start_response,
            "400 Bad Request",
            "InvalidParameterValue",
            "ResponseHandler is not supported",
        )

    manager = is_manager(environ)
    env = dict(environ)
    env.pop(TOKEN_HEADER, None)  # pycsw logs the environ at DEBUG level
    if manager:
        env.pop("HTTP_X_FORWARDED_FOR", None)
    env["wsgi.input"] = io.BytesIO(body)
    env["CONTENT_LENGTH"] = str(len(body))

    csw = Csw(MANAGER_CFG if manager else PUBLIC_CFG, env)
    try:
        status, contents = csw.dispatch_wsgi()
    except Exception as error:  # pycsw 2.6.2 fails on some values
        # (maxrecords=abc in its SRU and OpenSearch modes, the DIF and INTERLIS
        # output schemas): the client gets an exception report, the log the error
        LOGGER.exception("pycsw failed on %s?%s", path, environ.get("QUERY_STRING", ""))
        return _exception(
            start_response,
            "400 Bad Request",
            "NoApplicableCode",
            f"The request could not be answered ({type(error).__name__})",
        )
    headers = [
        ("Content-Type", content_type(str(csw.contenttype))),
        ("Content-Length", str(len(contents))),
        ("X-Content-Type-Options", "nosniff"),
    ]
    start_response(status, headers)
    return [contents]
