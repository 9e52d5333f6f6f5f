"""Catalog pages (``/catalog.ttl?page=N``...) kept in Redis while their datasets stay the same.

Harvesters read the same pages again and again; building one page of 100
datasets and serialising its graph costs about half a second of CPU. A page's
bytes are a function of what the search returned for it (the datasets as Solr
stores them, ``validated_data_dict``), its paging, the format and profiles, and
the code and settings. The key hashes all of these, so any change to a dataset
on the page (an edit, a privacy change, a deletion, a reindex after its
organization changed) or to the paging gives a new key: a cached page is never
stale, it is only no longer asked for. Entries expire after :data:`TTL`.

Only plain pages are kept (``page``, format, ``profiles``); a page filtered by
``q``, ``fq`` or ``modified_since`` is built every time, so the number of keys
stays bounded by the catalog's pages.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis  # not in toolkit

from ckanext.pe_catalog.language import current_language

log = logging.getLogger(__name__)

TTL = 3600  # seconds
PREFIX = "pe_catalog:catalog_page:"
_CODE = "|".join(version(d) for d in ("ckanext-pe-catalog", "ckanext-dcat", "rdflib", "ckan"))


def _settings_digest() -> str:
    """The running configuration (site URL, publisher...), hashed (about 0.2 ms):
    a page built under other settings is another page."""
    items = sorted((str(k), str(v)) for k, v in tk.config.items())
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()


def key(results: list[dict[str, Any]], paging: dict[str, Any], fmt: str, profiles: Any) -> str:
    digest = hashlib.sha256(_CODE.encode())
    context = [_settings_digest(), current_language(), fmt, profiles, paging]
    digest.update(json.dumps(context, sort_keys=True, default=str).encode())
    for dataset in results:
        digest.update(json.dumps(dataset, sort_keys=True, default=str).encode())
    return PREFIX + digest.hexdigest()


def cached(page_key: str, build: Callable[[], str | bytes]) -> str | bytes:
    """The page under ``page_key``, built and kept when missing. Redis errors
    only cost the cache: the page is then built as if missing."""
    try:
        redis = connect_to_redis()
        found = redis.get(page_key)
    except Exception as error:  # a cache that cannot answer is no cache
        log.warning("catalog page cache unavailable: %r", error)
        return build()
    if found is not None:
        return found
    body = build()
    try:
        redis.set(page_key, body, ex=TTL)
    except Exception as error:
        log.warning("catalog page cache unavailable: %r", error)
    return body
