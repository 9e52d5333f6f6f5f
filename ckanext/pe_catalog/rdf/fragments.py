"""Catalog pages assembled from per-dataset RDF fragments kept in Redis.

A catalog page (``/catalog.ttl?page=N`` and the other formats) is the catalog's
own triples, its Hydra paging, one ``dcat:dataset`` link per dataset, and each
dataset's description. Building and serialising one dataset's description with
rdflib costs about 5 ms, so a page of 100 cost about half a second. Here each
dataset's description is serialised once per version, in the page's format,
and kept in Redis; a page serialises only its head (catalog, paging, links)
and joins the kept texts, without parsing or re-serialising them.

**Keys.** One Redis hash per dataset, ``pe_catalog:rdf:<dataset id>``. Its
fields are versions: a digest of the dataset as the search returned it (Solr's
``validated_data_dict``, so a new ``metadata_modified``, a privacy change or a
reindex after its organization changed is a new field), the format, the
profiles, the language, the running settings and the code versions. A kept
fragment is therefore never stale. The hash is dropped whenever the dataset is
indexed or deleted (:func:`drop`, from the plugin's ``before_dataset_index``
and ``after_dataset_delete``), and expires after :data:`TTL` unused.

**Joining texts** is exact RDF because every format here has a document-level
way to merge descriptions:

- Turtle and N3: documents may repeat ``@prefix``; a fragment's prefixes are
  written again only where they differ from the ones in force. Blank nodes are
  labelled with rdflib's random ``N<uuid>`` ids, so fragments never share one.
- JSON-LD (rdflib's expanded form, a list of node objects): the lists are joined.
- RDF/XML: the namespace declarations move to the root element; when two parts
  bind one prefix to different namespaces the page is built whole instead.

**Plain pages** (no ``q``, ``fq`` or ``modified_since``: their number is
bounded by the catalog's) are also kept joined for an hour, under a digest of
their parts' versions, their paging and the catalog's ``dct:modified``: a
harvester reading them again costs the search and one Redis read. A change to
any public dataset changes ``dct:modified``, so no kept page outlives it.

Privacy is the search's: only the public, active datasets the page's search
returned are ever looked up, so a private, draft or deleted dataset's fragment,
even if kept, is never part of a page.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any
from xml.sax.saxutils import quoteattr

import ckan.plugins.toolkit as tk
import orjson
from ckan.lib.redis import connect_to_redis  # not in toolkit
from ckanext.dcat.processors import RDFSerializer
from ckanext.dcat.utils import catalog_uri, url_to_rdflib_format
from rdflib import URIRef
from rdflib.namespace import DCAT, RDF

from ckanext.pe_catalog.language import current_language
from ckanext.pe_catalog.rdf.profiles import catalog_modified

log = logging.getLogger(__name__)

TTL = 24 * 3600  # seconds a dataset's fragments stay kept unused
PREFIX = "pe_catalog:rdf:"
# joined plain pages (no q, fq or modified_since), kept an hour: a harvester
# reads the same pages again and again
PAGE_PREFIX = "pe_catalog:catalog_page:"
PAGE_TTL = 3600
_CODE = "|".join(version(d) for d in ("ckanext-pe-catalog", "ckanext-dcat", "rdflib", "ckan"))

_TURTLE_PREFIX = re.compile(r"@prefix ([^:\s]*): <([^>]*)> \.\n")
_XML_ROOT = re.compile(r"<rdf:RDF((?:\s+xmlns(?::[\w.-]+)?=\"[^\"]*\")*)\s*(/?)>")
_XML_NAMESPACE = re.compile(r"xmlns(?::([\w.-]+))?=\"([^\"]*)\"")
_XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


class NamespaceClash(Exception):
    """Two parts of an RDF/XML page bind one prefix to different namespaces."""


@dataclass(frozen=True)
class Part:
    """One serialised graph, split for joining.

    ``prefixes``: (prefix, namespace) pairs as the document declares them
    (namespaces as written, i.e. XML-escaped in RDF/XML); ``body``: the rest,
    without the document's opening and closing.
    """

    prefixes: tuple[tuple[str, str], ...]
    body: str


def split(rdflib_format: str, text: str) -> Part:
    """A document rdflib serialised in ``rdflib_format``, as a :class:`Part`.

    ValueError when the text is not shaped as rdflib writes that format.
    """
    if rdflib_format in ("turtle", "n3"):
        prefixes = []
        position = 0
        while match := _TURTLE_PREFIX.match(text, position):
            prefixes.append((match.group(1), match.group(2)))
            position = match.end()
        return Part(tuple(prefixes), text[position:].strip("\n"))
    if rdflib_format == "json-ld":
        nodes = text.strip()
        if not (nodes.startswith("[") and nodes.endswith("]")):
            raise ValueError("expected a JSON-LD list of node objects")
        return Part((), nodes[1:-1].strip())
    if rdflib_format == "pretty-xml":
        root = _XML_ROOT.search(text)
        if root is None:
            raise ValueError("expected an rdf:RDF root element")
        prefixes = tuple((p or "", ns) for p, ns in _XML_NAMESPACE.findall(root.group(1)))
        if root.group(2):  # <rdf:RDF .../>: an empty graph
            return Part(prefixes, "")
        end = text.rindex("</rdf:RDF>")
        return Part(prefixes, text[root.end() : end].strip("\n"))
    raise ValueError(f"no joining rule for {rdflib_format}")


def join(rdflib_format: str, parts: Sequence[Part]) -> str:
    """One document of every part's triples (their RDF graphs' union).

    NamespaceClash for RDF/XML parts that bind a prefix differently.
    """
    if rdflib_format in ("turtle", "n3"):
        in_force: dict[str, str] = {}
        out: list[str] = []
        for part in parts:
            declared = [
                f"@prefix {p}: <{ns}> .\n" for p, ns in part.prefixes if in_force.get(p) != ns
            ]
            in_force.update(part.prefixes)
            if declared:
                out.append("".join(declared) + "\n")
            if part.body:
                out.append(part.body + "\n\n")
        return "".join(out)
    if rdflib_format == "json-ld":
        return "[\n  " + ",\n  ".join(p.body for p in parts if p.body) + "\n]"
    if rdflib_format == "pretty-xml":
        namespaces: dict[str, str] = {}
        for part in parts:
            for prefix, namespace in part.prefixes:
                if namespaces.setdefault(prefix, namespace) != namespace:
                    raise NamespaceClash(prefix)
        declarations = "".join(
            f'\n  xmlns{":" + p if p else ""}="{ns}"' for p, ns in namespaces.items()
        )
        bodies = "\n".join(p.body for p in parts if p.body)
        return f"{_XML_DECLARATION}<rdf:RDF{declarations}\n>\n{bodies}\n</rdf:RDF>\n"
    raise ValueError(f"no joining rule for {rdflib_format}")


def _settings_digest() -> str:
    """The running configuration (site URL, publisher...), hashed (about 0.2 ms):
    a fragment built under other settings is another fragment."""
    items = sorted((str(k), str(v)) for k, v in tk.config.items())
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()


def _variant(rdflib_format: str, profiles: Any, settings: str) -> bytes:
    """What a page's fragments share besides the datasets: code, settings,
    language, format and profiles."""
    context = f"{_CODE}|{settings}|{current_language()}|{rdflib_format}|{json.dumps(profiles)}"
    return hashlib.sha256(context.encode()).digest()


def _version_field(dataset: dict[str, Any], variant: bytes) -> str:
    """The dataset's version as the page received it (after the reader's
    redaction of references, so a related dataset turned private is a new
    version too), within ``variant``."""
    content = orjson.dumps(
        dataset, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str
    )
    return hashlib.sha256(variant + content).hexdigest()


def _fresh_graph(serializer: RDFSerializer) -> None:
    serializer.g = type(serializer.g)()


@dataclass(frozen=True)
class Fragment:
    """A dataset's description in one format: its node (``ref``) and its text."""

    ref: str
    part: Part

    def encode(self) -> bytes:
        # one JSON line (newlines escaped) for the node and prefixes, then the
        # text as written; zlib's fastest level keeps a fifth to a third of
        # the bytes (Redis memory and transfer) for about 10 µs per read
        head = json.dumps([self.ref, self.part.prefixes])
        return zlib.compress(f"{head}\n{self.part.body}".encode(), 1)

    @classmethod
    def decode(cls, kept: bytes) -> Fragment:
        """ValueError (zlib.error, UnicodeDecodeError included) when unreadable."""
        head, body = zlib.decompress(kept).decode().split("\n", 1)
        ref, prefixes = json.loads(head)
        return cls(ref, Part(tuple((p, ns) for p, ns in prefixes), body))


