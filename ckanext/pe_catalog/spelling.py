"""Spelling suggestions ("¿Quisiste decir «becas»?") for free-text searches.

When a free-text ``package_search`` finds nothing, Solr's spellcheck component
(``solr/solrconfig.xml``: the catalog's own words, field ``spell``) is asked
for corrected queries. A correction is
offered only if the same search, by the same user with the same filters, run
through ``package_search`` itself, finds more datasets: so a word only a
private, draft or filtered-out dataset holds is never suggested to whom cannot
see it. The chained ``package_search`` (:mod:`ckanext.pe_catalog.logic.guard`)
adds it to the response as ``spelling_suggestion`` (``{"q": str, "count":
int}``) and keeps it for the page being rendered
(:func:`ckanext.pe_catalog.helpers.pe_catalog_spelling_suggestion`).

A Solr without the component (CKAN's stock configset) answers without
suggestions, and a failing spellcheck never fails the search: it is logged.
"""

from __future__ import annotations

import logging
from typing import Any, cast

import ckan.plugins.toolkit as tk
import pysolr
from ckan.lib.search.common import SearchError, make_connection  # not in toolkit
from ckan.types import Action, Context
from flask import g, has_app_context

log = logging.getLogger(__name__)

MAX_COLLATIONS = 3  # corrected queries tried, best first
MAX_QUERY_CHARS = 200  # longer texts are not spell-checked (a pasted paragraph)


def is_free_text(q: Any) -> bool:
    """Whether ``q`` is words a person typed: CKAN searches a ``q`` with a colon
    as a Solr query (``tags:agua``), anything else with the (e)dismax parser."""
    return isinstance(q, str) and bool(q.strip()) and ":" not in q


def collations(q: str) -> list[str]:
    """Corrected versions of ``q`` from the spellcheck component, best first;
    ``[]`` when every word is in the catalog or Solr has no component."""
    conn = make_connection()
    params = {
        "rows": 0,
        "spellcheck": "true",
        "spellcheck.q": q,
        "spellcheck.collate": "true",
        "spellcheck.maxCollations": MAX_COLLATIONS,
        # checked below through package_search, with the user's permissions
        "spellcheck.maxCollationTries": 0,
        "spellcheck.collateExtendedResults": "true",
        "spellcheck.count": 5,
    }
    answer = conn.search("*:*", **params)
    spellcheck = getattr(answer, "spellcheck", None) or {}
    found = spellcheck.get("collations") or []
    # Solr's JSON "named list" form: ["collation", {...}, "collation", {...}]
    texts = []
    for item in found:
        if isinstance(item, dict) and isinstance(item.get("collationQuery"), str):
            texts.append(item["collationQuery"])
        elif isinstance(item, str) and item != "collation":
            texts.append(item)
    return [t for t in dict.fromkeys(texts) if t.strip() and t != q]


def suggest(
    search: Action, context: Context, data_dict: dict[str, Any], count: int
) -> dict[str, Any] | None:
    """``{"q": corrected, "count": n}`` for a search that found ``count`` datasets
    with ``data_dict``, or None. ``search`` is CKAN's own ``package_search``."""
    if not tk.config.get("ckanext.pe_catalog.search.spelling_suggestions"):
        return None
    q = data_dict.get("q")
    # only a search that found nothing: asking Solr after every search with
    # few results cost 1.6 times the search (bench/search_relevance.py)
    if count > 0 or not isinstance(q, str) or not is_free_text(q):
        return None
    if len(q) > MAX_QUERY_CHARS:
        return None
    try:
        candidates = collations(q)
    except (pysolr.SolrError, SearchError, OSError) as error:
        log.warning("spellcheck failed for %r: %s", q, error)
        return None
    for text in candidates:
        asked = {**data_dict, "q": text, "rows": 0, "start": 0, "facet": "false"}
        try:
            found = search(cast(Context, {**context}), asked)["count"]
        except (SearchError, tk.ValidationError) as error:
            # a correction CKAN would refuse (its checks run again on it) is no
            # suggestion; the search itself was answered
            log.info("spelling suggestion %r not searchable: %s", text, error)
            continue
        if found > count:
            return {"q": text, "count": found}
    return None


def remember(q: Any, suggestion: dict[str, Any]) -> None:
    """Keep ``suggestion`` for the page this request renders."""
    if has_app_context():
        g.pe_catalog_spelling = {**getattr(g, "pe_catalog_spelling", {}), q: suggestion}


def remembered(q: Any) -> dict[str, Any] | None:
    """The suggestion this request's search for ``q`` got, if any."""
    if not has_app_context() or not isinstance(q, str):
        return None
    return getattr(g, "pe_catalog_spelling", {}).get(q)
