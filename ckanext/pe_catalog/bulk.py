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
reported (row, field, message) and the other rows still load. Rows load in
batches of :data:`BATCH`: a batch is written in one transaction, each row in
a savepoint of its own (a rejected row undoes itself alone), and indexed in
one Solr update before the transaction commits, so a batch Solr did not take
leaves nothing behind (:mod:`ckanext.pe_catalog.bulk_batch`). Solr commits
once, at the end (the per-write commit is what made a load slow). Each
dataset's activity is recorded as the action API's would be
(:mod:`ckanext.pe_catalog.bulk_activity`). Several processes may load at once
(:mod:`ckanext.pe_catalog.bulk_workers`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
import yaml
from ckan import logic, model  # logic: the index's dictization, not in toolkit
from ckan.lib import search  # not in toolkit: the index's errors
from ckan.lib.search.common import make_connection
from ckan.types import Context

from ckanext.pe_catalog import (
    bulk_activity,
    bulk_batch,
    export,
    list_text,
    resource_files,
    schema_fields,
)
from ckanext.pe_catalog.logic import index_guard
from ckanext.pe_catalog.logic.input_checks import FALSE_WORDS, TRUE_WORDS, too_deep
from ckanext.pe_catalog.schema_fields import list_fields
from ckanext.pe_catalog.spreadsheet import restore

log = logging.getLogger(__name__)

FORMATS = (*export.FORMATS, "yaml")
# CKAN's core columns that are not free text (trimmed on import)
NOT_FREE_TEXT = {"name", "owner_org", "tag_string", "license_id", "private", "resources", "url"}
# the words a CSV "private" cell may hold (the export writes true and false)
CSV_TRUE = TRUE_WORDS | {"si", "sí", "verdadero"}
CSV_FALSE = FALSE_WORDS | {"falso"}
# records loaded in one transaction and one Solr update (their existing
# datasets looked up in one query)
BATCH = 50


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
    # no cell is longer than the file: its length is the dataset checks' to
    # judge, per row (csv's own limit, 128 KiB, would refuse the whole file)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.DictReader(io.StringIO(text))
    _check_columns(reader.fieldnames or [], dataset_type)
    repeated = sorted(c for c, n in Counter(reader.fieldnames or []).items() if n > 1)
    if repeated:
        raise FileError(
            tk._("Columns repeated in the header: {columns}").format(columns=", ".join(repeated))
        )
    if "name" not in (reader.fieldnames or []):
        raise FileError(
            tk._('The file needs a "name" column: datasets are created or updated by name')
        )
    lists = set(list_fields(_schema(dataset_type)))
    free_text = _free_text_fields(dataset_type)
    records = []
    try:
        for row_number, row in enumerate(reader, start=2):
            if None in row:
                raise FileError(
                    tk._("Row {row} has more cells than the header").format(row=row_number)
                )
            record = _csv_record(row, lists, free_text)
            if record:
                records.append((row_number, record))
    except csv.Error as error:  # the csv module's own refusals
        raise FileError(
            tk._("Line {line} is not valid CSV: {error}").format(line=reader.line_num, error=error)
        ) from None
    return records


def _csv_record(row: dict[str, str], lists: set[str], free_text: set[str]) -> dict[str, Any]:
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
            record[name] = _json_cell(value)
        elif name == "private":
            record[name] = _flag_cell(value)
        else:
            record[name] = value
    return record


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


@dataclass(frozen=True)
class Unreadable:
    """A cell the reader could not take: its row is rejected with this
    message, and the other rows load."""

    message: str


def _json_cell(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return Unreadable(tk._("Not valid JSON"))
    except RecursionError:  # deeper than Python's parser goes
        return Unreadable(tk._("Nested too deeply"))


def _bounded(record: dict[str, Any]) -> dict[str, Any]:
    """The record with each value nested too deeply for the dataset checks
    (and for handing to a worker process) as an Unreadable cell."""
    return {
        k: Unreadable(tk._("Nested too deeply")) if too_deep(v) else v for k, v in record.items()
    }


def _flag_cell(value: str) -> bool | str:
    """``private``: yes or no words as a bool; any other word stays text, which
    the dataset's checks refuse ("Must be true or false"): never read as no,
    which would publish the dataset."""
    word = value.lower()
    if word in CSV_TRUE:
        return True
    if word in CSV_FALSE:
        return False
    return value


def _jsonl_records(text: str, dataset_type: str) -> list[tuple[int, dict[str, Any]]]:
    records = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):  # RecursionError: nested too deeply
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
    except RecursionError:
        raise FileError(tk._("The file is not valid YAML (nested too deeply)")) from None
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
    records = [(row, _bounded(r)) for row, r in _READERS[fmt](text, dataset_type)]
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


@dataclass(frozen=True)
class _Written:
    """One dataset written, not yet indexed nor committed."""

    id: str
    updated: bool  # the last write was package_update (which makes no default views)
    uploaded: list[int]  # the resources whose file was stored
    created: bool  # the dataset is new (its activity: "new package")
    modified_before: str | None  # an updated dataset's metadata_modified before the write


def _write(
    data: dict[str, Any],
    existing: dict[str, Any] | None,
    context: Callable[[], Context],
    base_dir: Path | None,
    dry_run: bool,
) -> _Written:
    """Create or update one dataset, with its files (not stored on a dry run),
    in the session's transaction: CKAN neither indexes nor commits it
    (``defer_commit``)."""
    uploaded: list[int] = []
    created = existing is None
    modified_before = None if existing is None else existing.get("metadata_modified")
    if existing and isinstance(data.get("resources"), list):
        # an exported resource loads back as itself (its file, table and views)
        data = {
            **data,
            "resources": resource_files.same_resources(data["resources"], existing["resources"]),
        }
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
    write_context["defer_commit"] = True
    # CKAN 2.12's package_update with defer_commit alone undoes its own change;
    # return_id_only keeps it (a dry run's too: the rows after it see it, until
    # the dry run's transaction is rolled back) and skips a package_show the
    # index makes anyway
    write_context["return_id_only"] = True
    if existing:
        saved = tk.get_action("package_update")(write_context, {**data, "id": existing["id"]})
    else:
        saved = tk.get_action("package_create")(write_context, data)
    return _Written(str(saved), bool(existing), uploaded, created, modified_before)


class _IndexDown(Exception):
    """Solr does not answer: the dataset being written was rolled back."""


def _index_and_commit(written: _Written, user: str) -> None:
    """Record the written dataset's activity and index it (Solr commit
    deferred), then commit it: a dataset Solr did not take is rolled back, as
    CKAN's own writes are.

    Raises _IndexDown when Solr does not answer; CKAN's SearchIndexError when
    Solr answers and refuses the document.
    """
    model.Session.flush()
    try:
        # what search.rebuild does for one dataset, keeping package_show's
        # dict for the activity (bulk_activity)
        shown = logic.package_show_default_and_custom_schemas({"ignore_auth": True}, written.id)
        bulk_activity.record(shown[1], written.created, written.modified_before, user)
        logic.index_update_package_dicts(shown, defer_commit=True)
    except (search.SearchIndexError, search.SolrConnectionError) as error:
        model.Session.rollback()
        if index_guard.solr_answers(ask=True):
            raise
        raise _IndexDown() from error
    model.Session.commit()


def _after_commit(written: _Written, context: Callable[[], Context]) -> None:
    if not (written.updated or written.uploaded):
        return  # package_create made the default views
    saved = tk.get_action("package_show")(context(), {"id": written.id})
    if written.updated:
        # package_update, unlike resource_create, makes no default views (the
        # PDF and map previews; the DataStore makes the table's once loaded)
        tk.get_action("package_create_default_resource_views")(context(), {"package": saved})
    for index in written.uploaded:
        resource_files.submit_to_datastore(saved["resources"][index])


def _existing(records: list[tuple[int, dict[str, Any]]]) -> set[str]:
    """The names among the records' that a dataset has (as name or id), in one
    query: a new dataset then costs no package_show."""
    # a name holding NUL is no dataset's (PostgreSQL refuses it in a query):
    # the dataset checks report it
    names = (r.get("name") for _row, r in records)
    refs = {n for n in names if isinstance(n, str) and "\x00" not in n}
    if not refs:
        return set()
    found = model.Session.query(model.Package.name, model.Package.id).filter(
        sa.or_(model.Package.name.in_(refs), model.Package.id.in_(refs))
    )
    return {value for row in found for value in row} & refs


def load_share(
    records: list[tuple[int, dict[str, Any]]],
    dataset_type: str,
    context: Callable[[], Context],
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    base_dir: Path | None = None,
    index_up: bool = True,
) -> Outcome:
    """:func:`load`'s work in this process, without the final Solr commit.

    ``index_up``: Solr answered when the import began; once it does not,
    the rows left are reported unavailable, not written.
    """
    outcome = Outcome()
    if dry_run:
        # every row written as for real, in one transaction rolled back at the
        # end: a row sees the rows before it (a report code or a related
        # report they hold), so the report is the real run's
        with bulk_batch.one_transaction(write=False):
            for start in range(0, len(records), BATCH):
                batch = records[start : start + BATCH]
                known = _existing(batch)
                for row, record in batch:
                    _load_row(row, record, known, dataset_type, context, True, base_dir, outcome)
                if progress:
                    progress(len(batch))
        return outcome
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        known = _existing(batch)
        if not index_up:
            outcome.rejections.extend(
                Rejection(row, "", index_guard.message(write=True)) for row, _record in batch
            )
        else:
            index_up = _load_batch(batch, known, dataset_type, context, base_dir, outcome)
        if progress:
            progress(len(batch))
    return outcome


def _load_batch(
    batch: list[tuple[int, dict[str, Any]]],
    known: set[str],
    dataset_type: str,
    context: Callable[[], Context],
    base_dir: Path | None,
    outcome: Outcome,
) -> bool:
    """Write a batch of records in one transaction and one Solr update
    (:mod:`ckanext.pe_catalog.bulk_batch`), and count them in ``outcome``;
    False when Solr does not answer (then the whole batch is reported not
    written). When Solr refuses the batch's update, its rows load one by one
    (the refused document's error stops the import, as for one row)."""
    part = Outcome()
    written: list[_Written] = []
    try:
        with bulk_batch.one_transaction():
            for row, record in batch:
                if not _load_row(
                    row, record, known, dataset_type, context, False, base_dir, part, written
                ):
                    raise _IndexDown()
    except (_IndexDown, search.SearchIndexError):
        if not index_guard.solr_answers(ask=True):
            outcome.rejections.extend(
                Rejection(row, "", index_guard.message(write=True)) for row, _record in batch
            )
            return False
        for row, record in batch:
            if not _load_row(row, record, known, dataset_type, context, False, base_dir, outcome):
                return False  # Solr stopped answering meanwhile: the rows left are rejected
        return True
    outcome.created += part.created
    outcome.updated += part.updated
    outcome.rejections.extend(part.rejections)
    for done in written:
        _after_commit(done, context)
    return True


def _load_row(
    row: int,
    record: dict[str, Any],
    known: set[str],
    dataset_type: str,
    context: Callable[[], Context],
    dry_run: bool,
    base_dir: Path | None,
    outcome: Outcome,
    written_in_batch: list[_Written] | None = None,
) -> bool:
    """Write one record and count it in ``outcome``; False when Solr stopped answering.

    ``written_in_batch``: the row is part of a batch (:func:`_load_batch`),
    whose transaction has not committed yet: what follows a commit is left
    to the batch, and the written dataset added to this list.
    """
    unreadable = [(f, v.message) for f, v in record.items() if isinstance(v, Unreadable)]
    if unreadable:
        outcome.rejections.extend(Rejection(row, f, m) for f, m in unreadable)
        return True
    data = {**record, "type": dataset_type}
    if isinstance(data.get("groups"), list):
        # group names, as the export writes them
        data["groups"] = [{"name": g} if isinstance(g, str) else g for g in data["groups"]]
    existing = None
    name = data.get("name")
    if isinstance(name, str) and name in known:
        with contextlib.suppress(tk.ObjectNotFound, tk.ValidationError):
            existing = tk.get_action("package_show")(context(), {"id": name})
    try:
        if existing and existing["type"] != dataset_type:
            raise tk.ValidationError({"name": [tk._("That URL is already in use.")]})
        written = _write(data, existing, context, base_dir, dry_run)
        if dry_run:
            assert bulk_batch.is_open(), "a dry run writes in a transaction rolled back"
            model.Session.commit()  # the row's savepoint: the rows after it see it
        else:
            _index_and_commit(written, context().get("user") or "")
            if written_in_batch is None:
                _after_commit(written, context)
            else:
                written_in_batch.append(written)
        if existing:
            outcome.updated += 1
        else:
            outcome.created += 1
    except tk.ValidationError as error:
        model.Session.rollback()
        # once each: a list of 100,000 bad items says its message 100,000 times
        outcome.rejections.extend(
            Rejection(row, f, m) for f, m in dict.fromkeys(_flatten(error.error_dict))
        )
    except tk.NotAuthorized as error:
        model.Session.rollback()
        outcome.rejections.append(Rejection(row, "owner_org", str(error) or tk._("Not authorized")))
    except (_IndexDown, index_guard.SearchIndexUnavailable):
        model.Session.rollback()
        outcome.rejections.append(Rejection(row, "", index_guard.message(write=True)))
        return False
    return True


@contextlib.contextmanager
def _solr_commit_deferred(dry_run: bool) -> Iterator[bool]:
    """No Solr commit per write while loading; one at the end (also when the
    load fails part way). Yields whether Solr answers (always True on a dry run)."""
    if dry_run:
        yield True
        return
    before = tk.config.get("ckan.search.solr_commit")
    tk.config["ckan.search.solr_commit"] = False
    try:
        yield index_guard.solr_answers(ask=True)
    finally:
        tk.config["ckan.search.solr_commit"] = before
        try:
            # waits for the new searcher (CKAN's search.commit does not): once
            # the import returns, every dataset it wrote is found
            make_connection().commit()
        except Exception as error:  # any failure of Solr to commit
            # what Solr took is in its update log: its autoCommit makes it visible
            log.warning("bulk import: the final Solr commit failed: %r", error)


def load(
    records: list[tuple[int, dict[str, Any]]],
    dataset_type: str,
    context: Callable[[], Context],
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    base_dir: Path | None = None,
    workers: int = 1,
) -> Outcome:
    """Create or update each record by name; a rejected row does not stop the others.

    A batch of rows is written in one transaction (a rejected row undoes
    itself alone), indexed in one Solr update, then committed; Solr commits
    once, at the end. When Solr does not answer, the batch being written is
    rolled back and its rows and every row left are rejected (field ``""``,
    the index guard's message), not written.

    ``base_dir``: the folder resource ``upload`` paths are relative to (the
    imported file's); files outside it are refused. ``workers``: processes
    that load at once (:mod:`ckanext.pe_catalog.bulk_workers`); the outcome is
    the same as one process's, its rejections in row order.
    """
    with _solr_commit_deferred(dry_run) as index_up, bulk_activity.recorded_by_import():
        if workers > 1 and len(records) > 1:
            from ckanext.pe_catalog import bulk_workers

            return bulk_workers.load(
                records, dataset_type, context, dry_run, progress, base_dir, workers, index_up
            )
        return load_share(records, dataset_type, context, dry_run, progress, base_dir, index_up)
