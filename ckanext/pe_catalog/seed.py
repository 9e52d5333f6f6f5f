"""Idempotent loading of the catalog's reference content (organizations)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import ckan.plugins.toolkit as tk
import yaml


def _site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def load_organizations() -> list[dict[str, Any]]:
    data = (
        resources.files("ckanext.pe_catalog")
        .joinpath("data/organizations.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(data)["organizations"]


def upsert_organization(org: dict[str, Any]) -> str:
    """Create the organization, or update its fields; returns "created" or "updated"."""
    try:
        tk.get_action("organization_show")(_site_context(), {"id": org["name"]})
    except tk.ObjectNotFound:
        tk.get_action("organization_create")(_site_context(), dict(org))
        return "created"
    tk.get_action("organization_patch")(_site_context(), {"id": org["name"], **org})
    return "updated"


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
