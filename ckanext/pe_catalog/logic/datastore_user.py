"""DataStore writes made by background jobs act as the site user.

ckanext-xloader's type-guessing load calls ``datastore_create`` (and its
clean-up ``datastore_delete``) with ``ignore_auth`` and no user. Both then
patch the resource's ``datastore_active`` flag, and ckanext-activity refuses to
record that change without a user ("User not found"), so every typed load
failed and xloader fell back to loading all columns as text. An internal call
without a user now acts as the site's own user, as CKAN's jobs do.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict

WRITES = ("datastore_create", "datastore_delete")


def _as_site_user(action_name: str) -> Any:
    @tk.chained_action
    def action(up_func: Action, context: Context, data_dict: DataDict) -> Any:
        if context.get("ignore_auth") and not context.get("user"):
            site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
            context["user"] = site_user["name"]
        return up_func(context, data_dict)

    action.__name__ = action_name
    return action


def actions() -> dict[str, Any]:
    """The chained DataStore writes, when the datastore plugin is enabled."""
    if not p.plugin_loaded("datastore"):
        return {}
    return {name: _as_site_user(name) for name in WRITES}
