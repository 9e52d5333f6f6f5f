"""Dataset type ``scholarship``: Pronabec scholarships and educational loans."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import has_request_context

from ckanext.pe_catalog import dates
from ckanext.pe_catalog.dataset_type import DatasetTypePlugin
from ckanext.pe_catalog.ubigeo import DEPARTMENTS, NATIONAL, department_name
from ckanext.pronabec import calls

# marks the count-only search that fills the "open now" facet
_COUNT_ONLY = "ext_pronabec_count_only"


@tk.blanket.blueprints
@tk.blanket.helpers
@tk.blanket.validators
class PronabecPlugin(DatasetTypePlugin):
    dataset_type = "scholarship"
    schema_file = "scholarship.yaml"

    def derived_index_fields(self, dataset: dict[str, Any]) -> dict[str, Any]:
        regions = dataset.get("eligible_regions") or []
        return {
            # a national call is open to a student of any region
            "vocab_region": list(DEPARTMENTS) if NATIONAL in regions else regions,
            # the regions' names searchable as text (CKAN copies extras_* into text)
            "extras_region_names": " ".join(department_name(code) for code in regions),
        }

    def derived_facet_titles(self) -> dict[str, str]:
        return {"open_now": tk._("Open call"), "vocab_region": tk._("Region")}

    def derived_facet_label(self, facet: str, value: str) -> str | None:
        if facet == "vocab_region":
            return department_name(value)
        if facet == "open_now":
            return tk._("Open now")
        return None

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        today = dates.today()
        fq = search_params.get("fq") or ""
        if calls.OPEN_NOW_TERM.search(fq):
            search_params["fq"] = calls.rewrite_open_now(fq, today)
        # after the search, package_search has turned fq into Solr's filter list;
        # keep this one for the "open now" count
        extras = search_params.setdefault("extras", {})
        extras["ext_pronabec_fq"] = search_params.get("fq") or ""
        extras["ext_pronabec_include_private"] = search_params.get("include_private", False)
        sort = search_params.get("sort")
        only_scholarships = "dataset_type:scholarship" in fq.replace('"', "")
        if sort == calls.DEADLINE_SORT or (sort in (None, "", "rank") and only_scholarships):
            search_params["sort"] = calls.deadline_sort(today)
            extras["ext_pronabec_sort"] = calls.DEADLINE_SORT
        return search_params

    def after_dataset_search(
        self, search_results: dict[str, Any], search_params: dict[str, Any]
    ) -> dict[str, Any]:
        search_results = super().after_dataset_search(search_results, search_params)
        extras = search_params.get("extras") or {}
        if extras.get("ext_pronabec_sort"):
            search_results["sort"] = calls.DEADLINE_SORT
        facet = search_results.get("search_facets", {}).get("open_now")
        if facet is not None and not extras.get(_COUNT_ONLY):
            count = _open_now_count(search_results, search_params)
            facet["items"] = (
                [{"name": "true", "display_name": tk._("Open now"), "count": count}]
                if count
                else []
            )
        return search_results


def _open_now_count(search_results: dict[str, Any], search_params: dict[str, Any]) -> int:
    """How many results of this search are open today.

    Solr can facet only on indexed values and "open" changes with the date, so
    this is one extra count-only query (same text, filters and user), unless
    the search is already limited to open calls.
    """
    extras = search_params.get("extras") or {}
    fq = extras.get("ext_pronabec_fq", "")
    open_fq = calls.open_on(dates.today())
    if open_fq in fq:
        return int(search_results["count"])
    user = tk.current_user.name if has_request_context() else ""
    result = tk.get_action("package_search")(
        {"user": user},
        {
            "q": search_params.get("q") or "*:*",
            "fq": f"{fq} +{open_fq}",
            "rows": 0,
            "include_private": extras.get("ext_pronabec_include_private", False),
            _COUNT_ONLY: "1",
        },
    )
    return int(result["count"])
