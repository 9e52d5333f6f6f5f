"""Read actions that keep hidden datasets hidden (chained onto CKAN's).

- A dataset the user may not read answers as a missing one: CKAN's 403 ("User
  x not authorized to read package <id>") told a private or draft dataset from
  one that does not exist, and gave its id.
- References to other datasets (``related_reports``) come out of every read
  without the ids the reader may not read, including in the activity stream,
  whose entries keep the dataset as it was written
  (:func:`ckanext.pe_catalog.access.redact_references`).

- The activity stream shows a dataset's past only to those who may read it
  now: CKAN labels each activity with who may read it when it is written, so a
  dataset made private, or deleted, stayed in the organization's stream, for
  anonymous visitors too, with all its fields (:func:`relabel_activities`).

Search results are redacted by the guard's ``package_search``
(:func:`redact_search`), which already chains that action.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, NoReturn

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.lib.plugins import get_permission_labels  # not in toolkit
from ckan.types import Action, ChainedAction, Context, DataDict

from ckanext.pe_catalog import list_text
from ckanext.pe_catalog.access import (
    hidden_references,
    readable_ids,
    redact_references,
    reference_fields,
    reference_ids,
)


def _raise_as_missing(
    original_action: Action, context: Context, data_dict: DataDict, key: str = "id"
) -> NoReturn:
    """Raise the very error the action gives when ``key`` names nothing.

    The action runs again with a stand-in id that names nothing; a message
    that echoes the id asked for (``Subject package 'x' was not found``) gets
    the id asked for back.
    """
    stand_in, asked = str(uuid.uuid4()), data_dict.get(key)
    changed = {**data_dict, key: stand_in}
    if key == "id" and "name_or_id" in data_dict:
        changed["name_or_id"] = stand_in  # package_show reads either
    # a fresh context: CKAN's auth functions reuse an object a first run left in it
    fresh: Context = {
        "user": context.get("user", ""),
        "auth_user_obj": context.get("auth_user_obj"),
    }

    def echo(text: str, quote: bool = False) -> str:
        if not isinstance(asked, str):
            return text
        return text.replace(stand_in, json.dumps(asked)[1:-1] if quote else asked)

    try:
        original_action(fresh, changed)
    except tk.ObjectNotFound as missing:
        raise tk.ObjectNotFound(echo(str(missing))) from None
    except tk.ValidationError as missing:
        errors = json.loads(echo(json.dumps(missing.error_dict), quote=True))
        raise tk.ValidationError(errors) from None
    raise tk.ObjectNotFound()


def _as_missing(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    """Run a read whose only refusal is "may not read the dataset": it becomes a missing id."""
    ref = data_dict.get("id") if isinstance(data_dict, dict) else None
    if ref is not None and (not isinstance(ref, str) or "\x00" in ref):
        # no dataset has such an id (CKAN failed on it with a 500)
        raise tk.ObjectNotFound()
    try:
        return original_action(context, data_dict)
    except tk.NotAuthorized:
        _raise_as_missing(original_action, context, data_dict)


def _activity_as_missing(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    """Run an activity read; refused for a dataset the user may not read, it is missing.

    Refused for a dataset the user may read (CKAN shows an activity's data to
    the dataset's editors only), it stays a 403.
    """
    try:
        return original_action(context, data_dict)
    except tk.NotAuthorized:
        ref = data_dict.get("id") if isinstance(data_dict, dict) else None
        row = model.Session.execute(
            sa.text("SELECT object_id FROM activity WHERE id = :id"), {"id": str(ref)}
        ).first()
        if row is not None and row[0] in readable_ids(context, [row[0]]):
            raise
        _raise_as_missing(original_action, context, data_dict)


# actions that name a dataset (or a resource: "resource:<key>") before they
# ask whether the user may read it: the parameters that name it
NAMING_KEYS: dict[str, tuple[str, ...]] = {
    "package_patch": ("id",),
    "package_delete": ("id",),
    "dataset_purge": ("id",),
    "package_owner_org_update": ("id",),
    "package_collaborator_list": ("id",),
    "package_collaborator_create": ("id",),
    "package_collaborator_delete": ("id",),
    "package_relationships_list": ("id", "id2"),
    # (creating or updating one is refused outright: logic/input_checks.py)
    "package_relationship_delete": ("subject", "object"),
    "dataset_follower_count": ("id",),
    "dataset_follower_list": ("id",),
    "am_following_dataset": ("id",),
    "follow_dataset": ("id",),
    "unfollow_dataset": ("id",),
    "resource_update": ("resource:id",),
    "resource_patch": ("resource:id",),
    "resource_delete": ("resource:id",),
    "resource_view_reorder": ("resource:id",),
    "resource_view_create": ("resource:resource_id",),
    # a dataset added to or removed from a group or organization
    "member_create": ("object",),
    "member_delete": ("object",),
}


def _named_dataset(key: str, data_dict: DataDict) -> model.Package | None:
    is_resource, _, key = key.rpartition(":")
    ref = data_dict.get(key)
    if not isinstance(ref, str) or not ref:
        return None
    if is_resource:
        resource = model.Resource.get(ref)
        return model.Package.get(resource.package_id) if resource is not None else None
    return model.Package.get(ref)


def _naming_action(keys: tuple[str, ...]) -> ChainedAction:
    """A chained action answering as for a missing dataset when it names a hidden one.

    ``package_patch`` of a private dataset answered 403 "not authorized to
    edit package <its id>" (a name became its id), ``dataset_follower_count``
    counted its followers, ``follow_dataset`` followed it: a hidden dataset
    must not be told from a missing one by any action that names it.
    """

    def chained(original_action: Action, context: Context, data_dict: DataDict) -> Any:
        refuse_hidden(original_action, context, data_dict, keys)
        return original_action(context, data_dict)  # its own refusals otherwise

    return chained


def refuse_hidden(
    original_action: Action, context: Context, data_dict: Any, keys: tuple[str, ...]
) -> None:
    """Raise what ``original_action`` raises for a missing dataset if ``keys`` name a hidden one.

    For the chains of other modules (the guard's ``package_update`` and
    ``resource_create``); see :func:`_naming_action`.
    """
    for key in keys if isinstance(data_dict, dict) else ():
        package = _named_dataset(key, data_dict)
        if package is not None and package.id not in readable_ids(context, [package.id]):
            _raise_as_missing(original_action, context, data_dict, key.rpartition(":")[2])


def _member_list(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    """An organization's members without the datasets the user may not read."""
    members = original_action(context, data_dict)
    packages = [m[0] for m in members if len(m) > 1 and m[1] == "package"]
    readable = readable_ids(context, packages)
    return [m for m in members if len(m) < 2 or m[1] != "package" or m[0] in readable]


def _package_list_with_resources(
    original_action: Action, context: Context, data_dict: DataDict
) -> Any:
    return [redact_references(context, pkg) for pkg in original_action(context, data_dict)]


def keep_hidden_references(context: Context, data_dict: DataDict) -> None:
    """Add to an update the stored references its writer may not read.

    The writer never saw them (package_show left them out of the form and of
    ``package_patch``'s starting point), so cannot have meant to remove them.
    """
    ref = data_dict.get("id") or data_dict.get("name")
    package = model.Package.get(ref) if isinstance(ref, str) and ref else None
    if package is None:
        return
    fields = reference_fields(package.type)
    if not fields:
        return  # most updates: no references to keep, no extra read
    # the stored list, straight from the extras (no package_show on every update)
    stored = {
        "type": package.type,
        "extras": [{"key": f, "value": package.extras[f]} for f in fields if package.extras.get(f)],
    }
    for field, ids in hidden_references(context, stored).items():
        given = data_dict.get(field)
        items = [] if given in (None, "", []) else list_text.split(given)
        if items is not None:  # a malformed value is the validator's to refuse
            data_dict[field] = [*items, *(i for i in ids if i not in items)]


def _package_show(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    if isinstance(data_dict, dict) and data_dict.get("id") is None and "name_or_id" in data_dict:
        # CKAN 2.12 finds the dataset by name_or_id, then its auth function asks
        # for id: every existing dataset answered 409, a missing one 404
        data_dict = {**data_dict, "id": data_dict["name_or_id"]}
    return redact_references(context, _as_missing(original_action, context, data_dict))


def redact_search(context: Context, result: Any) -> Any:
    """A package_search result without the references its reader may not read.

    One permission query for the whole page. With ``fl``, a result holds the
    stored dataset as JSON text (``validated_data_dict``, ``data_dict``):
    redacted too.
    """
    results = result.get("results", []) if isinstance(result, dict) else []
    pkgs = [pkg for pkg in results if isinstance(pkg, dict)]
    stored = {
        (n, key): json.loads(pkg[key])
        for n, pkg in enumerate(pkgs)
        for key in ("validated_data_dict", "data_dict")
        if isinstance(pkg.get(key), str)
    }
    wanted = reference_ids([*pkgs, *stored.values()])
    if not wanted:
        return result
    readable = readable_ids(context, wanted)
    for pkg in pkgs:
        redact_references(context, pkg, readable)
    for (n, key), dataset in stored.items():
        if hidden_references(context, dataset, readable):
            pkgs[n][key] = json.dumps(redact_references(context, dataset, readable))
    return result


def _redact_activity(context: Context, activity: Any) -> Any:
    data = activity.get("data") if isinstance(activity, dict) else None
    if isinstance(data, dict) and isinstance(data.get("package"), dict):
        redact_references(context, data["package"])
    return activity


def _about_hidden_views(context: Context, activities: list[Any]) -> set[str]:
    """Ids of activities on a resource view of a dataset the reader may not read.

    CKAN filters a stream by the dataset's permission labels only for the
    ``* package`` activities (ckanext-activity's
    ``_filter_activities_by_permission_labels``); a ``new resource view``
    activity (one per preview the portal creates) names the dataset, its
    resource and the view all the same.
    """
    views = {
        a["id"]: a.get("object_id")
        for a in activities
        if isinstance(a, dict) and str(a.get("activity_type") or "").endswith("resource view")
    }
    if not views:
        return set()
    readable = readable_ids(context, views.values())
    return {activity for activity, dataset in views.items() if dataset not in readable}


def _activity_list(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    activities = original_action(context, data_dict)
    hidden = _about_hidden_views(context, activities)
    return [_redact_activity(context, a) for a in activities if a.get("id") not in hidden]


def _package_activity_list(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    # as the dataset itself: missing
    activities = _as_missing(original_action, context, data_dict)
    return [_redact_activity(context, a) for a in activities]


def _activity_show(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    if isinstance(data_dict, dict):
        # documented as optional, but CKAN 2.12's auth function reads it (a 500)
        data_dict.setdefault("include_data", False)
    return _redact_activity(context, _activity_as_missing(original_action, context, data_dict))


def _activity_data_show(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    data = _activity_as_missing(original_action, context, data_dict)
    if data_dict.get("object_type") == "package":
        return redact_references(context, data)
    return _redact_activity(context, {"data": data})["data"]


def _activity_diff(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    result = _activity_as_missing(original_action, context, data_dict)
    hidden: set[str] = set()
    for activity in result.get("activities", []):
        package = (activity.get("data") or {}).get("package")
        if isinstance(package, dict):
            hidden.update(i for ids in hidden_references(context, package).values() for i in ids)
        _redact_activity(context, activity)
    if hidden:
        # the diff is of the stored JSON, one list item per line; a line
        # naming a hidden dataset goes, and any other mention of its id too
        lines = [line for line in result["diff"].split("\n") if not any(i in line for i in hidden)]
        diff = "\n".join(lines)
        for id_ in hidden:
            diff = diff.replace(id_, "")
        result["diff"] = diff
    return result


# --- free tags ----------------------------------------------------------------
#
# CKAN's tag actions read the tag table, whatever the state or privacy of the
# datasets a tag is on: a private or deleted dataset's keywords were listed to
# anyone (tag_list, tag_search, tag_autocomplete), and tag_show's datasets
# included drafts and deleted ones. A free tag now exists for a reader when a
# dataset they may find in a search carries it; vocabulary tags are the
# vocabulary's terms and stay as they are.


def _findable_tags(context: Context) -> set[str]:
    """Names of the free tags on the datasets the context's user may find in a search."""
    reader: Context = {
        "user": context.get("user", ""),
        "auth_user_obj": context.get("auth_user_obj"),
    }
    result = tk.get_action("package_search")(
        reader,
        {
            "rows": 0,
            "facet.field": ["tags"],
            "facet.limit": -1,
            "facet.mincount": 1,
            "include_private": True,
            "include_drafts": True,
        },
    )
    return set(result["facets"].get("tags", {}))


def _tag_name(tag: Any) -> Any:
    return tag.get("name") if isinstance(tag, dict) else tag


def _tag_list(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    tags = original_action(context, data_dict)
    if data_dict.get("vocabulary_id") or not isinstance(tags, list):
        return tags
    findable = _findable_tags(context)
    return [t for t in tags if _tag_name(t) in findable]


def _tag_search(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    found = original_action(context, data_dict)
    if data_dict.get("vocabulary_id") or not isinstance(found, dict):
        return found
    findable = _findable_tags(context)
    results = [t for t in found.get("results", []) if _tag_name(t) in findable]
    hidden = len(found.get("results", [])) - len(results)
    return {**found, "results": results, "count": max(found.get("count", 0) - hidden, 0)}


def _tag_show(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    tag = original_action(context, data_dict)
    if tag.get("vocabulary_id"):
        return tag
    if tag.get("name") not in _findable_tags(context):
        # as for a tag that does not exist
        original_action({"user": context.get("user", "")}, {**data_dict, "id": str(uuid.uuid4())})
    packages = [p for p in tag.get("packages") or [] if isinstance(p, dict)]
    if packages:
        readable = readable_ids(context, (p.get("id") for p in packages))
        tag["packages"] = [
            redact_references(context, p)
            for p in packages
            if p.get("id") in readable and p.get("state") == "active"
        ]
    return tag


def relabel_activities(package_id: str, state: str | None = None) -> None:
    """Give every activity of the dataset the dataset's current permission labels.

    Called after each update and deletion (CKAN's ``bulk_update_*`` go through
    ``package_patch``), so the stream's own filter, and ``activity_show``'s
    check, follow the dataset's visibility. ``state``: the state the dataset is
    about to take (``package_delete`` calls its plugins before it deletes).
    """
    package = model.Package.get(package_id)
    if package is None or not p.plugin_loaded("activity"):
        return
    current = package.state
    package.state = state or current
    try:
        labels = get_permission_labels().get_dataset_labels(package)
    finally:
        package.state = current
    model.Session.execute(
        sa.text("UPDATE activity SET permission_labels = :labels WHERE object_id = :id"),
        {"labels": labels, "id": package.id},
    )


def _chained(function: ChainedAction, reads: bool) -> ChainedAction:
    """A chained action of its own (CKAN copies its attributes onto the chain)."""

    def chained(original_action: Action, context: Context, data_dict: DataDict) -> Any:
        return function(original_action, context, data_dict)

    chained.__name__ = function.__name__
    # a read stays callable by GET; a write (follow_dataset) must not become one
    return tk.chained_action(tk.side_effect_free(chained) if reads else chained)


# the chained actions that change something: never callable by GET
WRITES = {
    name
    for name in NAMING_KEYS
    if name.split("_")[-1] in ("patch", "delete", "purge", "create", "update", "reorder")
    or name in ("follow_dataset", "unfollow_dataset")
}


ACTIVITY_LISTS = (
    "package_activity_list",
    "organization_activity_list",
    "group_activity_list",
    "user_activity_list",
    "dashboard_activity_list",
    "recently_changed_packages_activity_list",
)


def actions() -> dict[str, ChainedAction]:
    """The chained actions, for the pe_catalog plugin's ``IActions``."""
    found: dict[str, ChainedAction] = {
        "package_show": _package_show,
        "resource_show": _as_missing,
        "resource_view_list": _as_missing,
        "resource_view_show": _as_missing,
        "member_list": _member_list,
        "current_package_list_with_resources": _package_list_with_resources,
    }
    found.update({name: _naming_action(keys) for name, keys in NAMING_KEYS.items()})
    if p.plugin_loaded("activity"):
        found.update({name: _activity_list for name in ACTIVITY_LISTS})
        found["package_activity_list"] = _package_activity_list
        found["activity_show"] = _activity_show
        found["activity_data_show"] = _activity_data_show
        found["activity_diff"] = _activity_diff
    found.update(
        {
            "tag_list": _tag_list,
            "tag_autocomplete": _tag_list,
            "tag_search": _tag_search,
            "tag_show": _tag_show,
        }
    )
    return {name: _chained(function, name not in WRITES) for name, function in found.items()}
