"""Template helpers of the hta plugin."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.hta import citation


def hta_related_reports(pkg: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Reports this one relates to, and reports that relate to it, that the user may see.

    ``{"outgoing": [...], "incoming": [...]}``; each is a package_search result
    (so private reports of other organizations never show).
    """
    outgoing_ids = pkg.get("related_reports") or []
    outgoing: list[dict[str, Any]] = []
    if outgoing_ids:
        ids = " OR ".join(f'"{i}"' for i in outgoing_ids)
        outgoing = _search(f"id:({ids})")
    incoming = _search(f'vocab_related_reports:"{pkg["id"]}"')
    return {"outgoing": outgoing, "incoming": incoming}


def _search(fq: str) -> list[dict[str, Any]]:
    result = tk.get_action("package_search")(
        {},
        {
            "fq": f"+dataset_type:hta-report +({fq})",
            "rows": 100,
            "include_private": True,
        },
    )
    return result["results"]


def hta_citation(pkg: dict[str, Any]) -> str:
    """A plain-text citation of the report, as shown on its page."""
    return citation.plain(citation.Reference.from_dataset(pkg))
