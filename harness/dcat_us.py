"""The official DCAT-US 1.1 JSON Schema (Project Open Data v1.1), as a validator.

The schema files are the official ones, unchanged (tests/data/dcat-us-1.1/):
``catalog.json`` validates a whole ``data.json`` and refers to the others by
relative ``$ref``, resolved here from the same folder. Draft-04, with formats
checked (``uri`` needs rfc3987, which requirements.txt pins).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parents[1] / "tests" / "data" / "dcat-us-1.1"


@functools.cache
def validator(document: str = "catalog.json") -> Draft4Validator:
    """A validator of ``catalog.json`` (a whole data.json) or ``dataset.json`` (one dataset)."""
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        base = contents["id"].split("#")[0]
        resources.append((base, Resource.from_contents(contents, default_specification=DRAFT4)))
    schema = json.loads((SCHEMAS / document).read_text())
    return Draft4Validator(
        schema, registry=Registry().with_resources(resources), format_checker=FormatChecker()
    )


def errors(instance: Any, document: str = "catalog.json") -> list[str]:
    """Each schema error as ``path: message``; [] for a valid document."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}"
        for error in validator(document).iter_errors(instance)
    ]
