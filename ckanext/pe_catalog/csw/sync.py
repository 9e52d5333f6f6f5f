"""Keeping the CSW's repository in step with the catalog, in CKAN's job worker.

Every time an ``environmental-data`` dataset is indexed (created, updated,
made private or public, its organization renamed, imported in bulk) the
environment plugin queues :func:`publish` with the dataset as it is being
indexed, or with None when the catalog does not publish it (private, draft);
deleting or purging it queues a removal. The job sends that state, not what
the database holds when the job runs: the index is written before the
database commits, so a job that read the database could publish the state
before the change. One job worker runs the queue in order, so the last
change wins.

:func:`resync` rebuilds the repository from the index (``ckan pe-catalog
csw-sync``): after restoring a backup, or if pycsw was down while jobs ran
(a failed job stays in CKAN's failed job registry, with its error).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import ckan.plugins.toolkit as tk
import lxml.etree as etree
import requests
from ckan import model
from ckan.lib import search  # not in toolkit

from ckanext.pe_catalog.csw import iso19139, repository

QUEUE = "default"  # the queue CKAN's `jobs worker` runs without arguments
DC = "http://purl.org/dc/elements/1.1/"


def publish(dataset_id: str, validated_data_dict: str | None) -> None:
    """Job: publish ``validated_data_dict`` (JSON text, as indexed) as the record
    of ``dataset_id``, or remove the record when it is None."""
    if validated_data_dict is None:
        repository.delete(dataset_id)
        return
    repository.upsert(iso19139.record(json.loads(validated_data_dict)))


def queue(dataset_id: str, validated_data_dict: str | None) -> None:
    """Queue :func:`publish` for the job worker (nothing when no CSW is configured)."""
    if not repository.configured():
        return
    tk.enqueue_job(
        publish,
        [dataset_id, validated_data_dict],
        title=f"CSW: {'publish' if validated_data_dict else 'withdraw'} {dataset_id}",
        queue=QUEUE,
    )


def queue_indexed(pkg_dict: dict[str, Any]) -> None:
    """Queue the state of a dataset being indexed (``before_dataset_index``'s dict)."""
    public = pkg_dict.get("state") == "active" and pkg_dict.get("capacity") == "public"
    queue(pkg_dict["id"], pkg_dict["validated_data_dict"] if public else None)


def queue_removed(dataset_id: str) -> None:
    """Queue the removal of a deleted or purged dataset of the type."""
    package = model.Package.get(dataset_id)
    if package is None:
        queue(dataset_id, None)  # unknown here: removing a record it never had is harmless
    elif package.type == iso19139.DATASET_TYPE:
        queue(package.id, None)


def _published() -> dict[str, str]:
    """{id: validated_data_dict} of every public, active environmental dataset in the index."""
    found: dict[str, str] = {}
    query = search.query_for(model.Package)
    start, rows = 0, 1000
    while True:
        query.run(
            {
                "q": "*:*",
                "fq": f'+capacity:public +dataset_type:"{iso19139.DATASET_TYPE}"',
                "fl": "id validated_data_dict",
                "sort": "id asc",
                "start": start,
                "rows": rows,
            },
            permission_labels=None,
        )
        for doc in query.results:
            found[doc["id"]] = doc["validated_data_dict"]
        if len(query.results) < rows:
            return found
        start += rows


def stored_identifiers() -> set[str]:
    """Identifiers of every record in the repository (GetRecords, 100 a page)."""
    identifiers: set[str] = set()
    position = 1
    while position:
        query = urlencode(
            {
                "service": "CSW",
                "version": "2.0.2",
                "request": "GetRecords",
                "typeNames": "csw:Record",
                "elementSetName": "brief",
                "resultType": "results",
                "startPosition": position,
                "maxRecords": 100,
            }
        )
        try:
            response = requests.get(f"{repository.base_url()}/csw?{query}", timeout=60)
            root = etree.fromstring(response.content)
        except (requests.RequestException, etree.XMLSyntaxError) as error:
            raise repository.CswError(f"pycsw did not answer: {error}") from error
        identifiers |= {e.text for e in root.iter(f"{{{DC}}}identifier") if e.text}
        results = root.find(f"{{{repository.CSW}}}SearchResults")
        following = int(results.get("nextRecord", "0")) if results is not None else 0
        position = following if following > position else 0
    return identifiers


def resync() -> tuple[int, int]:
    """Make the repository hold exactly the published environmental datasets:
    (records written, records removed)."""
    published = _published()
    for validated in published.values():
        repository.upsert(iso19139.record(json.loads(validated)))
    stale = stored_identifiers() - set(published)
    for identifier in stale:
        repository.delete(identifier)
    return len(published), len(stale)
