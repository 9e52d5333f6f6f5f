"""What the current user may see, for the suite's own pages."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk


def visible_dataset(name: str, dataset_type: str) -> dict[str, Any]:
    """The dataset as the user may see it; 404 when missing, private to them or of another type.

    Missing and forbidden look alike, so a page reveals nothing about private records.
    """
    context = {"user": tk.current_user.name, "auth_user_obj": tk.current_user}
    try:
        pkg = tk.get_action("package_show")(context, {"id": name})
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
