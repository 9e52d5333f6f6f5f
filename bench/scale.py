"""Benchmark: the catalog at 100,000 datasets (test database and Solr core).

1. Loads the sample catalog (88 datasets of the three types) and times three
   searches, each ``--repeats`` times, through ``package_search``: the
   student's query (scholarships open now in a region, for a level, faceted),
   the researcher's faceted HTA query, and a box search of environmental data.
   This is the baseline.
2. Indexes ``--n`` more datasets (default 100,000) into the same core: copies of
   the sample's validated records with new ids, names and titles, through
   CKAN's own indexing (``PackageSearchIndex.index_package``, the suite's
   ``before_dataset_index`` included), committed once at the end. Prints the
   build time and rate. The copies are in Solr only (not in PostgreSQL), which
   is what the searches read; they are deleted at the end.
3. Times the same three searches at that size: p50 and p95, and the ratio to the
   baseline.
4. Memory per web worker: gunicorn (config/gunicorn.conf.py, 2 workers) on
   test.ini serving 200 requests of these searches and dataset pages; the
   resident memory (RSS and PSS) of each worker.

    .venv/bin/python -m bench.scale                (not while the tests run)
    .venv/bin/python -m bench.scale --n 10000 --repeats 20 --ini other-test.ini
"""

from __future__ import annotations

import argparse
import copy
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ckan_app
from bench.load import free_port, start, stop, wait_for

BENCH_TAG = "bench-scale"
COUNTS: dict[str, int] = {}  # datasets found by each search, last run
BBOX = "-73.0,-15.0,-70.5,-12.0"  # around Cusco


def searches() -> dict[str, dict[str, Any]]:
    return {
        "student query": {
            "fq": "+dataset_type:scholarship +open_now:true +vocab_region:08 "
            "+vocab_education_levels:pregrado",
            "facet.field": [
                "program",
                "instrument_type",
                "vocab_education_levels",
                "vocab_region",
                "open_now",
            ],
            "rows": 20,
        },
        "HTA faceted query": {
            "q": "cáncer",
            "fq": "+dataset_type:hta-report",
            "facet.field": ["organization", "report_type", "technology_type", "recommendation"],
            "rows": 20,
        },
        "box search": {
            "fq": "+dataset_type:environmental-data",
            "extras": {"ext_bbox": BBOX},
            "rows": 20,
        },
    }


def time_searches(repeats: int) -> dict[str, list[float]]:
    import ckan.plugins.toolkit as tk

    samples: dict[str, list[float]] = {name: [] for name in searches()}
    for _ in range(repeats):
        for name, query in searches().items():
            started = time.perf_counter()
            found = tk.get_action("package_search")({"ignore_auth": True}, copy.deepcopy(query))
            samples[name].append((time.perf_counter() - started) * 1000)
            COUNTS[name] = found["count"]
    return samples


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def templates() -> list[dict[str, Any]]:
    """The sample's datasets as CKAN indexes them (default and custom schema)."""
    from ckan import logic, model

    ids = [
        i for (i,) in model.Session.query(model.Package.id).filter(model.Package.state == "active")
    ]
    found = []
    for package_id in ids:
        default, custom = logic.package_show_default_and_custom_schemas(
            {"ignore_auth": True}, package_id
        )
        found.append(dict(default, with_custom_schema=custom))
    return found


def seeded_templates(ini: Path) -> list[dict[str, Any]]:
    """The sample catalog loaded into ``ini``'s database (copies of an earlier
    run removed from Solr), as :func:`templates`."""
    from ckan.cli.cli import ckan
    from click.testing import CliRunner

    remove_copies()
    result = CliRunner().invoke(ckan, ["-c", str(ini), "pe-catalog", "seed"])
    if result.exit_code:
        raise SystemExit(result.output)
    return templates()


