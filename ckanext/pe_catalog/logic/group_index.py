"""Datasets indexed again when their organization or group is renamed.

The search index keeps each dataset with a copy of its organization and groups
(name, title, description, image). CKAN 2.12 does not index the datasets again
when those change (ckan/ckan#5842, #8561 open), so search results, dataset
pages read from the index, the catalog's ``dct:publisher`` and the harvest API
kept the old title. After an organization or group update that changes what a
dataset carries of it, a background job (CKAN's job worker, as in #8561: a
large organization would not fit in the request) indexes its datasets again.
"""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import search  # not in toolkit

log = logging.getLogger(__name__)

# what a dataset dict (and so the index) carries of its organization and groups
CARRIED = ("name", "title", "description", "image_url", "is_organization")


def carried(group_id: str) -> dict[str, Any] | None:
    """The group's fields its datasets carry, as stored now; None if there is no such group."""
    group = model.Group.get(group_id)
    return {f: getattr(group, f) for f in CARRIED} if group is not None else None


def dataset_ids(group_id: str) -> list[str]:
    """Ids of the datasets (any state but deleted) owned by an organization or in a group."""
    group = model.Group.get(group_id)
    if group is None:
        return []
    packages = model.Session.query(model.Package.id).filter(model.Package.state != "deleted")
    if group.is_organization:
        rows = packages.filter(model.Package.owner_org == group.id)
    else:
        rows = packages.join(model.Member, model.Member.table_id == model.Package.id).filter(
            model.Member.group_id == group.id,
            model.Member.table_name == "package",
            model.Member.state == "active",
        )
    return sorted(row.id for row in rows)


def reindex_datasets_of(group_id: str) -> int:
    """Index again every dataset of the group (the job); how many were indexed."""
    ids = dataset_ids(group_id)
    search.rebuild(package_ids=ids)  # one dataset at a time, Solr commit deferred
    search.commit()
    log.info("indexed again %d datasets of group %s", len(ids), group_id)
    return len(ids)


def after_update(before: dict[str, Any] | None, group_id: str) -> None:
    """Queue the job when the update changed what the group's datasets carry."""
    if before is not None and carried(group_id) != before:
        tk.enqueue_job(
            reindex_datasets_of,
            [group_id],
            title=f"pe_catalog: index the datasets of group {group_id} again",
        )
