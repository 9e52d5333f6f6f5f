"""The search index back in step with the database, after a Solr outage.

Compares every dataset row (id, ``metadata_modified``) with what Solr holds for
this site (``site_id``) and fixes only the difference:

- *missing*: in the database, not in Solr;
- *stale*: in Solr with another ``metadata_modified`` (to the millisecond,
  Solr's precision);
- *orphaned*: in Solr, but deleted or purged in the database.

Deleted datasets are not indexed (``ckan.search.remove_deleted_packages``, on
by default). ``ckan pe-catalog reindex`` runs it; CKAN's own ``ckan
search-index rebuild`` reindexes everything instead, and its ``-o`` adds the
missing datasets only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import search  # not in toolkit
from ckan.lib.search.common import make_connection

PAGE = 1000


@dataclass
class Difference:
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.stale or self.orphaned)


def _millis(value: datetime | str) -> str:
    """``2026-11-30T14:00:00.123`` from a datetime or a Solr date string."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.rstrip("Z"))
    return value.isoformat(timespec="milliseconds")


def _indexed() -> dict[str, str]:
    """Solr's ``{id: metadata_modified}`` for this site's datasets (cursor paging)."""
    connection = make_connection(decode_dates=False)
    site = tk.config["ckan.site_id"]
    found: dict[str, str] = {}
    cursor = "*"
    while True:
        result = connection.search(
            "*:*",
            fq=f'+site_id:"{site}" +entity_type:package',
            fl="id,metadata_modified",
            rows=PAGE,
            sort="index_id asc",  # the uniqueKey of CKAN's schema
            cursorMark=cursor,
        )
        for doc in result.docs:
            found[doc["id"]] = doc.get("metadata_modified", "")
        if result.nextCursorMark in (None, cursor):
            return found
        cursor = result.nextCursorMark


def difference() -> Difference:
    """What the index lacks or holds in excess, dataset by dataset."""
    rows = model.Session.query(model.Package.id, model.Package.metadata_modified)
    if tk.config.get("ckan.search.remove_deleted_packages"):
        rows = rows.filter(model.Package.state != "deleted")
    wanted = {id_: _millis(modified) for id_, modified in rows}
    indexed = _indexed()
    diff = Difference()
    for id_, modified in wanted.items():
        if id_ not in indexed:
            diff.missing.append(id_)
        elif not indexed[id_] or _millis(indexed[id_]) != modified:
            diff.stale.append(id_)
    diff.orphaned = sorted(set(indexed) - set(wanted))
    return diff


def reindex() -> Difference:
    """Index the missing and stale datasets, remove the orphaned ones; returns
    what it fixed. Raises CKAN's ``SearchIndexError`` if Solr fails meanwhile."""
    diff = difference()
    if diff.missing or diff.stale:
        search.rebuild(package_ids=[*diff.missing, *diff.stale], quiet=True)
    index = search.index_for(model.Package)
    for id_ in diff.orphaned:
        index.remove_dict({"id": id_})
    if diff:
        search.commit()
    return diff
