"""Benchmark: ext_bbox search at N environmental datasets with polygon coverage.

Median latency of package_search with ``ext_bbox`` (ckanext-spatial's
solr-spatial-field backend, polygons indexed in spatial_geom) and the median
Solr QTime of the same queries, measured in the same run.

    make bench-environment   (or: .venv/bin/python -m bench.environment --n 10000)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bulk_create, ckan_app, median_ms, solr_qtimes, sysadmin_context, timed
from harness.sample import dataset_dict

# Peru's bounding box (shared/domain/REFERENCE.md)
MIN_LON, MIN_LAT, MAX_LON, MAX_LAT = -81.4, -18.4, -68.6, 0.0


def polygon(rng: random.Random) -> dict:
    """An irregular pentagon of up to ~1 degree somewhere in Peru."""
    lon = rng.uniform(MIN_LON + 1, MAX_LON - 1)
    lat = rng.uniform(MIN_LAT + 1, MAX_LAT - 1)
    size = rng.uniform(0.05, 1.0)
    ring = [
        [lon, lat],
        [lon + size, lat + size * 0.1],
        [lon + size * 1.1, lat + size * 0.8],
        [lon + size * 0.4, lat + size * 1.2],
        [lon - size * 0.2, lat + size * 0.6],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    import ckan.plugins.toolkit as tk

    with ckan_app():
        ctx = sysadmin_context()
        org = "bench-environment"
        rng = random.Random(2026)
        records = (
            dataset_dict(
                "environmental-data",
                org,
                name=f"bench-ambiente-{i}",
                ubigeo=None,
                spatial=json.dumps(polygon(rng)),
            )
            for i in range(args.n)
        )
        created = bulk_create(ctx, org, records, args.n)

        latencies: list[float] = []
        counts: list[int] = []
        with solr_qtimes() as qtimes:
            for _ in range(args.queries):
                lon, lat = rng.uniform(-80, -70), rng.uniform(-17, -2)
                params = {
                    "fq": f"+dataset_type:environmental-data +organization:{org}",
                    "ext_bbox": f"{lon:.3f},{lat:.3f},{lon + 1.5:.3f},{lat + 1.5:.3f}",
                    "facet.field": json.dumps(["information_category", "vocab_department"]),
                    "rows": 20,
                }
                ms, result = timed(lambda p=params: tk.get_action("package_search")(ctx(), p))
                latencies.append(ms)
                counts.append(result["count"])
        assert len(qtimes) == len(latencies)
        latency, qtime = median_ms(latencies), median_ms(qtimes)
        print(
            f"\next_bbox search at {created} environmental datasets, {args.queries} boxes (medians)"
        )
        print(f"datasets found per box   {median_ms([float(c) for c in counts]):8.0f}")
        print(f"package_search latency   {latency:8.2f} ms")
        print(f"Solr QTime               {qtime:8.2f} ms")
        print(f"latency / QTime          {latency / max(qtime, 0.01):8.2f}")


if __name__ == "__main__":
    main()
