"""Bulk import and export of one dataset type, as CSV or JSON Lines.

The format is the schema's: one column (or key) per schema field, plus
``private`` and ``resources`` (a JSON array of resources). In CSV, list fields
are separated by ``;`` and ``tag_string`` by ``,`` (as CKAN's own field), and
a cell a spreadsheet would run as a formula is written as text
(:mod:`ckanext.pe_catalog.spreadsheet`); an export loads back unchanged.

A file is checked as a whole first (encoding, columns, duplicate names, at
least one row): such a file is refused with nothing written. Then each row is
created or updated by ``name`` through the action API; a rejected row is
reported (row, field, message) and the other rows still load. Each dataset is
written in one transaction, so a rejected row leaves nothing behind.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckanext.scheming.helpers import scheming_get_dataset_schema

from ckanext.pe_catalog.search import list_fields
from ckanext.pe_catalog.spreadsheet import neutralise, restore

FORMATS = ("csv", "jsonl")
LIST_SEPARATOR = ";"
LIST_JOINER = "; "  # read back by splitting on LIST_SEPARATOR and trimming
# CKAN's core columns that are not free text (trimmed on import)
NOT_FREE_TEXT = {"name", "owner_org", "tag_string", "license_id", "private", "resources", "url"}
EXTRA_COLUMNS = ["private", "resources"]
EXPORT_PAGE_ROWS = 500


class FileError(Exception):
    """The file cannot be loaded at all; nothing was written."""


@dataclass(frozen=True)
class Rejection:
    row: int
    field: str
    message: str


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    rejections: list[Rejection] | None = None


def _schema(dataset_type: str) -> dict:
    schema = scheming_get_dataset_schema(dataset_type)
    if not schema:
        raise FileError(tk._('Unknown dataset type "{type}"').format(type=dataset_type))
    return schema


def columns(dataset_type: str) -> list[str]:
    return [f["field_name"] for f in _schema(dataset_type)["dataset_fields"]] + EXTRA_COLUMNS


def format_of(path: str, given: str | None) -> str:
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    fmt = "jsonl" if fmt in ("jsonl", "ndjson") else fmt
    if fmt not in FORMATS:
        raise FileError(tk._("Unknown format: use a .csv or .jsonl file, or --format"))
    return fmt


# --- reading -------------------------------------------------------------


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # with or without a byte-order mark
    except UnicodeDecodeError as error:
        raise FileError(
            tk._(
                "The file is not UTF-8 (invalid byte at position {position}): "
                "save it as UTF-8 and try again"
            ).format(position=error.start)
        ) from None


def _check_columns(found: Iterable[str], dataset_type: str) -> None:
    known = columns(dataset_type)
    unknown = [c for c in found if c not in known]
    if unknown:
        raise FileError(
            tk._("Unknown columns: {unknown}. The columns of {type} are: {known}").format(
                unknown=", ".join(unknown), type=dataset_type, known=", ".join(known)
            )
        )


def _csv_records(text: str, dataset_type: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    _check_columns(reader.fieldnames or [], dataset_type)
    if "name" not in (reader.fieldnames or []):
        raise FileError(
            tk._('The file needs a "name" column: datasets are created or updated by name')
        )
    lists = set(list_fields(_schema(dataset_type)))
    free_text = _free_text_fields(dataset_type)
    records = []
    for row_number, row in enumerate(reader, start=2):
        if None in row:
            raise FileError(tk._("Row {row} has more cells than the header").format(row=row_number))
        record: dict[str, Any] = {}
        for name, cell in row.items():
            if not (cell or "").strip():
                continue
            # free text as written (spaces and line breaks around it are its
            # own); codes, names, flags and lists trimmed
            value = restore(cell if name in free_text else cell.strip())
            if name in lists:
                record[name] = _list_cell(value)
            elif name == "resources":
                record[name] = _json_cell(value, row_number, name)
            elif name == "private":
                record[name] = value.lower() in ("true", "1", "yes", "si", "sí")
            else:
                record[name] = value
        if record:
            records.append((row_number, record))
    return records


def _free_text_fields(dataset_type: str) -> set[str]:
    """Fields whose text is kept exactly as written on import (not codes, dates, links)."""
    schema = _schema(dataset_type)
    lists = set(list_fields(schema))
    return {
        f["field_name"]
        for f in schema["dataset_fields"]
        if f["field_name"] not in NOT_FREE_TEXT | lists
        and "choices" not in f
        and not f["field_name"].endswith(("_date", "_url"))
    }


def _list_cell(value: str) -> Any:
    """A list cell: ``a; b`` or, when an item holds a ``;`` or a line break, a JSON array."""
    if value.startswith("["):
        return value  # a JSON array: pe_list reads it, and says so if it is not one
    return [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]


def _json_cell(value: str, row: int, column: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        raise FileError(
            tk._("Row {row}: the {column} cell is not valid JSON").format(row=row, column=column)
        ) from None


def _jsonl_records(text: str, dataset_type: str) -> list[tuple[int, dict[str, Any]]]:
    records = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if not isinstance(record, dict):
            raise FileError(tk._("Line {row} is not a JSON object").format(row=line_number))
        _check_columns(record, dataset_type)
        records.append((line_number, record))
    return records


def read(path: str, dataset_type: str, fmt: str) -> list[tuple[int, dict[str, Any]]]:
    """(row number, record) pairs of a whole, well-formed file, or FileError."""
    raw = Path(path).read_bytes()
    if not raw.strip():
        raise FileError(tk._("The file is empty"))
    text = _decode(raw)
    records = (
        _csv_records(text, dataset_type) if fmt == "csv" else _jsonl_records(text, dataset_type)
    )
    if not records:
        raise FileError(tk._("The file has no datasets, only a header"))
    names = Counter(r.get("name") for _row, r in records)
    duplicates = sorted(n for n, count in names.items() if n and count > 1)
    if duplicates:
        rows = [str(row) for row, r in records if r.get("name") in duplicates]
        raise FileError(
            tk._("Names repeated in the file: {names} (rows {rows})").format(
                names=", ".join(duplicates), rows=", ".join(rows)
            )
        )
    return records


# --- loading -------------------------------------------------------------


def _flatten(errors: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(errors, dict):
        for key, value in errors.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(errors, list) and errors and all(isinstance(e, str) for e in errors):
        for message in errors:
            yield prefix, message
    elif isinstance(errors, list):
        for index, value in enumerate(errors):
            if value:
                yield from _flatten(value, f"{prefix}[{index}]")
    elif errors:
        yield prefix, str(errors)


def load(
    records: list[tuple[int, dict[str, Any]]],
    dataset_type: str,
    context: Callable[[], dict[str, Any]],
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Create or update each record by name; a rejected row does not stop the others."""
    outcome = Outcome(rejections=[])
    for row, record in records:
        data = {**record, "type": dataset_type}
        try:
            existing = tk.get_action("package_show")(context(), {"id": data.get("name", "")})
        except (tk.ObjectNotFound, tk.ValidationError):
            existing = None
        write_context = {**context(), "defer_commit": dry_run}
        try:
            if existing:
                if existing["type"] != dataset_type:
                    raise tk.ValidationError({"name": [tk._("That URL is already in use.")]})
                tk.get_action("package_update")(write_context, {**data, "id": existing["id"]})
                outcome.updated += 1
            else:
                tk.get_action("package_create")(write_context, data)
                outcome.created += 1
        except tk.ValidationError as error:
            model.Session.rollback()
            outcome.rejections.extend(Rejection(row, f, m) for f, m in _flatten(error.error_dict))
        except tk.NotAuthorized as error:
            model.Session.rollback()
            outcome.rejections.append(
                Rejection(row, "owner_org", str(error) or tk._("Not authorized"))
            )
        else:
            if dry_run:
                model.Session.rollback()  # validated and flushed, never committed nor indexed
        if progress:
            progress(1)
    return outcome