def _dataset_fragment(
    serializer: RDFSerializer, dataset: dict[str, Any], rdflib_format: str
) -> Fragment:
    _fresh_graph(serializer)
    ref = serializer.graph_from_dataset(dataset)
    # JSON-LD on one line: a third of the indented text to keep and send
    options = {"indent": None} if rdflib_format == "json-ld" else {}
    text = serializer.g.serialize(format=rdflib_format, **options)
    return Fragment(str(ref), split(rdflib_format, text))


def _links(rdflib_format: str, catalog: str, refs: list[str]) -> Part:
    """The catalog's ``dcat:dataset`` links, written directly (rdflib took about
    10 ms to serialise 100 of them, most of a kept page's time)."""
    if not refs:
        return Part((), "")
    if rdflib_format in ("turtle", "n3"):
        objects = ",\n        ".join(URIRef(r).n3() for r in refs)
        return Part((), f"{URIRef(catalog).n3()} <{DCAT.dataset}> {objects} .")
    if rdflib_format == "json-ld":
        node = {"@id": catalog, str(DCAT.dataset): [{"@id": r} for r in refs]}
        return Part((), json.dumps(node, ensure_ascii=False, indent=2))
    if rdflib_format == "pretty-xml":
        links = "".join(f"\n    <dcat:dataset rdf:resource={quoteattr(r)}/>" for r in refs)
        return Part(
            (("rdf", str(RDF)), ("dcat", str(DCAT))),
            f"  <rdf:Description rdf:about={quoteattr(catalog)}>{links}\n  </rdf:Description>",
        )
    raise ValueError(f"no joining rule for {rdflib_format}")


