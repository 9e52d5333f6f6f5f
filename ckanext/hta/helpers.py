"""Template helpers of the hta plugin."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.hta import citation
from ckanext.pe_catalog.logic.index_guard import SearchIndexUnavailable


def hta_related_reports(pkg: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Reports this one relates to, and reports that relate to it, that the user may see.

    ``{"outgoing": [...], "incoming": [...]}``; each is a package_search result
    (so private reports of other organizations never show). References are not
    in the search index (see DatasetTypePlugin.before_dataset_index): the
    reports naming this one are found in the database, then searched by id.
    """
    outgoing = _search_ids(pkg.get("related_reports") or [])
    naming = (
        model.Session.query(model.Package.id)
        .filter(model.Package.type == "hta-report", model.Package.state == "active")
        .filter(model.Package.extras["related_reports"].astext.contains(f'"{pkg["id"]}"'))
    )
    incoming = _search_ids([row[0] for row in naming.limit(100)])
    return {"outgoing": outgoing, "incoming": incoming}


def _search_ids(ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    try:
        result = _search(ids)
    except SearchIndexUnavailable:
        return []  # Solr is down: the report's page still reads, without its links
    return result["results"]


def _search(ids: list[str]) -> dict[str, Any]:
    return tk.get_action("package_search")(
        {},
        {
            "fq": "+dataset_type:hta-report +id:({})".format(" OR ".join(f'"{i}"' for i in ids)),
            "rows": 100,
            "include_private": True,
        },
    )


def hta_designation(pkg: dict[str, Any]) -> str:
    """The report's type and code as one name, the type not repeated
    (:func:`ckanext.hta.citation.designation`)."""
    # per search result: only the type's label, not the whole citation
    return citation.designation(citation.choice(pkg, "report_type"), pkg.get("report_code", ""))


def hta_citation(pkg: dict[str, Any]) -> str:
    """A plain-text citation of the report, as shown on its page."""
    return citation.plain(citation.Reference.from_dataset(pkg))
