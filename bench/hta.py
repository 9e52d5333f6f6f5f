"""Benchmark: hta-report against CKAN's stock ``dataset`` type with the same text volume.

Medians of package_create, package_show and a faceted package_search, measured
in the same run, interleaved so that machine drift hits both alike.

    make bench-hta            (or: .venv/bin/python -m bench.hta --n 100)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import OrderedDict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    ckan_app,
    core_package_create,
    median_ms,
    report,
    sysadmin_context,
    timed,
)
from harness.sample import dataset_dict

STOCK_FACETS = ["organization", "groups", "tags", "res_format", "license_id"]
TEXT_FIELDS = [
    "title",
    "notes",
    "technology_name",
    "condition",
    "population",
    "intervention",
    "comparator",
    "outcomes",
]


def hta_record(i: int, org: str) -> dict:
    return dataset_dict(
        "hta-report",
        org,
        name=f"bench-hta-{i}",
        report_code=f"BENCH-HTA-{i:05d}",
        atc_codes=["L01FF02", "L01XC18"][: 1 + i % 2],
        icd10_codes=[["C34.9"], ["C50.9", "E11"], ["I10"]][i % 3],
        tag_string="oncología,inmunoterapia",
        resources=[{"url": "https://example.org/informe.pdf", "format": "PDF"}],
    )


def stock_record(i: int, org: str, hta: dict) -> dict:
    """A stock dataset carrying the same text as the HTA record, in notes."""
    text = "\n\n".join(str(hta[f]) for f in TEXT_FIELDS if hta.get(f))
    return {
        "type": "dataset",
        "name": f"bench-stock-{i}",
        "title": hta["title"],
        "notes": text,
        "owner_org": org,
        "tag_string": "oncología,inmunoterapia",
        "extras": [{"key": "report_code", "value": f"BENCH-STOCK-{i:05d}"}],
        "resources": hta["resources"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100, help="datasets of each type")
    args = parser.parse_args()

    import ckan.plugins as p
    import ckan.plugins.toolkit as tk

    # the base class, not HtaPlugin: CKAN's blanket decorators type a decorated
    # plugin class as type[Plugin]
    from ckanext.pe_catalog.dataset_type import DatasetTypePlugin

    with ckan_app():
        ctx = sysadmin_context()
        # the facets the /hta-report page asks for, from the schema's search_facets
        hta_plugin = p.get_plugin("hta")
        assert isinstance(hta_plugin, DatasetTypePlugin)
        hta_facets = list(hta_plugin.dataset_facets(OrderedDict(), "hta-report"))
        org = "bench-org"
        try:
            tk.get_action("organization_show")(ctx(), {"id": org})
        except tk.ObjectNotFound:
            tk.get_action("organization_create")(ctx(), {"name": org, "title": "Bench"})

        def create_one(kind: str, record: dict) -> dict:
            # stock records through CKAN's own action (the suite's guard refuses
            # the type), reports through the portal's chained one
            if kind == "stock":
                return core_package_create(ctx, dict(record))
            return tk.get_action("package_create")(ctx(), dict(record))

        create = {"hta": [], "stock": []}
        show = {"hta": [], "stock": []}
        names = {"hta": [], "stock": []}
        try:
            for i in range(args.n):
                hta = hta_record(i, org)
                stock = stock_record(i, org, hta)
                for kind, record in (("hta", hta), ("stock", stock)):
                    ms, pkg = timed(lambda k=kind, r=record: create_one(k, r))
                    create[kind].append(ms)
                    names[kind].append(pkg["name"])
            for _ in range(3):
                for i in range(args.n):
                    for kind in ("hta", "stock"):
                        name = names[kind][i]
                        ms, _pkg = timed(
                            lambda n=name: tk.get_action("package_show")(ctx(), {"id": n})
                        )
                        show[kind].append(ms)
            search = {"hta": [], "stock": []}
            queries = {
                "hta": {
                    "q": "pembrolizumab",
                    "fq": "+dataset_type:hta-report +organization:bench-org",
                    "facet.field": json.dumps(hta_facets),
                    "rows": 20,
                },
                "stock": {
                    "q": "pembrolizumab",
                    "fq": "+dataset_type:dataset +organization:bench-org",
                    "facet.field": json.dumps(STOCK_FACETS),
                    "rows": 20,
                },
            }
            for _ in range(50):
                for kind in ("hta", "stock"):
                    ms, result = timed(
                        lambda k=kind: tk.get_action("package_search")(ctx(), dict(queries[k]))
                    )
                    assert result["count"] == args.n, (kind, result["count"])
                    search[kind].append(ms)
        finally:
            for kind in ("hta", "stock"):
                for name in names[kind]:
                    tk.get_action("dataset_purge")(ctx(), {"id": name})

        report(
            f"hta-report vs stock dataset, {args.n} datasets each (medians)",
            [
                ("package_create", median_ms(create["hta"]), median_ms(create["stock"])),
                ("package_show", median_ms(show["hta"]), median_ms(show["stock"])),
                ("faceted package_search", median_ms(search["hta"]), median_ms(search["stock"])),
            ],
            ("hta-report", "dataset"),
        )


if __name__ == "__main__":
    main()
