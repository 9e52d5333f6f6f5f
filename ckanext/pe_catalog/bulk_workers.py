"""The bulk import in several processes (``ckan pe-catalog import --workers N``).

The records are split into groups that must load in one process, in file
order (:func:`groups`): a record with those it names in a reference field
(``related_reports``), and the records that share a value unique in an
organization (``report_code``), of which one process's import creates the
first and refuses the others. Groups are dealt out in chunks of about
:data:`ckanext.pe_catalog.bulk.BATCH` records (fewer for a small file) to N
forked processes, as each finishes its last chunk, each
loading its chunks as one process does (:func:`ckanext.pe_catalog.bulk.
load_share`); their outcomes add up to the one-process outcome, rejections
in row order.

The children are forked from the loaded CKAN (no second start-up): the
parent closes its database connections first, so that no connection is
shared across the fork.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ckan import model
from ckan.types import Context

from ckanext.pe_catalog import access, bulk, schema_fields
from ckanext.pe_catalog.logic.validators import comparable_code

Record = tuple[int, dict[str, Any]]

UNIQUE_VALIDATOR = "pe_unique_in_organization"
# the words of a reference cell: a list, "a; b" or a JSON array of names or ids
_WORDS = re.compile(r"[^\s;,\[\]\"']+")


@dataclass(frozen=True)
class _Job:
    """What every chunk shares; inherited by the forked children (a context
    factory is not picklable)."""

    dataset_type: str
    context: Callable[[], Context]
    dry_run: bool
    base_dir: Path | None
    index_up: bool


_job: _Job | None = None


def _words(value: Any) -> Iterator[str]:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            yield from _WORDS.findall(item)


def groups(records: list[Record], dataset_type: str) -> list[list[Record]]:
    """The records in groups that load in one process, each in file order,
    the groups in the order of their first record. Grouping more than needed
    only loads less at once."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_name = {
        r["name"]: i for i, (_row, r) in enumerate(records) if isinstance(r.get("name"), str)
    }
    references = access.reference_fields(dataset_type)
    unique = schema_fields.with_validator(dataset_type, UNIQUE_VALIDATOR)
    first_of: dict[tuple[str, str], int] = {}
    for i, (_row, record) in enumerate(records):
        linked = [by_name[w] for f in references for w in _words(record.get(f)) if w in by_name]
        for f in unique:
            value = record.get(f)
            if isinstance(value, str) and value.strip():
                linked.append(first_of.setdefault((f, comparable_code(value)), i))
        for j in linked:
            parent[root(j)] = root(i)
    by_root: dict[int, list[Record]] = {}
    for i, record in enumerate(records):
        by_root.setdefault(root(i), []).append(record)
    return sorted(by_root.values(), key=lambda g: g[0][0])


def chunks(grouped: list[list[Record]], size: int) -> list[list[Record]]:
    """Whole groups, packed in file order into chunks of about ``size`` records."""
    out: list[list[Record]] = []
    for group in grouped:
        if out and len(out[-1]) + len(group) <= size:
            out[-1].extend(group)
        else:
            out.append(list(group))
    return out


def _start_child() -> None:
    # the parent's pool held no connection at the fork (see load); a new pool
    # all the same, so that this process never touches one of the parent's
    model.ensure_engine().dispose(close=False)


def _load_chunk(chunk: list[Record]) -> tuple[int, bulk.Outcome]:
    assert _job is not None, "set by load before the fork"
    outcome = bulk.load_share(
        sorted(chunk, key=lambda record: record[0]),
        _job.dataset_type,
        _job.context,
        dry_run=_job.dry_run,
        base_dir=_job.base_dir,
        index_up=_job.index_up,
    )
    return len(chunk), outcome


def load(
    records: list[Record],
    dataset_type: str,
    context: Callable[[], Context],
    dry_run: bool,
    progress: Callable[[int], None] | None,
    base_dir: Path | None,
    workers: int,
    index_up: bool,
) -> bulk.Outcome:
    """:func:`ckanext.pe_catalog.bulk.load`'s rows in ``workers`` forked
    processes (at most one per chunk). An exception in a child (not a rejected
    row: a failure of the database, or a document Solr refuses) stops the
    import and is raised here."""
    global _job
    # chunks of at most BATCH records, smaller for a small file so that every
    # worker has some
    size = max(1, min(bulk.BATCH, -(-len(records) // workers)))
    work = chunks(groups(records, dataset_type), size)
    if len(work) == 1:  # one group: nothing to share out
        return bulk.load_share(
            records, dataset_type, context, dry_run, progress, base_dir, index_up
        )
    # no connection is shared across the fork: the pool is emptied now and
    # refilled on use, in the parent and in each child
    model.Session.remove()
    model.ensure_engine().dispose()
    _job = _Job(dataset_type, context, dry_run, base_dir, index_up)
    outcome = bulk.Outcome()
    try:
        fork = multiprocessing.get_context("fork")
        with fork.Pool(min(workers, len(work)), initializer=_start_child) as pool:
            for count, part in pool.imap_unordered(_load_chunk, work):
                outcome.created += part.created
                outcome.updated += part.updated
                outcome.rejections.extend(part.rejections)
                if progress:
                    progress(count)
    finally:
        _job = None
    # the one-process report: by row, each row's rejections in their order
    outcome.rejections.sort(key=lambda r: r.row)
    return outcome
