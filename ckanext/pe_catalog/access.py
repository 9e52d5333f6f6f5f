"""What the current user may see, for the suite's own pages."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.plugins import get_permission_labels  # not in toolkit
from ckan.types import Context

from ckanext.pe_catalog import schema_fields


def user_context() -> Context:
    """An action context for the request's user (anonymous included)."""
    return {"user": tk.current_user.name, "auth_user_obj": tk.current_user}


def visible_dataset(name: str, dataset_type: str) -> dict[str, Any]:
    """The dataset as the user may see it; 404 when missing, private to them or of another type.

    Missing and forbidden look alike, so a page reveals nothing about private records.
    """
    try:
        pkg = tk.get_action("package_show")(user_context(), {"id": name})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Dataset not found"))
    if pkg.get("type") != dataset_type:
        return tk.abort(404, tk._("Dataset not found"))
    return pkg


def public_dataset(id_or_name: str) -> dict[str, Any] | None:
    """The dataset if anyone may see it, else None.

    What the catalog publishes (DCAT, schema.org): never a private, draft or
    deleted dataset, not even its identifier, whoever asks.
    """
    try:
        pkg = tk.get_action("package_show")({"ignore_auth": True}, {"id": id_or_name})
    except tk.ObjectNotFound:
        return None
    return None if pkg.get("private") or pkg.get("state") != "active" else pkg


# --- references to other datasets -----------------------------------------
#
# A field validated by ``pe_dataset_refs`` (``related_reports``) stores the ids
# of other datasets. Whoever reads a dataset sees only the references they may
# read themselves; the stored list keeps them all.

REFERENCE_VALIDATOR = "pe_dataset_refs"


# dataset type -> (its schema, the schema's reference fields): every search
# result and every read asks; reading the validators costs about 17 µs a time
_reference_fields: dict[str, tuple[object, list[str]]] = {}


def reference_fields(dataset_type: str) -> list[str]:
    """Names of the schema's fields that hold dataset ids (``pe_dataset_refs``)."""
    schema = schema_fields.schema_of(dataset_type)
    kept = _reference_fields.get(dataset_type)
    if kept is None or kept[0] is not schema:  # schemas reloaded (plugins reloaded in tests)
        kept = (schema, schema_fields.with_validator(schema, REFERENCE_VALIDATOR))
        _reference_fields[dataset_type] = kept
    return list(kept[1])


def readable_ids(context: Context, ids: Iterable[Any]) -> set[str]:
    """The ids, among ``ids``, of datasets the context's user may read.

    CKAN's own rule (``package_show``'s permission labels), for all the ids in
    one query: public active datasets for everyone; private, draft and deleted
    ones for their creator, their organization's members and sysadmins; an id
    of no dataset for nobody else. A context with ``ignore_auth`` (the search
    index, the catalog's own reads) and a sysadmin read every id.
    """
    wanted = {i for i in ids if isinstance(i, str)}
    if not wanted:
        return set()
    user = _user(context)
    if context.get("ignore_auth") or (user is not None and user.sysadmin):
        return wanted  # ids of datasets not (yet) here too: nothing is hidden from them
    packages = model.Session.query(model.Package).filter(model.Package.id.in_(wanted)).all()
    labels = get_permission_labels()
    user_labels = set(labels.get_user_dataset_labels(user))  # type: ignore[arg-type]
    return {p.id for p in packages if user_labels.intersection(labels.get_dataset_labels(p))}


def _user(context: Context) -> model.User | None:
    user = context.get("auth_user_obj")
    if isinstance(user, model.User):
        return user
    name = context.get("user")
    return model.User.get(name) if isinstance(name, str) and name else None


def _references(pkg: dict[str, Any]) -> dict[str, list[str]]:
    """``{field: [ids]}`` as the dataset dict holds them: fields, or CKAN's ``extras``
    (``use_default_schema``, the search index's ``data_dict``) with JSON text values."""
    fields = reference_fields(pkg.get("type") or "")
    refs = {f: pkg[f] for f in fields if isinstance(pkg.get(f), list) and pkg[f]}
    for extra in pkg.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key") in fields:
            try:
                value = json.loads(extra.get("value") or "[]")
            except (TypeError, ValueError):
                continue
            if isinstance(value, list) and value:
                refs[extra["key"]] = value
    return refs


def reference_ids(pkgs: Iterable[Any]) -> set[str]:
    """Every id the datasets refer to (to ask :func:`readable_ids` once for a list)."""
    return {
        i for pkg in pkgs if isinstance(pkg, dict) for ids in _references(pkg).values() for i in ids
    }


def hidden_references(
    context: Context, pkg: dict[str, Any], readable: set[str] | None = None
) -> dict[str, list[str]]:
    """``{field: [ids]}``: the references of ``pkg`` the context's user may not read.

    ``readable``: the answer of :func:`readable_ids` for these ids, if known.
    """
    refs = _references(pkg) if isinstance(pkg, dict) else {}
    if not refs:
        return {}
    if readable is None:
        readable = readable_ids(context, (i for ids in refs.values() for i in ids))
    hidden = {f: [i for i in ids if i not in readable] for f, ids in refs.items()}
    return {f: ids for f, ids in hidden.items() if ids}


def redact_references(
    context: Context, pkg: dict[str, Any], readable: set[str] | None = None
) -> dict[str, Any]:
    """``pkg`` without the references its reader may not read (changed in place)."""
    for field, ids in hidden_references(context, pkg, readable).items():
        if isinstance(pkg.get(field), list):
            pkg[field] = [i for i in pkg[field] if i not in ids]
        for extra in pkg.get("extras") or []:
            if isinstance(extra, dict) and extra.get("key") == field:
                kept = [i for i in json.loads(extra["value"]) if i not in ids]
                extra["value"] = json.dumps(kept)
    return pkg
