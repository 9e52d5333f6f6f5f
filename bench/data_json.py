"""Benchmark: /data.json at 10,000 datasets, its time and memory (test database and Solr core).

1. Loads the sample catalog and indexes ``--n`` copies of its datasets (default
   10,000, the three types mixed) into the test Solr core, as bench.scale does:
   Solr is what /data.json reads.
2. Serves test.ini with gunicorn (config/gunicorn.conf.py, one worker, so the
   worker's memory is the requests') and times, ``--repeats`` times each,
   interleaved: the whole ``/data.json`` read to the end, against the baseline,
   ``package_search`` over HTTP returning the same datasets (a client paging
   through them 1,000 at a time, as the API allows). Prints medians and the
   ratio.
3. Memory: the worker's peak resident memory (VmHWM) after start-up and a warm-up
   request, then after the data.json requests, then (a new server) after the
   baseline's; and, in this process, the peak of Python allocations while the
   document is written (tracemalloc), with a quarter of the copies indexed and
   with all of them: streamed, the peak does not grow with the catalog.

    make bench-data-json     (or: .venv/bin/python -m bench.data_json --n 10000)
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ckan_app, site_token
from bench.load import free_port, start, stop, wait_for
from bench.scale import build, remove_copies, seeded_templates

# requests are sent as the site's sysadmin (bench.common.site_token)
HEADERS: dict[str, str] = {}


def get(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path, headers=HEADERS)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"GET {path}: {response.status} {body[:300]!r}")
    return body


def data_json(port: int) -> int:
    """Datasets in the whole /data.json."""
    return len(json.loads(get(port, "/data.json"))["dataset"])


def package_search_pages(port: int) -> int:
    """Datasets in package_search, 1,000 a request, until none is left."""
    seen, start_at = 0, 0
    while True:
        path = (
            "/api/3/action/package_search?q=*:*&include_private=false"
            f"&rows=1000&start={start_at}&sort=id+asc"
        )
        results = json.loads(get(port, path))["result"]["results"]
        seen += len(results)
        if len(results) < 1000:
            return seen
        start_at += 1000


def peak_mib(proc: subprocess.Popen[bytes]) -> float:
    """The single worker's peak resident memory (VmHWM), MiB."""
    (pid,) = subprocess.run(
        ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True
    ).stdout.split()
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024


def serve(ini: Path) -> tuple[subprocess.Popen[bytes], int]:
    import os

    port = free_port()
    os.environ["WEB_CONCURRENCY"] = "1"
    proc = start("production", ini, port)
    wait_for(port, proc)
    get(port, "/api/3/action/package_search?rows=1")  # warm the worker
    return proc, port


def measure(
    ini: Path, fetch: Callable[[int], int], repeats: int
) -> tuple[float, int, tuple[float, float]]:
    """``fetch`` on a server of its own: (median seconds, datasets, (peak MiB
    after start-up, peak MiB after the requests))."""
    proc, port = serve(ini)
    try:
        before = peak_mib(proc)
        seconds, count = [], 0
        for _ in range(repeats):
            started = time.perf_counter()
            count = fetch(port)
            seconds.append(time.perf_counter() - started)
        return statistics.median(seconds), count, (before, peak_mib(proc))
    finally:
        stop(proc)


FETCHES: dict[str, Callable[[int], int]] = {
    "data.json": data_json,
    "package_search": package_search_pages,
}


def in_process_peak() -> tuple[float, int]:
    """Peak Python allocations (MiB) while the document is written here, and its size."""
    from ckanext.pe_catalog.dcat_us.endpoint import document

    size = 0
    tracemalloc.start()
    for chunk in document("http://bench/data.json"):
        size += len(chunk.encode("utf-8"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, size


def main() -> None:
    assert __doc__ is not None  # the module docstring, whose first paragraph heads --help
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--ini", type=Path, default=ROOT / "test.ini")
    args = parser.parse_args()
    ini = args.ini.resolve()

    import ckan.plugins.toolkit as tk

    with ckan_app(str(ini)):
        docs = seeded_templates(ini)
        HEADERS["Authorization"] = site_token("bench-data-json")
        quarter = args.n // 4
        print(f"indexing {args.n} copies of the {len(docs)} sample datasets", file=sys.stderr)
        build(quarter, docs)
        try:
            peaks = [in_process_peak()]
            build(args.n - quarter, docs)
            peaks.append(in_process_peak())
            runs = {name: measure(ini, fetch, args.repeats) for name, fetch in FETCHES.items()}
        finally:
            remove_copies()
            # the copies' CSW jobs (the environment plugin queues one per index)
            tk.get_action("job_clear")({"ignore_auth": True}, {})

    (data, data_count, data_mem), (search, search_count, search_mem) = runs.values()
    size = peaks[-1][1]
    print(f"\n/data.json at {data_count} datasets ({size / 2**20:.1f} MiB), gunicorn, 1 worker,")
    print(f"median of {args.repeats} (each on a server of its own):")
    print(f"  /data.json, the whole document     {data:8.2f} s")
    print(f"  package_search, 1,000 a request    {search:8.2f} s   ({search_count} datasets)")
    print(f"  ratio                              {data / search:8.2f}x")
    print("worker peak resident memory (VmHWM), MiB, after start-up -> after the requests:")
    print(f"  /data.json                         {data_mem[0]:5.0f} -> {data_mem[1]:5.0f}")
    print(f"  package_search                     {search_mem[0]:5.0f} -> {search_mem[1]:5.0f}")
    print("in process, peak Python allocations while the document is written (tracemalloc):")
    for peak, length in peaks:
        print(f"  {peak:5.1f} MiB for a {length / 2**20:5.1f} MiB document")


if __name__ == "__main__":
    main()
