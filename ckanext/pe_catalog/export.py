"""Export of one dataset type: the one writer of ``ckan pe-catalog export`` and of
the search pages' ``/<type>/export.csv``.

One column (CSV) or key (JSON Lines) per schema field, in schema order, plus
``private`` and ``resources`` (a JSON array of the resources' schema fields).
A list field is joined with :data:`~ckanext.pe_catalog.list_text.LIST_JOINER`
when its items allow it, else written as a JSON array; ``owner_org`` is the
organization's name; dates are ``YYYY-MM-DD``; a cell a spreadsheet would run
as a formula is written as text (:mod:`ckanext.pe_catalog.spreadsheet`). The
file loads back unchanged with ``ckan pe-catalog import``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import ckan.plugins.toolkit as tk
from ckan.types import Context
from flask import Blueprint, Response, stream_with_context

from ckanext.pe_catalog import list_text, schema_fields, search
from ckanext.pe_catalog.access import user_context
from ckanext.pe_catalog.dataset_type import suite_dataset_types
from ckanext.pe_catalog.logic.search_checks import SearchSyntaxError
from ckanext.pe_catalog.spreadsheet import neutralise

FORMATS = ("csv", "jsonl")
# CKAN's columns that are not schema fields of the suite's types
EXTRA_COLUMNS = ["groups", "private", "resources"]
# datasets per package_search call
PAGE_ROWS = 500

Dataset = dict[str, Any]
ContextFactory = Callable[[], Context]


class UnknownType(ValueError):
    """A dataset type with no schema."""


def columns(dataset_type: str) -> list[str]:
    """The export's columns: the schema's dataset fields, then :data:`EXTRA_COLUMNS`."""
    names = schema_fields.field_names(dataset_type)
    if not names:
        raise UnknownType(dataset_type)
    return names + EXTRA_COLUMNS


def value(name: str, pkg: Dataset, lists: set[str], fmt: str) -> Any:
    """One field of a dataset (``package_search``'s dict) as the export writes it."""
    if name == "owner_org":
        return (pkg.get("organization") or {}).get("name", "")
    if name == "tag_string":
        return ",".join(t["name"] for t in pkg.get("tags") or [])
    if name == "private":
        return bool(pkg.get("private"))
    if name == "groups":
        names = [g["name"] for g in pkg.get("groups") or []]
        return (list_text.join(names) or None) if fmt == "csv" else names or None
    if name == "resources":
        return [_resource(r, pkg["type"]) for r in pkg.get("resources") or []]
    found = pkg.get(name)
    if found is None or found == "":
        return None
    if name.endswith("_date") and isinstance(found, str):
        return found[:10]
    if name in lists and fmt == "csv":
        joined = list_text.join(found)
        return found if joined is None else joined  # JSON text when it cannot be joined
    return found


def _resource(resource: dict[str, Any], dataset_type: str) -> dict[str, Any]:
    names = schema_fields.field_names(dataset_type, "resource")
    return {n: resource[n] for n in names if resource.get(n) not in (None, "")}


def _cell(found: Any) -> str:
    if found is None:
        return ""
    if isinstance(found, bool):
        return "true" if found else "false"
    if isinstance(found, (list, dict)):
        return json.dumps(found, ensure_ascii=False)
    return str(found)


def csv_row(pkg: Dataset, names: list[str], lists: set[str]) -> list[str]:
    """The cells of one dataset for the columns ``names``, safe to open in a spreadsheet."""
    return [neutralise(_cell(value(n, pkg, lists, "csv"))) for n in names]


def result_pages(
    dataset_type: str,
    context: ContextFactory,
    q: str = "",
    fq: str = "",
    sort: str = "name asc",
    extras: dict[str, str] | None = None,
) -> Iterator[list[Dataset]]:
    """The datasets of the type matching ``q``/``fq`` (and ``extras``, the
    ``ext_*`` parameters plugins read, e.g. ckanext-spatial's ``ext_bbox``), as
    ``package_search`` pages (private ones the context's user may see included).
    Lazy: each page is searched when asked for, so the caller can run the
    first one eagerly."""
    start = 0
    while True:
        page = tk.get_action("package_search")(
            context(),
            {
                "q": q,
                "fq": f"{fq} +dataset_type:{dataset_type}",
                "sort": sort,
                "rows": PAGE_ROWS,
                "start": start,
                "include_private": True,
                "extras": extras or {},
            },
        )
        yield page["results"]
        start += PAGE_ROWS
        if start >= page["count"]:
            return


def chunks(dataset_type: str, fmt: str, pages: Iterable[list[Dataset]]) -> Iterator[str]:
    """The export's text, one chunk per page (the CSV header first)."""
    names = columns(dataset_type)
    lists = set(schema_fields.list_fields(dataset_type))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if fmt == "csv":
        writer.writerow(names)
    for page in pages:
        for pkg in page:
            if fmt == "csv":
                writer.writerow(csv_row(pkg, names, lists))
            else:
                record = {n: value(n, pkg, lists, fmt) for n in names}
                compact = {k: v for k, v in record.items() if v not in (None, "", [])}
                buffer.write(json.dumps(compact, ensure_ascii=False) + "\n")
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def write(
    dataset_type: str, out: TextIO, fmt: str, context: ContextFactory, q: str = "", fq: str = ""
) -> int:
    """Write every dataset of the type matching ``q``/``fq`` (sorted by name); returns the count."""
    count = 0

    def counted(pages: Iterable[list[Dataset]]) -> Iterator[list[Dataset]]:
        nonlocal count
        for page in pages:
            count += len(page)
            yield page

    for chunk in chunks(dataset_type, fmt, counted(result_pages(dataset_type, context, q, fq))):
        out.write(chunk)
    return count


# --- /<type>/export.csv ------------------------------------------------------


def export_csv(dataset_type: str) -> Response:
    """The search page's current results as CSV, streamed: the same filters,
    query and sort as the page (``search.fq_from_args``)."""
    args = tk.request.args
    pages = result_pages(
        dataset_type,
        user_context,
        q=args.get("q", ""),
        fq=search.fq_from_args(args),
        sort=args.get("sort") or "score desc, metadata_modified desc",
        # as CKAN's search page hands them to package_search
        extras={k: v for k, v in args.items() if k.startswith("ext_") and v},
    )
    # the first page runs before streaming, so a bad query is a 400, not a broken file
    try:
        first = next(pages)
    except SearchSyntaxError:
        raise  # the portal's 400 page for a search it cannot run (request_checks)
    except tk.ValidationError as error:
        return tk.abort(400, json.dumps(error.error_dict, ensure_ascii=False))
    return Response(
        stream_with_context(chunks(dataset_type, "csv", itertools.chain([first], pages))),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{dataset_type}.csv"'},
    )


def blueprint() -> Blueprint:
    """``/<type>/export.csv`` for each of the suite's dataset types (one static
    rule per type: a ``/<type>/<id>`` dataset page must not catch it)."""
    bp = Blueprint("pe_catalog_export", __name__)
    for dataset_type in suite_dataset_types():
        bp.add_url_rule(
            f"/{dataset_type}/export.csv",
            endpoint="export_csv",
            view_func=export_csv,
            defaults={"dataset_type": dataset_type},
        )
    return bp