def _head(serializer: RDFSerializer, fmt: str, paging: dict[str, Any]) -> Part:
    """The catalog's own triples and its paging, as ckanext-dcat writes them."""
    _fresh_graph(serializer)
    text = serializer.serialize_catalog({}, None, _format=fmt, pagination_info=paging)
    return split(url_to_rdflib_format(fmt), text.decode() if isinstance(text, bytes) else text)


_serializers = threading.local()


def _serializer(profiles: Any) -> RDFSerializer:
    """A serializer of ``profiles``, kept per thread: loading its profiles reads
    every installed entry point (about 10 ms). Its graph is renewed per use."""
    kept = _serializers.__dict__.setdefault("by_profiles", {})
    key = json.dumps(profiles)
    if key not in kept:
        kept[key] = RDFSerializer(profiles=profiles)
    return kept[key]


def whole_page(
    datasets: list[dict[str, Any]], fmt: str, profiles: Any, paging: dict[str, Any]
) -> str:
    """The page as ckanext-dcat builds it: one graph, serialised at once."""
    serialized = RDFSerializer(profiles=profiles).serialize_catalog(
        {}, datasets, _format=fmt, pagination_info=paging
    )
    return serialized.decode() if isinstance(serialized, bytes) else serialized


def page(
    datasets: list[dict[str, Any]],
    fmt: str,
    profiles: Any,
    paging: dict[str, Any],
    keep: bool = False,
) -> bytes:
    """The catalog page (UTF-8) of ``datasets`` (package_search results, public and
    active) in endpoint format ``fmt`` (``ttl``, ``jsonld``, ``xml``...), with
    the Hydra ``paging`` ckanext-dcat takes: an RDF graph isomorphic to
    :func:`whole_page`'s. With ``keep`` (the plain pages, whose number is
    bounded), the joined page is kept too, under its parts' versions and the
    catalog's ``dct:modified``. Redis errors only cost the cache."""
    rdflib_format = url_to_rdflib_format(fmt)
    if tk.asbool(tk.config.get("ckanext.dcat.expose_subcatalogs")):
        # source catalogs are shared between datasets of one page: build it whole
        return whole_page(datasets, fmt, profiles, paging).encode()
    variant = _variant(rdflib_format, profiles, _settings_digest())
    fields = [_version_field(d, variant) for d in datasets]
    page_key = None
    if keep:
        digest = hashlib.sha256(variant)
        digest.update(json.dumps([paging, catalog_modified(), fields]).encode())
        page_key = PAGE_PREFIX + digest.hexdigest()
        kept = _get(page_key)
        if kept is not None:
            return kept
    body = _joined(datasets, fmt, profiles, paging, fields).encode()
    if page_key:
        _set(page_key, body)
    return body