def copy_of(template: dict[str, Any], i: int) -> dict[str, Any]:
    doc = copy.deepcopy(template)
    new_id = str(uuid.uuid4())
    for data in (doc, doc["with_custom_schema"]):
        data["id"] = new_id
        data["name"] = f"{template['name'][:80]}-{i}"
        data["title"] = f"{template['title']} ({i})"
        data["tags"] = [*data.get("tags", []), {"name": BENCH_TAG, "state": "active"}]
        for resource in data.get("resources", []):
            resource["id"] = str(uuid.uuid4())
            resource["package_id"] = new_id
    return doc


def build(n: int, docs: list[dict[str, Any]]) -> float:
    from ckan import model
    from ckan.lib import search

    index = search.index_for(model.Package)
    started = time.perf_counter()
    for i in range(n):
        index.index_package(copy_of(docs[i % len(docs)], i), defer_commit=True)
        if (i + 1) % 10000 == 0:
            print(f"  indexed {i + 1}/{n}", file=sys.stderr, flush=True)
    search.commit()
    return time.perf_counter() - started


def remove_copies() -> None:
    from ckan.lib.search.common import make_connection

    connection = make_connection()
    connection.delete(q=f"tags:{BENCH_TAG}", commit=True)


def worker_memory(ini: Path, names: list[str]) -> list[tuple[int, int]]:
    """(RSS, PSS) in MiB of each gunicorn worker after serving searches and pages."""
    import http.client
    import os
    import urllib.parse

    port = free_port()
    os.environ["WEB_CONCURRENCY"] = "2"
    proc = start("production", ini, port)
    try:
        wait_for(port, proc)
        paths = [
            "/scholarship/?vocab_region=cusco",
            "/hta-report/?q=c%C3%A1ncer",
            "/environmental-data/?ext_bbox=" + urllib.parse.quote(BBOX),
            *(f"/dataset/{name}" for name in names[:20]),
        ]
        for i in range(200):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", paths[i % len(paths)])
            conn.getresponse().read()
            conn.close()
        children = subprocess.run(
            ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True
        ).stdout.split()
        memory = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            rss = int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            pss = int(next(x for x in rollup.splitlines() if x.startswith("Pss:")).split()[1])
            memory.append((rss // 1024, pss // 1024))
        return memory
    finally:
        stop(proc)


def main() -> None:
    assert __doc__ is not None  # the module docstring, whose first paragraph heads --help
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--ini", type=Path, default=ROOT / "test.ini")
    args = parser.parse_args()
    ini = args.ini.resolve()

    with ckan_app(str(ini)):
        docs = seeded_templates(ini)
        time_searches(3)  # warm the caches
        baseline = time_searches(args.repeats)
        sample_counts = dict(COUNTS)
        print(f"indexing {args.n} copies of the {len(docs)} sample datasets", file=sys.stderr)
        seconds = build(args.n, docs)
        time_searches(3)
        scaled = time_searches(args.repeats)
        names = [d["name"] for d in docs]
        try:
            memory = worker_memory(ini, names)
        finally:
            remove_copies()

    rate = args.n / seconds
    print(f"\nindex build: {args.n} datasets in {seconds:.0f} s ({rate:.0f} per second)")
    print(f"\n{'search':<20}{'sample p50':>12}{'p95':>8}{'+' + str(args.n) + ' p50':>14}"
          f"{'p95':>8}{'ratio p50':>11}")  # fmt: skip
    for name in baseline:
        b, s = baseline[name], scaled[name]
        print(
            f"{name:<20}{statistics.median(b):>12.1f}{p95(b):>8.1f}"
            f"{statistics.median(s):>14.1f}{p95(s):>8.1f}"
            f"{statistics.median(s) / statistics.median(b):>11.2f}"
        )
    print("(ms, package_search in process, median and p95 of", args.repeats, "runs)")
    print("datasets found, sample -> scaled:", {n: (sample_counts[n], COUNTS[n]) for n in COUNTS})
    print("\nweb workers (gunicorn, after 200 requests): RSS / PSS MiB:", memory)


if __name__ == "__main__":
    main()
