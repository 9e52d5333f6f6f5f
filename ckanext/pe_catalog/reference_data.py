"""The catalog's reference data: its publishing organizations and its groups
(the topics of Peru's national open data portal, PNDA), from
``data/organizations.yaml``.

Read by the seed (which creates them in CKAN) and by the DCAT layer (the PNDA
topic titles), so neither depends on the other.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import ckan.plugins.toolkit as tk
import yaml


@functools.cache
def _reference_data() -> dict[str, Any]:
    text = (
        resources.files("ckanext.pe_catalog")
        .joinpath("data/organizations.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def organizations() -> list[dict[str, Any]]:
    """The organizations (``name``, ``title``, ``description``...), each with its
    logo served by the portal as ``image_url``.

    CKAN takes an ``image_url`` that does not start with "http" for a file
    uploaded to ``/uploads/group/``: the logo must be a full URL, so a portal
    whose ``ckan.site_url`` changes runs the seed again (it updates them).
    """
    site = tk.config.get("ckan.site_url", "").rstrip("/")
    return [
        {**org, "image_url": f"{site}/pe-catalog/org/{org['name']}.svg"}
        for org in _reference_data()["organizations"]
    ]


def groups() -> list[dict[str, Any]]:
    """The groups: PNDA topics (``name``, ``title``, ``description``)."""
    return [dict(group) for group in _reference_data()["groups"]]