def _joined(
    datasets: list[dict[str, Any]],
    fmt: str,
    profiles: Any,
    paging: dict[str, Any],
    fields: list[str],
) -> str:
    """The page joined from the datasets' fragments, built and kept where missing."""
    rdflib_format = url_to_rdflib_format(fmt)
    keys = [PREFIX + d["id"] for d in datasets]
    fragments = _read(keys, fields)
    serializer = _serializer(profiles)
    built: dict[str, tuple[str, Fragment]] = {}
    for index, found in enumerate(fragments):
        if found is None:
            fragment = _dataset_fragment(serializer, datasets[index], rdflib_format)
            fragments[index] = fragment
            built[keys[index]] = (fields[index], fragment)
    if built:
        _write(built)
    found = [f for f in fragments if f is not None]
    parts = [
        _head(serializer, fmt, paging),
        _links(rdflib_format, catalog_uri(), [f.ref for f in found]),
        *(f.part for f in found),
    ]
    try:
        return join(rdflib_format, parts)
    except NamespaceClash as clash:
        log.info("catalog page built whole: prefix %s bound twice", clash)
        return whole_page(datasets, fmt, profiles, paging)


def _get(page_key: str) -> bytes | None:
    try:
        kept = connect_to_redis().get(page_key)
        return zlib.decompress(kept) if isinstance(kept, bytes) else None
    except Exception as error:  # unreadable or unanswered: built again
        log.warning("catalog page cache unavailable: %r", error)
        return None


def _set(page_key: str, body: bytes) -> None:
    try:
        connect_to_redis().set(page_key, zlib.compress(body, 1), ex=PAGE_TTL)
    except Exception as error:
        log.warning("catalog page cache unavailable: %r", error)


def _read(keys: list[str], fields: list[str]) -> list[Fragment | None]:
    if not keys:
        return []
    try:
        pipe = connect_to_redis().pipeline(transaction=False)
        for key, field in zip(keys, fields, strict=True):
            pipe.hget(key, field)
        found = pipe.execute()
    except Exception as error:  # a cache that cannot answer is no cache
        log.warning("catalog fragment cache unavailable: %r", error)
        return [None] * len(keys)
    return [_decoded(f) for f in found]


def _decoded(kept: bytes | None) -> Fragment | None:
    """A kept fragment, or None when missing or unreadable (written by other code)."""
    if kept is None:
        return None
    try:
        return Fragment.decode(kept)
    except (ValueError, TypeError, zlib.error):
        return None


def _write(entries: dict[str, tuple[str, Fragment]]) -> None:
    try:
        pipe = connect_to_redis().pipeline(transaction=False)
        for key, (field, fragment) in entries.items():
            pipe.hset(key, field, fragment.encode())
            pipe.expire(key, TTL)
        pipe.execute()
    except Exception as error:
        log.warning("catalog fragment cache unavailable: %r", error)


def drop(dataset_id: str) -> None:
    """Forget every kept fragment of a dataset (it is being indexed or deleted)."""
    try:
        connect_to_redis().delete(PREFIX + dataset_id)
    except Exception as error:
        log.warning("catalog fragment cache unavailable: %r", error)
