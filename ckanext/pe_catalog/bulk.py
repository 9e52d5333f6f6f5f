"""Bulk import of one dataset type, from CSV, JSON Lines or YAML.

The format is the export's (:mod:`ckanext.pe_catalog.export`): one column (or
key) per schema field, plus ``private`` and ``resources`` (a JSON array of
resources). YAML holds the same records as a list of mappings, easier to read
and edit by hand (the sample catalog is written in it). A resource may give
``upload``, the path of a file next to the imported file, to store in the
FileStore (:mod:`ckanext.pe_catalog.resource_files`). In CSV, list fields are separated by ``;``
(:mod:`ckanext.pe_catalog.list_text`) and ``tag_string`` by ``,`` (as CKAN's
own field); a cell quoted as text against spreadsheet formulas is read back
(:mod:`ckanext.pe_catalog.spreadsheet`).

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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import yaml
from ckan import model
from ckan.types import Context

from ckanext.pe_catalog import export, list_text, resource_files, schema_fields
from ckanext.pe_catalog.schema_fields import list_fields
from ckanext.pe_catalog.spreadsheet import restore

FORMATS = (*export.FORMATS, "yaml")
# CKAN's core columns that are not free text (trimmed on import)
NOT_FREE_TEXT = {"name", "owner_org", "tag_string", "license_id", "private", "resources", "url"}


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
    rejections: list[Rejection] = field(default_factory=list)


def _schema(dataset_type: str) -> dict[str, Any]:
    schema = schema_fields.schema_of(dataset_type)
    if not schema:
        raise FileError(tk._('Unknown dataset type "{type}"').format(type=dataset_type))
    return schema


def columns(dataset_type: str) -> list[str]:
    _schema(dataset_type)  # FileError for an unknown type
    return export.columns(dataset_type)


def format_of(path: str, given: str | None) -> str:
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    fmt = {"ndjson": "jsonl", "yml": "yaml"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise FileError(tk._("Unknown format: use a .csv, .jsonl or .yaml file, or --format"))
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
            if name in lists or name == "groups":
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
        for f in schema_fields.fields(schema)
        if f["field_name"] not in NOT_FREE_TEXT | lists
        and "choices" not in f
        and not f["field_name"].endswith(("_date", "_url"))
    }


def _list_cell(value: str) -> Any:
    """A list cell: ``a; b`` or, when an item holds a ``;`` or a line break, a JSON array."""
    if value.startswith("["):
        return value  # a JSON array: pe_list reads it, and says so if it is not one
    return [v.strip() for v in list_text.split(value) or [] if v.strip()]


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


def _yaml_records(text: str, dataset_type: str) -> list[tuple[int, dict[str, Any]]]:
    """A YAML list of datasets; a record's "row" is its place in the list (from 1)."""
    try:
        documents = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is None:
            raise FileError(tk._("The file is not valid YAML")) from None
        raise FileError(
            tk._("The file is not valid YAML (line {line}, column {column})").format(
                line=mark.line + 1, column=mark.column + 1
            )
        ) from None
    if not isinstance(documents, list):
        raise FileError(tk._("A YAML file holds a list of datasets"))
    records = []
    for number, record in enumerate(documents, start=1):
        if not isinstance(record, dict) or not all(isinstance(k, str) for k in record):
            raise FileError(tk._("Dataset {row} is not a mapping of fields").format(row=number))
        _check_columns(record, dataset_type)
        records.append((number, record))
    return records


_READERS = {"csv": _csv_records, "jsonl": _jsonl_records, "yaml": _yaml_records}


def read(path: str, dataset_type: str, fmt: str) -> list[tuple[int, dict[str, Any]]]:
    """(row number, record) pairs of a whole, well-formed file, or FileError."""
    raw = Path(path).read_bytes()
    if not raw.strip():
        raise FileError(tk._("The file is empty"))
    return parse(_decode(raw), dataset_type, fmt)


def parse(text: str, dataset_type: str, fmt: str) -> list[tuple[int, dict[str, Any]]]:
    """As :func:`read`, from the file's text."""
    records = _READERS[fmt](text, dataset_type)
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


def _has_uploads(data: dict[str, Any]) -> bool:
    resources = data.get("resources")
    return isinstance(resources, list) and any(
        isinstance(r, dict) and isinstance(r.get("upload"), str) for r in resources
    )


def _write(
    data: dict[str, Any],
    existing: dict[str, Any] | None,
    context: Callable[[], Context],
    base_dir: Path | None,
    dry_run: bool,
) -> None:
    """Create or update one dataset, in one transaction, with its files."""
    uploaded: list[int] = []
    if _has_uploads(data):
        resources, uploaded = resource_files.with_uploads(
            data["resources"], (existing or {}).get("resources", []), base_dir, dry_run
        )
        data = {**data, "resources": resources}
    if existing is None and uploaded:
        # package_create stores no files: create the dataset, then add them with
        # package_update, before either commits
        create_context = context()
        create_context["defer_commit"] = True
        existing = tk.get_action("package_create")(create_context, {**data, "resources": []})
    write_context = context()
    write_context["defer_commit"] = dry_run
    if existing:
        saved = tk.get_action("package_update")(write_context, {**data, "id": existing["id"]})
    else:
        saved = tk.get_action("package_create")(write_context, data)
    if not dry_run:
        # package_update, unlike resource_create, makes no default views (the
        # PDF and map previews; the DataStore makes the table's once loaded)
        tk.get_action("package_create_default_resource_views")(context(), {"package": saved})
        for index in uploaded:
            resource_files.submit_to_datastore(saved["resources"][index])


def load(
    records: list[tuple[int, dict[str, Any]]],
    dataset_type: str,
    context: Callable[[], Context],
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    base_dir: Path | None = None,
) -> Outcome:
    """Create or update each record by name; a rejected row does not stop the others.

    ``base_dir``: the folder resource ``upload`` paths are relative to (the
    imported file's); files outside it are refused.
    """
    outcome = Outcome()
    for row, record in records:
        data = {**record, "type": dataset_type}
        if isinstance(data.get("groups"), list):
            # group names, as the export writes them
            data["groups"] = [{"name": g} if isinstance(g, str) else g for g in data["groups"]]
        try:
            existing = tk.get_action("package_show")(context(), {"id": data.get("name", "")})
        except (tk.ObjectNotFound, tk.ValidationError):
            existing = None
        try:
            if existing and existing["type"] != dataset_type:
                raise tk.ValidationError({"name": [tk._("That URL is already in use.")]})
            _write(data, existing, context, base_dir, dry_run)
            if existing:
                outcome.updated += 1
            else:
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
