"""Dataset type ``scholarship``: Pronabec scholarships and educational loans."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.pe_catalog import dates
from ckanext.pe_catalog.dataset_type import DatasetTypePlugin
from ckanext.pe_catalog.logic.search_checks import SearchSyntaxError
from ckanext.pe_catalog.ubigeo import DEPARTMENTS, NATIONAL, department_name
from ckanext.pronabec import calls


@tk.blanket.blueprints
@tk.blanket.helpers
@tk.blanket.validators
class PronabecPlugin(DatasetTypePlugin):
    dataset_type = "scholarship"
    schema_file = "scholarship.yaml"

    def derived_index_fields(self, dataset: dict[str, Any]) -> dict[str, Any]:
        """The regions (``vocab_region``, ``extras_region_names``) and the days
        of the application window (``vocab_open_days``: ``YYYYMMDD`` terms, at
        most :data:`calls.MAX_OPEN_DAYS` from the opening day) that the "open
        now" facet counts."""
        regions = dataset.get("eligible_regions") or []
        fields: dict[str, Any] = {
            # a national call is open to a student of any region
            "vocab_region": list(DEPARTMENTS) if NATIONAL in regions else regions,
            # the regions' names searchable as text (CKAN copies extras_* into text)
            "extras_region_names": " ".join(department_name(code) for code in regions),
        }
        opens = dates.as_date(dataset.get("application_open_date"))
        closes = dates.as_date(dataset.get("application_close_date"))
        # the schema requires both; a call stored before it did may lack them
        if opens is not None and closes is not None:
            fields[calls.OPEN_DAYS_FIELD] = calls.open_day_tokens(opens, closes)
        return fields

    def derived_facet_titles(self) -> dict[str, str]:
        return {calls.OPEN_NOW_FACET: tk._("Open call"), "vocab_region": tk._("Region")}

    def derived_facet_label(self, facet: str, value: str) -> str | None:
        if facet == "vocab_region":
            return department_name(value)
        if facet == calls.OPEN_NOW_FACET:
            return tk._("Open now")
        return None

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        today = dates.today()
        fq = search_params.get("fq") or ""
        if isinstance(fq, str) and calls.OPEN_NOW_TERM.search(fq):
            search_params["fq"] = calls.rewrite_open_now(fq, today)
        fq_list = search_params.get("fq_list")
        if isinstance(fq_list, list):
            search_params["fq_list"] = [
                calls.rewrite_open_now(f, today) if isinstance(f, str) else f for f in fq_list
            ]
        for param in ("fq", "fq_list"):
            values = search_params.get(param)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and calls.OTHER_OPEN_NOW.search(value):
                    # open_now is no indexed field: any other value found nothing
                    raise SearchSyntaxError(
                        {param: [tk._("open_now takes only the value true (open_now:true)")]}
                    )
        facet_fields = _facet_fields(search_params.get("facet.field"))
        if facet_fields is not None and calls.OPEN_NOW_FACET in facet_fields:
            # counted in this same Solr request: today's term of the window days
            search_params["facet.field"] = [
                calls.open_now_facet(today) if name == calls.OPEN_NOW_FACET else name
                for name in facet_fields
            ]
        sort = search_params.get("sort")
        only_scholarships = "dataset_type:scholarship" in fq.replace('"', "")
        if sort == calls.DEADLINE_SORT or (sort in (None, "", "rank") and only_scholarships):
            search_params["sort"] = calls.deadline_sort(today)
            search_params.setdefault("extras", {})["ext_pronabec_sort"] = calls.DEADLINE_SORT
        return search_params

    def after_dataset_search(
        self, search_results: dict[str, Any], search_params: dict[str, Any]
    ) -> dict[str, Any]:
        search_results = super().after_dataset_search(search_results, search_params)
        extras = search_params.get("extras") or {}
        if extras.get("ext_pronabec_sort"):
            search_results["sort"] = calls.DEADLINE_SORT
        facet = search_results.get("search_facets", {}).get(calls.OPEN_NOW_FACET)
        if facet is not None:
            # Solr's item is today's term (a day token); the page and the API
            # show it as the filter value that selects the same calls
            count = sum(int(item.get("count") or 0) for item in facet.get("items", []))
            facet["items"] = (
                [{"name": "true", "display_name": tk._("Open now"), "count": count}]
                if count
                else []
            )
            raw = search_results.get("facets")
            if isinstance(raw, dict):
                raw[calls.OPEN_NOW_FACET] = {"true": count} if count else {}
        return search_results


def _facet_fields(value: Any) -> list[Any] | None:
    """``facet.field`` as a list: CKAN's schema has made it one by now
    (``convert_to_json_if_string``), a caller's own schema may leave JSON text."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, list) else None
