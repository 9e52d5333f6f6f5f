"""Benchmark: the faceted student query at N scholarship datasets.

"Open now + level + region + target group", with the scholarship facets and
the default open-first sort, as the /scholarship page sends it. Prints the
median latency of package_search and the median Solr QTime of the same
queries (read from Solr's responses), measured in the same run.

    make bench-pronabec   (or: .venv/bin/python -m bench.pronabec --n 10000)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    bulk_create,
    ckan_app,
    median_ms,
    purge_organization,
    solr_qtimes,
    sysadmin_context,
    timed,
)
from harness.sample import dataset_dict

LEVELS = ["tecnico-productiva", "tecnico-superior", "pregrado", "maestria", "doctorado"]
GROUPS = [
    "general",
    "alto-rendimiento",
    "pobreza",
    "pobreza-extrema",
    "discapacidad",
    "comunidades-nativas-amazonicas",
    "poblacion-afroperuana",
    "victimas-violencia",
]
FACETS = [
    "open_now",
    "instrument_type",
    "program",
    "vocab_education_levels",
    "vocab_region",
    "vocab_target_groups",
    "study_destination",
]


def record(i: int, org: str, today: dt.date, rng: random.Random) -> dict:
    opens = today + dt.timedelta(days=rng.randint(-120, 60))
    closes = opens + dt.timedelta(days=rng.randint(0, 90))
    regions = (
        ["nacional"]
        if rng.random() < 0.3
        else sorted({f"{rng.randint(1, 25):02d}" for _ in range(rng.randint(1, 4))})
    )
    return dataset_dict(
        "scholarship",
        org,
        name=f"bench-beca-{i}",
        title=f"Convocatoria {i} de becas",
        education_levels=rng.sample(LEVELS, rng.randint(1, 2)),
        target_groups=rng.sample(GROUPS, rng.randint(1, 3)),
        eligible_regions=regions,
        application_open_date=opens.isoformat(),
        application_close_date=closes.isoformat(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000, help="scholarship datasets")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--purge",
        action="store_true",
        help="purge the datasets afterwards (slow; a later run reuses them)",
    )
    args = parser.parse_args()

    import ckan.plugins.toolkit as tk

    from ckanext.pe_catalog import dates

    with ckan_app():
        ctx = sysadmin_context()
        org = "bench-pronabec"
        rng = random.Random(2026)
        today = dates.today()
        created = bulk_create(ctx, org, (record(i, org, today, rng) for i in range(args.n)), args.n)
        print(f"{created} scholarship datasets in the index")

        latencies: list[float] = []
        with solr_qtimes() as qtimes:
            for q in range(args.queries):
                params = {
                    "q": "",
                    "fq": (
                        f'+dataset_type:scholarship +organization:{org} +open_now:"true" '
                        f'+vocab_education_levels:"{LEVELS[q % 5]}" '
                        f'+vocab_region:"{(q % 25) + 1:02d}" +vocab_target_groups:"{GROUPS[q % 8]}"'
                    ),
                    "facet.field": json.dumps(FACETS),
                    "rows": 20,
                }
                ms, _result = timed(lambda p=params: tk.get_action("package_search")(ctx(), p))
                latencies.append(ms)
        # the query filters on open_now, so the open-now facet count comes from the
        # result count: one Solr request per package_search
        assert len(qtimes) == len(latencies), (len(qtimes), len(latencies))
        latency, qtime = median_ms(latencies), median_ms(qtimes)
        print(
            f"\nfaceted student query at {created} scholarships, {args.queries} queries (medians)"
        )
        print(f"package_search latency   {latency:8.2f} ms")
        print(f"Solr QTime               {qtime:8.2f} ms")
        print(f"latency / QTime          {latency / max(qtime, 0.01):8.2f}")
        if args.purge:
            purge_organization(ctx, org)


if __name__ == "__main__":
    main()
