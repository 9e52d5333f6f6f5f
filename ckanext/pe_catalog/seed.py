"""Idempotent loading of the catalog's reference and sample content.

Organizations and groups are the catalog's reference data
(:mod:`ckanext.pe_catalog.reference_data`); sample datasets
from :mod:`ckanext.pe_catalog.sample_data`, with dates relative to the day they
are loaded. Everything is created or updated by name, so loading twice updates.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context

from ckanext.pe_catalog import dates

# the keyword of every sample dataset (its page says it is sample content)
SAMPLE_TAG = "datos-de-ejemplo"


def _site_context() -> Context:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _upsert(kind: str, data: dict[str, Any]) -> str:
    try:
        tk.get_action(f"{kind}_show")(_site_context(), {"id": data["name"]})
    except tk.ObjectNotFound:
        tk.get_action(f"{kind}_create")(_site_context(), dict(data))
        return "created"
    tk.get_action(f"{kind}_patch")(_site_context(), {"id": data["name"], **data})
    return "updated"


def upsert_organization(org: dict[str, Any]) -> str:
    """Create the organization, or update its fields; returns "created" or "updated"."""
    return _upsert("organization", org)


def upsert_group(group: dict[str, Any]) -> str:
    return _upsert("group", group)


def upsert_dataset(data: dict[str, Any]) -> str:
    try:
        existing = tk.get_action("package_show")(_site_context(), {"id": data["name"]})
    except tk.ObjectNotFound:
        tk.get_action("package_create")(_site_context(), dict(data))
        return "created"
    tk.get_action("package_update")(_site_context(), {**data, "id": existing["id"]})
    return "updated"


def load_sample() -> Counter[str]:
    """Create or update every sample dataset; counts by dataset type."""
    from ckanext.pe_catalog.sample_data import sample_datasets

    counts: Counter[str] = Counter()
    for data in sample_datasets(dates.today()):
        upsert_dataset(data)
        counts[data["type"]] += 1
    return counts


def ensure_sysadmin(name: str, email: str, password: str) -> str:
    """Create a sysadmin account unless a user of that name exists."""
    try:
        tk.get_action("user_show")(_site_context(), {"id": name})
        return "exists"
    except tk.ObjectNotFound:
        pass
    tk.get_action("user_create")(
        _site_context(),
        {"name": name, "email": email, "password": password, "sysadmin": True},
    )
    return "created"
