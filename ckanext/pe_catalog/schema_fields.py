"""Reading the suite's ckanext-scheming schemas: a type's schema, its fields, one field.

The one place that looks fields up. A *schema* is scheming's dict for a dataset
type (``dataset_type``, ``dataset_fields``, ``resource_fields``, ``search_facets``...);
a *field* is one of its field dicts (``field_name``, ``label``, ``choices``,
``validators``...). Functions take a schema or a dataset type name; an unknown
type reads as a schema with no fields.
"""

from __future__ import annotations

from typing import Any, Literal

from ckanext.scheming.helpers import scheming_get_dataset_schema

Schema = dict[str, Any]
Field = dict[str, Any]
Entity = Literal["dataset", "resource"]

# output validators that store a field as a list (indexed as ``vocab_<field>``)
LIST_OUTPUT_VALIDATORS = {"pe_list_output", "scheming_multiple_choice_output"}


def schema_of(dataset_type: str | None) -> Schema | None:
    """The scheming schema of a dataset type; None for a type scheming does not know."""
    return (scheming_get_dataset_schema(dataset_type) or None) if dataset_type else None


def _schema(schema: Schema | str | None) -> Schema:
    return (schema_of(schema) if isinstance(schema, str) else schema) or {}


def fields(schema: Schema | str | None, entity: Entity = "dataset") -> list[Field]:
    """The dataset's (or a resource's) fields, in schema order."""
    return list(_schema(schema).get(f"{entity}_fields") or [])


def field_names(schema: Schema | str | None, entity: Entity = "dataset") -> list[str]:
    return [f["field_name"] for f in fields(schema, entity)]


def field(schema: Schema | str | None, name: str, entity: Entity = "dataset") -> Field | None:
    """The field called ``name``; None when the schema has none."""
    return next((f for f in fields(schema, entity) if f["field_name"] == name), None)


def choices(schema: Schema | str | None, name: str) -> list[dict[str, Any]]:
    """The ``choices`` of a dataset field (``[{"value", "label"}]``); [] for a free field."""
    found = field(schema, name)
    return list(found.get("choices") or []) if found else []


def with_validator(
    schema: Schema | str | None, validator: str, entity: Entity = "dataset"
) -> list[str]:
    """Names of the fields whose ``validators`` include ``validator``, with or
    without arguments (``pe_dataset_refs`` matches ``pe_dataset_refs(hta-report)``)."""
    return [
        f["field_name"]
        for f in fields(schema, entity)
        if any(
            token == validator or token.startswith(validator + "(")
            for token in (f.get("validators") or "").split()
        )
    ]


def list_fields(schema: Schema | str | None) -> list[str]:
    """Names of the dataset fields stored as lists (``pe_list``, scheming's multiple choice)."""
    return [
        f["field_name"]
        for f in fields(schema)
        if LIST_OUTPUT_VALIDATORS & set((f.get("output_validators") or "").split())
    ]
