"""Validators of the pronabec plugin."""

from __future__ import annotations

import json

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.pe_catalog.codes import CODE_FORMATS
from ckanext.pe_catalog.logic.validators import report_refused
from ckanext.pe_catalog.ubigeo import NATIONAL


def pronabec_eligible_regions(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """Either the single value "nacional" or INEI department codes (after pe_list)."""
    if errors[key] or key not in data:
        return
    regions = json.loads(data[key])
    if NATIONAL in (r.lower() for r in regions):
        if len(regions) > 1:
            errors[key].append(
                tk._('"nacional" already covers every region: give it alone, or department codes')
            )
        else:
            data[key] = json.dumps([NATIONAL])
        return
    department = CODE_FORMATS["department"]
    codes: list[str] = []
    refused: list[str] = []
    for region in regions:
        code = department.normalise(region)
        if not department.accepts(code):
            refused.append(department.message(region))
        elif code not in codes:
            codes.append(code)
    report_refused(errors[key], refused)
    if not errors[key]:
        data[key] = json.dumps(sorted(codes))


__all__ = ["pronabec_eligible_regions"]
