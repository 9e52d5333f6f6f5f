"""Pages of the hta plugin: citation downloads and the CSV export of a search."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_get_dataset_schema
from flask import Blueprint, Response, stream_with_context

from ckanext.hta import citation
from ckanext.pe_catalog import bulk, search
from ckanext.pe_catalog.access import visible_dataset
from ckanext.pe_catalog.logic.guard import SearchSyntaxError

hta = Blueprint("hta", __name__, url_prefix="/hta-report")

EXPORT_PAGE_ROWS = 500


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name, "auth_user_obj": tk.current_user}


def _citation_file(
    id: str, render: Callable[[citation.Reference], str], mimetype: str, ext: str
) -> Response:
    ref = citation.Reference.from_dataset(visible_dataset(id, "hta-report"))
    return Response(
        render(ref),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{ref.key}.{ext}"'},
    )


@hta.route("/<id>/cite.bib")
def cite_bibtex(id: str) -> Response:
    return _citation_file(id, citation.bibtex, "application/x-bibtex", "bib")


@hta.route("/<id>/cite.ris")
def cite_ris(id: str) -> Response:
    return _citation_file(id, citation.ris, "application/x-research-info-systems", "ris")


@hta.route("/export.csv")
def export_csv() -> Response:
    """The search page's current results, one column per schema field, streamed."""
    schema = scheming_get_dataset_schema("hta-report")
    columns = [f["field_name"] for f in schema["dataset_fields"]]
    lists = set(search.list_fields(schema))
    params = {
        "q": tk.request.args.get("q", ""),
        "fq": f"{search.fq_from_args(tk.request.args)} +dataset_type:hta-report",
        "sort": tk.request.args.get("sort") or "score desc, metadata_modified desc",
        "include_private": True,
        "rows": EXPORT_PAGE_ROWS,
    }
    context = _context()
    # run the first page before streaming, so a bad query is a 400, not a broken file
    try:
        first = tk.get_action("package_search")(dict(context), {**params, "start": 0})
    except SearchSyntaxError:
        raise  # the portal's 400 page for a search it cannot run (request_checks)
    except tk.ValidationError as error:
        return tk.abort(400, json.dumps(error.error_dict, ensure_ascii=False))

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        page, start = first, 0
        while True:
            for pkg in page["results"]:
                # the bulk export's cells: loads back with `ckan pe-catalog import`
                writer.writerow(bulk.csv_row(pkg, columns, lists))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            start += EXPORT_PAGE_ROWS
            if start >= page["count"]:
                return
            page = tk.get_action("package_search")(dict(context), {**params, "start": start})

    return Response(
        stream_with_context(rows()),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="hta-reports.csv"'},
    )
