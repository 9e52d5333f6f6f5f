"""The activity of an imported dataset, recorded from the dict the import indexes.

ckanext-activity records a dataset's "new package" or "changed package"
activity when ``package_create`` or ``package_update`` succeeds (its signal
receivers), by showing the dataset again: a Solr query (``package_show``'s
cache, a miss for a dataset not indexed yet) and a second dictization and
validation, a third of an imported row's cost. While an import runs
(:func:`recorded_by_import`), those two receivers are disconnected, and the
importer records the same activity (:func:`record`): the same dataset dict
(``package_show``'s, as the index stores it), type, actor and permission
labels, in the dataset's own transaction.

It also records the activity of an updated row: the importer's
``package_update`` (``return_id_only`` with ``defer_commit``) returns before
it tells ckanext-activity what changed, so no activity was recorded for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.plugins import get_permission_labels  # not in toolkit
from ckan.types import Context


def _enabled() -> bool:
    return plugins.plugin_loaded("activity") and tk.asbool(
        tk.config.get("ckan.activity_streams_enabled")
    )


@contextlib.contextmanager
def recorded_by_import() -> Iterator[None]:
    """ckanext-activity's dataset create and update receivers disconnected
    meanwhile (this process is an import: the CLI, or a forked worker)."""
    if not plugins.plugin_loaded("activity"):
        yield
        return
    from ckanext.activity import subscriptions

    signal = tk.signals.action_succeeded
    receivers = (
        ("package_create", subscriptions.package_changed),
        ("package_update", subscriptions.package_updated),
    )
    taken = [(s, r) for s, r in receivers if r in signal.receivers_for(s)]
    for sender, receiver in taken:
        signal.disconnect(receiver, sender=sender)
    try:
        yield
    finally:
        for sender, receiver in taken:
            signal.connect(receiver, sender=sender)


def record(
    dataset: dict[str, Any],
    created: bool,
    modified_before: str | None,
    user: str,
) -> None:
    """Record one imported dataset's activity, uncommitted.

    ``dataset``: ``package_show``'s dict (for_view off), as indexed.
    ``modified_before``: an updated dataset's ``metadata_modified`` before
    the write; unchanged, the update records nothing (as ckanext-activity).
    A dataset updated while deleted records "deleted package" once.
    """
    if not _enabled():
        return
    if not created and dataset.get("metadata_modified") == modified_before:
        return
    package = model.Package.get(dataset["id"])
    actor = model.User.get(user)
    if package is None or actor is None:
        return
    activity_type = "new" if created else "changed"
    if not created and package.state == "deleted":
        from ckanext.activity.model import Activity

        deleted = (
            model.Session.query(Activity.id)
            .filter_by(object_id=package.id, activity_type="deleted package")
            .first()
        )
        if deleted is not None:
            return
        activity_type = "deleted"
    context: Context = {"user": actor.name, "ignore_auth": True, "defer_commit": True}
    tk.get_action("activity_create")(
        context,
        {
            "user_id": actor.id,
            "object_id": package.id,
            "activity_type": f"{activity_type} package",
            "data": {"package": dataset, "actor": actor.name},
            "permission_labels": get_permission_labels().get_dataset_labels(package),
        },
    )
