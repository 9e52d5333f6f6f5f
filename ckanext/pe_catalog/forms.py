"""What the dataset forms tell assistive technology.

ckanext-scheming marks a required field with a visual asterisk only; a screen
reader does not announce it (WCAG 1.3.1, 3.3.2). Every scheming form snippet
passes a field's ``form_attrs`` to its control, so a required field gets
``aria-required="true"`` there, once, when the portal starts.
"""

from __future__ import annotations

from typing import Any

from ckanext.scheming.helpers import scheming_dataset_schemas, scheming_field_required

from ckanext.pe_catalog import schema_fields

# snippets that put form_attrs on a wrapper, not on the control
_WRAPPED = {"organization.html"}


def _mark(fields: list[dict[str, Any]]) -> None:
    for field in fields:
        if scheming_field_required(field) and field.get("form_snippet") not in _WRAPPED:
            field["form_attrs"] = {**field.get("form_attrs", {}), "aria-required": "true"}
        _mark(field.get("repeating_subfields") or [])


def mark_required_fields() -> None:
    """Add ``aria-required="true"`` to the form attributes of every required
    dataset and resource field of every loaded schema (idempotent)."""
    for schema in (scheming_dataset_schemas(expanded=True) or {}).values():
        _mark(schema_fields.fields(schema))
        _mark(schema_fields.fields(schema, "resource"))