# --- exporting -----------------------------------------------------------


def _export_value(name: str, pkg: dict[str, Any], lists: set[str], fmt: str) -> Any:
    if name == "owner_org":
        return (pkg.get("organization") or {}).get("name", "")
    if name == "tag_string":
        return ",".join(t["name"] for t in pkg.get("tags") or [])
    if name == "private":
        return bool(pkg.get("private"))
    if name == "resources":
        return [_export_resource(r, pkg["type"]) for r in pkg.get("resources") or []]
    value = pkg.get(name)
    if value is None or value == "":
        return None
    if name.endswith("_date") and isinstance(value, str):
        return value[:10]
    if name in lists and fmt == "csv":
        joined = LIST_JOINER.join(value)
        # an item the joined form cannot carry: a separator, a line break,
        # spaces around it, or a first "[" (read as a JSON array)
        plain = all(
            isinstance(v, str) and v == v.strip() and not re.search(r"[;\r\n]", v) for v in value
        )
        return joined if plain and not joined.startswith("[") else value  # JSON text
    return value


def _export_resource(resource: dict[str, Any], dataset_type: str) -> dict[str, Any]:
    fields = [f["field_name"] for f in _schema(dataset_type).get("resource_fields", [])]
    return {f: resource[f] for f in fields if resource.get(f) not in (None, "")}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_row(pkg: dict[str, Any], names: list[str], lists: set[str]) -> list[str]:
    """The cells of one dataset for the columns ``names``, safe to open in a spreadsheet."""
    return [neutralise(_cell(_export_value(n, pkg, lists, "csv"))) for n in names]


def export(
    dataset_type: str,
    out: io.TextIOBase,
    fmt: str,
    context: Callable[[], dict[str, Any]],
    q: str = "",
    fq: str = "",
) -> int:
    """Write every dataset of the type matching ``q``/``fq`` (sorted by name); returns the count."""
    names = columns(dataset_type)
    lists = set(list_fields(_schema(dataset_type)))
    writer = csv.writer(out) if fmt == "csv" else None
    if writer:
        writer.writerow(names)
    start, written = 0, 0
    while True:
        page = tk.get_action("package_search")(
            context(),
            {
                "q": q,
                "fq": f"{fq} +dataset_type:{dataset_type}",
                "sort": "name asc",
                "rows": EXPORT_PAGE_ROWS,
                "start": start,
                "include_private": True,
            },
        )
        for pkg in page["results"]:
            if writer:
                writer.writerow(csv_row(pkg, names, lists))
            else:
                record = {n: _export_value(n, pkg, lists, fmt) for n in names}
                compact = {k: v for k, v in record.items() if v not in (None, "", [])}
                out.write(json.dumps(compact, ensure_ascii=False) + "\n")
            written += 1
        start += EXPORT_PAGE_ROWS
        if start >= page["count"]:
            return written
