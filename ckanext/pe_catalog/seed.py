"""Idempotent loading of the catalog's reference and sample content.

Organizations and groups are the catalog's reference data
(:mod:`ckanext.pe_catalog.reference_data`). The sample datasets are data
files, one per dataset type, in the import's YAML format
(``ckanext/pe_catalog/sample/<type>.yaml``), with dates written relative to
the day they load (:func:`resolve_dates`). They load through the import
(:mod:`ckanext.pe_catalog.bulk`), with the files of their resources generated
from their records (:mod:`ckanext.pe_catalog.sample_files`) and stored in the
FileStore. Everything is created or updated by name, so loading twice updates,
and an unchanged file is not uploaded again.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context

from ckanext.pe_catalog import bulk, dates, reference_data, sample_files, schema_fields

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


SAMPLE_DIR = Path(__file__).parent / "sample"
# in this order: a type's file may refer to datasets of the types before it
SAMPLE_TYPES = ("hta-report", "scholarship", "environmental-data")
RELATIVE_DATE = re.compile(r"\{today(?:([+-])(\d{1,5}))?(?::([^{}\n]+))?\}")


class SampleError(Exception):
    """A sample file does not load: a defect of the shipped sample."""


def resolve_dates(text: str, today: datetime.date) -> str:
    """``{today}``, ``{today+N}``, ``{today-N}`` (N days) as ISO dates, and
    ``{today±N:FORMAT}`` with a strftime FORMAT (``%d/%m/%Y``, ``%Y``)."""

    def date(match: re.Match[str]) -> str:
        sign, days, fmt = match.groups()
        offset = int(days or 0) * (-1 if sign == "-" else 1)
        day = today + datetime.timedelta(days=offset)
        return day.strftime(fmt) if fmt else day.isoformat()

    return RELATIVE_DATE.sub(date, text)


def _with_files(dataset_type: str, records: list[tuple[int, dict[str, Any]]], folder: Path) -> None:
    """Write each resource's ``sample_file`` into ``folder`` and name it as its ``upload``."""
    publishers = {o["name"]: o["title"] for o in reference_data.organizations()}
    for _row, record in records:
        for resource in record.get("resources") or []:
            spec = resource.pop("sample_file", None)
            if not spec:
                continue
            name = sample_files.file_name(resource.get("name", ""), spec["kind"])
            target = folder / record["name"] / name
            target.parent.mkdir(parents=True, exist_ok=True)
            publisher = publishers.get(record.get("owner_org", ""), "")
            target.write_bytes(sample_files.generate(dataset_type, record, spec, publisher))
            resource["upload"] = f"{record['name']}/{name}"
            resource["description"] = resource.get("description", "") + sample_files.columns_note(
                spec
            )


def _without_files(records: list[tuple[int, dict[str, Any]]]) -> None:
    for _row, record in records:
        record["resources"] = [
            r for r in record.get("resources") or [] if not r.pop("sample_file", None)
        ]


def load_sample(today: datetime.date | None = None, files: bool = True) -> Counter[str]:
    """Create or update every sample dataset of the enabled types, with its
    files unless ``files`` is False; counts by dataset type. SampleError
    names the datasets the import refused."""
    today = today or dates.today()
    counts: Counter[str] = Counter()
    context = _site_context
    for dataset_type in SAMPLE_TYPES:
        if schema_fields.schema_of(dataset_type) is None:
            continue  # its plugin is not enabled
        path = SAMPLE_DIR / f"{dataset_type}.yaml"
        records = bulk.parse(resolve_dates(path.read_text("utf-8"), today), dataset_type, "yaml")
        with tempfile.TemporaryDirectory(prefix="pe-catalog-sample-") as folder:
            if files:
                _with_files(dataset_type, records, Path(folder))
            else:
                _without_files(records)
            outcome = bulk.load(records, dataset_type, context, base_dir=Path(folder))
        if outcome.rejections:
            names = {row: record.get("name") for row, record in records}
            raise SampleError(
                "; ".join(
                    f"{path.name} {names[r.row]}: {r.field}: {r.message}"
                    for r in outcome.rejections
                )
            )
        counts[dataset_type] = outcome.created + outcome.updated
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
