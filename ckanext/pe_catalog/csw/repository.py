"""The CSW's repository, written through pycsw's own CSW-T (Transaction) interface.

pycsw runs in its own virtualenv and process (``scripts/pycsw.sh``: pycsw 2.6
needs SQLAlchemy 1.x, CKAN 2.12 runs 2.x). Records reach its repository the
way any CSW-T client sends them: an ISO 19139 record in a ``csw:Insert`` or
``csw:Update``, a ``csw:Delete`` by identifier; pycsw parses and indexes
them itself (the same parser as its ``load_records``). Transactions go to
the server's manager path, which needs the token of
``ckanext.pe_catalog.csw.manager_token_file``; the public ``/csw`` refuses them.

Raises :class:`CswError` when pycsw does not answer or reports an exception.
"""

from __future__ import annotations

import functools
from pathlib import Path

import ckan.plugins.toolkit as tk
import lxml.etree as etree
import requests

CSW = "http://www.opengis.net/cat/csw/2.0.2"
OGC = "http://www.opengis.net/ogc"
OWS = "http://www.opengis.net/ows"
TOKEN_HEADER = "X-CSW-Manager-Token"
TIMEOUT = 30  # seconds; pycsw answers a one-record transaction in milliseconds


class CswError(Exception):
    """pycsw could not be reached or refused a transaction."""


def configured() -> bool:
    """Whether the portal publishes a CSW (``ckanext.pe_catalog.csw.url`` set)."""
    return bool(tk.config.get("ckanext.pe_catalog.csw.url"))


def base_url() -> str:
    return str(tk.config.get("ckanext.pe_catalog.csw.url") or "").rstrip("/")


@functools.cache
def _token(path: str) -> str:
    return Path(path).read_text().strip()


def _transaction(action: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<csw:Transaction xmlns:csw="{CSW}" xmlns:ogc="{OGC}" service="CSW" version="2.0.2">'
        f"{action}</csw:Transaction>"
    ).encode()


def _send(body: bytes) -> etree._Element:
    token_file = str(tk.config.get("ckanext.pe_catalog.csw.manager_token_file") or "")
    try:
        response = requests.post(
            f"{base_url()}/manager",
            data=body,
            headers={"Content-Type": "application/xml", TOKEN_HEADER: _token(token_file)},
            timeout=TIMEOUT,
        )
        root = etree.fromstring(response.content)
    except (OSError, requests.RequestException, etree.XMLSyntaxError) as error:
        raise CswError(f"pycsw at {base_url()} did not answer: {error}") from error
    if root.tag == f"{{{OWS}}}ExceptionReport":
        texts = root.itertext()
        raise CswError(" ".join(t.strip() for t in texts if t.strip()))
    return root


def _total(root: etree._Element, name: str) -> int:
    found = root.find(f"{{{CSW}}}TransactionSummary/{{{CSW}}}{name}")
    return int(found.text or 0) if found is not None else 0


def _record_body(record_xml: str) -> str:
    # the record's own XML declaration cannot sit inside the transaction
    root = etree.fromstring(record_xml.encode("utf-8"))
    return etree.tostring(root, encoding="unicode")


def upsert(record_xml: str) -> None:
    """Store the record, replacing the one with the same identifier.

    A removal, then an insertion, in two transactions: pycsw 2.6's Update
    replaces the XML but keeps the search fields (topic, keywords, temporal
    extent...) that the new record leaves out, its Insert refuses an existing
    identifier, and it runs a transaction's Inserts before its Deletes.
    """
    record = _record_body(record_xml)
    identifier = etree.fromstring(record.encode("utf-8")).findtext(
        "{http://www.isotc211.org/2005/gmd}fileIdentifier/{http://www.isotc211.org/2005/gco}CharacterString"
    )
    if identifier:
        delete(identifier)
    if not _total(_send(_transaction(f"<csw:Insert>{record}</csw:Insert>")), "totalInserted"):
        raise CswError("pycsw inserted nothing")


def delete(identifier: str) -> int:
    """Remove the record ``identifier`` (a dataset id); the number removed (0 or 1)."""
    literal = etree.Element(f"{{{OGC}}}Literal")
    literal.text = identifier
    constraint = (
        '<csw:Constraint version="1.1.0"><ogc:Filter><ogc:PropertyIsEqualTo>'
        "<ogc:PropertyName>apiso:Identifier</ogc:PropertyName>"
        f"{etree.tostring(literal, encoding='unicode')}"
        "</ogc:PropertyIsEqualTo></ogc:Filter></csw:Constraint>"
    )
    return _total(
        _send(_transaction(f'<csw:Delete typeName="gmd:MD_Metadata">{constraint}</csw:Delete>')),
        "totalDeleted",
    )
