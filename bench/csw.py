"""Benchmark: CSW GetRecords (text and box, 10 records) against package_search, same filter.

1. Loads the sample catalog into the test database and indexes ``--n`` copies
   of its environmental datasets (default 2,000) into the test Solr core, as
   bench.scale does; starts the tests' pycsw (harness/pycsw_server.py, the port
   test.ini names) and writes the ISO 19139 record of every public
   environmental dataset, sample and copies, into its repository (the
   ``csw-sync`` path: ckanext/pe_catalog/csw/).
2. Serves test.ini with gunicorn (config/gunicorn.conf.py) and times, interleaved,
   ``--repeats`` times each, over HTTP:
   - the CSW: ``POST /csw`` GetRecords, ``csw:AnyText`` like the word AND a
     ``BBOX``, 10 full ISO 19139 records (the request OWSLib builds);
   - the baseline: ``package_search`` with the same word, the same box
     (``ext_bbox``), the type, 10 rows.
   Prints the medians, the ratio and the matches of each.

    make bench-csw     (or: .venv/bin/python -m bench.csw --n 2000)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ckan_app, site_token
from bench.load import free_port, start, stop, wait_for
from bench.scale import build, remove_copies, seeded_templates
from harness.pycsw_server import PycswServer

GMD = "http://www.isotc211.org/2005/gmd"
WORD = "calidad"
BOX = (-80.0, -18.0, -68.0, 0.0)  # west, south, east, north: Peru
PYCSW_PORT = 8011  # test.ini's ckanext.pe_catalog.csw.url


def csw_request() -> bytes:
    """OWSLib's GetRecords document for the word and the box, 10 full ISO records."""
    from owslib import fes
    from owslib.catalogue.csw2 import CatalogueServiceWeb

    west, south, east, north = BOX
    client = CatalogueServiceWeb("http://unused/csw", skip_caps=True)
    constraint = fes.And(
        [
            fes.PropertyIsLike("csw:AnyText", f"%{WORD}%"),
            fes.BBox([south, west, north, east], crs="urn:ogc:def:crs:EPSG::4326"),
        ]
    )
    # OWSLib builds the request, then fails to reach the unused URL
    with contextlib.suppress(requests.RequestException):
        client.getrecords2(constraints=[constraint], maxrecords=10, outputschema=GMD, esn="full")
    return client.request if isinstance(client.request, bytes) else client.request.encode()


def csw_matches(body: bytes) -> int:
    import lxml.etree as etree

    results = etree.fromstring(body).find("{http://www.opengis.net/cat/csw/2.0.2}SearchResults")
    if results is None:
        raise SystemExit(f"GetRecords answered no results: {body[:500]!r}")
    return int(results.get("numberOfRecordsMatched", "0"))


def main() -> None:
    assert __doc__ is not None  # the module docstring, whose first paragraph heads --help
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--ini", type=Path, default=ROOT / "test.ini")
    args = parser.parse_args()
    ini = args.ini.resolve()

    import ckan.plugins.toolkit as tk

    port = free_port()
    pycsw = PycswServer(ROOT / ".state" / "pycsw-test", PYCSW_PORT, f"http://127.0.0.1:{port}/csw")
    pycsw.start()
    with ckan_app(str(ini)):
        from ckanext.pe_catalog.csw import sync

        templates = seeded_templates(ini)
        environmental = [d for d in templates if d["type"] == "environmental-data"]
        print(f"indexing {args.n} copies of {len(environmental)} environmental datasets",
              file=sys.stderr)  # fmt: skip
        build(args.n, environmental)
        try:
            started = time.perf_counter()
            written, _ = sync.resync()
            print(f"CSW: {written} records written in {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)  # fmt: skip
            os.environ["WEB_CONCURRENCY"] = "2"
            server = start("production", ini, port)
            try:
                wait_for(port, server)
                body = csw_request()
                search = "/api/3/action/package_search?" + urlencode(
                    {
                        "q": WORD,
                        "fq": "+dataset_type:environmental-data",
                        "ext_bbox": ",".join(map(str, BOX)),
                        "rows": 10,
                    }
                )
                url = f"http://127.0.0.1:{port}"
                times: dict[str, list[float]] = {"csw": [], "package_search": []}
                matched: dict[str, int] = {}
                session = requests.Session()
                session.headers["Authorization"] = site_token("bench-csw")
                for i in range(args.repeats + 3):
                    t0 = time.perf_counter()
                    answer = session.post(
                        f"{url}/csw", data=body, headers={"Content-Type": "application/xml"}
                    )
                    t1 = time.perf_counter()
                    found = session.get(f"{url}{search}")
                    t2 = time.perf_counter()
                    if i < 3:
                        continue  # warm-up
                    times["csw"].append(t1 - t0)
                    times["package_search"].append(t2 - t1)
                    matched["csw"] = csw_matches(answer.content)
                    matched["package_search"] = json.loads(found.content)["result"]["count"]
            finally:
                stop(server)
        finally:
            remove_copies()
            sync.resync()  # the copies' records go with them
            tk.get_action("job_clear")({"ignore_auth": True}, {})
    pycsw.stop()

    csw, baseline = (statistics.median(times[k]) * 1000 for k in ("csw", "package_search"))
    print(f"\nGetRecords (AnyText like '%{WORD}%' AND BBOX {BOX}, 10 ISO records) against")
    print(f"package_search (q={WORD}, ext_bbox, the type, 10 rows), over HTTP, gunicorn,")
    print(f"{written} environmental datasets published; median of {args.repeats}:")
    print(f"  CSW GetRecords        {csw:8.1f} ms   ({matched['csw']} matched)")
    print(f"  package_search        {baseline:8.1f} ms   ({matched['package_search']} matched)")
    print(f"  ratio                 {csw / baseline:8.2f}x")


if __name__ == "__main__":
    main()
