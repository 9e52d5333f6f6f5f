"""Benchmark: the harvest endpoints and a CKAN harvester run.

1. One ``/catalog.ttl`` page of 100 datasets (the whole HTTP request, with the
   DCAT-AP 3 serialization) against ``package_search`` returning the same 100
   datasets (same query, sort and rows as ckanext-dcat's), interleaved, in the
   test app (test.ini's database and Solr core).
2. ckanext-harvest's CKAN harvester harvesting N datasets (a mix of the three
   types) from a source CKAN served over HTTP into a second CKAN running this
   suite; both instances are the harvesting tests' (harness/instance.py). The
   baseline, in the same run, is loading the same datasets into the source
   with ``ckan pe-catalog import`` (the same validation and indexing, no HTTP).

    make bench-harvest      (or: .venv/bin/python -m bench.harvest --n 1000)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    bulk_create,
    ckan_app,
    median_ms,
    mixed_record,
    report,
    sysadmin_context,
    timed,
)
from harness.instance import CkanInstance
from harness.sample import DATASET_TYPES

CATALOG_ORG = "bench-dcat"
PAGE = 100


def catalog_page(repeats: int) -> None:
    """One catalog page of 100 against package_search of the same 100, interleaved.

    Per format: the plain page warm (kept whole), the same datasets through a
    filtered page (``fq``: joined from kept fragments every time), the plain
    page after one change (one dataset on it edited: one fragment built), cold
    (nothing kept, as after a reindex) and, for reference, the page built
    whole as ckanext-dcat does (the search plus one graph serialised at once:
    the code before the fragments).
    """
    import ckan.plugins.toolkit as tk
    from ckan.lib.redis import connect_to_redis

    from ckanext.pe_catalog.rdf import fragments

    with ckan_app() as flask_app:
        ctx = sysadmin_context()
        records = (mixed_record(i, CATALOG_ORG, "bench-dcat") for i in range(PAGE))
        bulk_create(ctx, CATALOG_ORG, records, PAGE)
        client = flask_app.test_client()
        redis = connect_to_redis()
        # what ckanext-dcat asks package_search for the first plain page
        query = {
            "q": "*:*",
            "fq_list": ["-dataset_type:harvest", "-dataset_type:showcase"],
            "rows": PAGE,
            "start": 0,
            "sort": "metadata_modified desc",
        }
        search_ms: list[float] = []
        rows: dict[str, list[float]] = {}

        def search() -> list[dict]:
            ms, result = timed(lambda: tk.get_action("package_search")({}, dict(query)))
            assert len(result["results"]) == PAGE
            search_ms.append(ms)
            return result["results"]

        api_ms: list[float] = []
        api_url = "/api/3/action/package_search?" + urlencode(query, doseq=True)

        def api() -> None:
            ms, response = timed(lambda: client.get(api_url))
            assert response.status_code == 200 and len(response.json["result"]["results"]) == PAGE
            api_ms.append(ms)

        def page(fmt: str, label: str, filtered: bool = False) -> None:
            url = f"/catalog.{fmt}" + (f"?fq=%2Borganization:{CATALOG_ORG}" if filtered else "")
            ms, response = timed(lambda: client.get(url))
            assert response.status_code == 200, response.status_code
            rows.setdefault(f"{label} .{fmt}", []).append(ms)

        def forget() -> None:
            for prefix in (fragments.PREFIX, fragments.PAGE_PREFIX):
                for key in redis.scan_iter(prefix + "*"):
                    redis.delete(key)

        for i in range(repeats):
            for fmt in ("ttl", "jsonld"):
                # the previous cold read dropped every format's
                page(fmt, "fill")
                page(fmt, "fill", filtered=True)
                datasets = search()
                api()
                page(fmt, "warm, plain page")
                search()
                page(fmt, "warm, filtered page", filtered=True)
                search()
                # an edit of one dataset on the page: its fragments are dropped
                tk.get_action("package_patch")(
                    ctx(), {"id": datasets[-1]["id"], "notes": f"Editado {i} {fmt}"}
                )
                page(fmt, "after one change")
                search()
                forget()
                page(fmt, "cold (none kept)")
                datasets = search()
                ms, _ = timed(lambda d=datasets, f=fmt: fragments.whole_page(d, f, None, {}))
                rows.setdefault(f"whole build .{fmt}", []).append(ms + search_ms[-1])
        baseline, over_http = median_ms(search_ms), median_ms(api_ms)
        rounds = f"{repeats} rounds (medians)"
        measured = sorted((k, v) for k, v in rows.items() if not k.startswith("fill"))
        report(
            f"one catalog page of {PAGE} datasets against package_search of the same "
            f"{PAGE} in the process ({baseline:.2f} ms), {rounds}",
            [(label, median_ms(samples), baseline) for label, samples in measured],
            ("page", "search"),
        )
        report(
            f"the same pages against package_search of the same {PAGE} through the API "
            f"(an HTTP request like the page's: {over_http:.2f} ms), {rounds}",
            [(label, median_ms(samples), over_http) for label, samples in measured],
            ("page", "API"),
        )


def harvest(n: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-harvest-"))
    source = CkanInstance("source", workdir, redis_db=3)
    target = CkanInstance(
        "target", workdir, redis_db=2, extra_plugins=("harvest", "ckan_harvester")
    )
    print(f"\nloading {n} datasets into the source catalog...", flush=True)
    source.reset()
    source.ckan("pe-catalog", "seed", "--no-sample")
    load_seconds = 0.0
    for dataset_type in DATASET_TYPES:
        path = workdir / f"{dataset_type}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(n):
                data = mixed_record(i, "ins", "bench-harvest")
                if data.pop("type") == dataset_type:
                    out.write(json.dumps(data, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        source.ckan("pe-catalog", "import", str(path), "--type", dataset_type)
        load_seconds += time.perf_counter() - started

    target.reset()
    target.action("organization_create", name="portal-nacional", title="Portal nacional")
    with source.serve():
        target.action(
            "harvest_source_create",
            name="bench",
            title="bench",
            url=source.url + "/",
            source_type="ckan",
            owner_org="portal-nacional",
            frequency="MANUAL",
            config=json.dumps({"remote_orgs": "create"}),
        )
        print("harvesting...", flush=True)
        full = target.driver("harvest", "bench")
        again = target.driver("harvest", "bench")
    assert full["stats"]["added"] == n, full["stats"]
    assert not full["object_errors"], list(full["object_errors"].values())[:3]

    per_dataset_harvest = full["seconds"] / n * 1000
    per_dataset_load = load_seconds / n * 1000
    print(f"\nCKAN harvester, {n} datasets (a third of each type)")
    print(f"{'':<44}{'harvest':>12}{'import':>12}{'ratio':>9}")
    print(
        f"{'ms per dataset (whole run / n)':<44}{per_dataset_harvest:>12.1f}"
        f"{per_dataset_load:>12.1f}{per_dataset_harvest / per_dataset_load:>9.2f}"
    )
    print(f"{'whole run, s':<44}{full['seconds']:>12.1f}{load_seconds:>12.1f}")
    print(f"median import of one harvested dataset: {statistics.median(full['import_ms']):.1f} ms")
    print(f"incremental re-run with nothing changed: {again['seconds']:.1f} s ({again['stats']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="datasets to harvest")
    parser.add_argument("--repeats", type=int, default=15, help="catalog page rounds")
    parser.add_argument("--pages-only", action="store_true", help="skip the harvester run")
    args = parser.parse_args()
    catalog_page(args.repeats)
    if not args.pages_only:
        harvest(args.n)


if __name__ == "__main__":
    main()
