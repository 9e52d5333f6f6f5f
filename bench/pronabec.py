"""Benchmark: the faceted student query at N scholarships, against stock datasets.

"Level + region + target group" with the scholarship facets (``open_now``
among them) and the default open-first sort, as the /scholarship page sends
it, in two variants: with the ``open_now:true`` filter and without it (the
facet alone counts the open calls). The same-shaped query runs against N stock
``dataset`` records (CKAN's own type, no plugin of the suite) carrying the same
values: the window dates and the single-valued fields as extras (CKAN indexes
an extra under its own name, a ``*_date`` one as a date), the lists as tags of
three CKAN tag vocabularies (indexed as ``vocab_<vocabulary>``, multi-valued
strings like the scholarships' ``vocab_*`` fields), so both queries have the
same filters and seven facet fields; the stock query's seventh is
``license_id`` in place of ``open_now``, and its filter the same date range
``open_now:true`` is rewritten into. The issue's goal: scholarship / stock
at most 1.2.

Queries are interleaved (scholarship, stock, in turn) so machine drift hits
both alike. Prints medians of package_search latency and of Solr's QTime (read
from Solr's responses), and checks on the way that both record sets give the
same counts and that each package_search is one Solr request.

    make bench-pronabec   (or: .venv/bin/python -m bench.pronabec --n 10000)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    bulk_create,
    ckan_app,
    core_package_create,
    median_ms,
    purge_organization,
    solr_qtimes,
    sysadmin_context,
    timed,
)
from harness.sample import dataset_dict

if TYPE_CHECKING:
    from ckan.types import Context

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
REGIONS = [f"{n:02d}" for n in range(1, 26)]
FACETS = [
    "open_now",
    "instrument_type",
    "program",
    "vocab_education_levels",
    "vocab_region",
    "vocab_target_groups",
    "study_destination",
]
# CKAN tag vocabularies of the stock records: name -> tags
VOCABULARIES = {
    "bench_levels": LEVELS,
    "bench_region": REGIONS,
    "bench_target_groups": GROUPS,
}
STOCK_FACETS = [
    "license_id",
    "instrument_type",
    "program",
    "vocab_bench_levels",
    "vocab_bench_region",
    "vocab_bench_target_groups",
    "study_destination",
]
# scholarship fields a stock record keeps as extras (lists as JSON text)
EXTRA_FIELDS = [
    "program",
    "instrument_type",
    "call_year",
    "modalities",
    "study_destination",
    "application_open_date",
    "application_close_date",
    "vacancies",
    "benefits",
    "max_age",
    "requirements",
    "application_url",
]


def record(i: int, org: str, today: dt.date, rng: random.Random) -> dict[str, Any]:
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


def stock_record(i: int, org: str, call: dict[str, Any], vocab_ids: dict[str, str]) -> dict:
    """A stock ``dataset`` with the same values as scholarship ``call``."""
    regions = call["eligible_regions"]
    tags = {
        "bench_levels": call["education_levels"],
        # the scholarship index expands a national call to every department
        "bench_region": REGIONS if "nacional" in regions else regions,
        "bench_target_groups": call["target_groups"],
    }
    extras = [
        {"key": key, "value": value if isinstance(value, str) else json.dumps(value)}
        for key, value in ((k, call[k]) for k in EXTRA_FIELDS)
    ]
    return {
        "type": "dataset",
        "name": f"bench-stock-beca-{i}",
        "title": call["title"],
        "notes": call["notes"],
        "owner_org": org,
        "license_id": "cc-by",
        "tags": [
            {"name": tag, "vocabulary_id": vocab_ids[vocabulary]}
            for vocabulary, names in tags.items()
            for tag in names
        ],
        "extras": extras,
    }


def vocabularies(ctx: Callable[[], Context]) -> dict[str, str]:
    """The stock records' tag vocabularies (created if missing): name -> id."""
    import ckan.plugins.toolkit as tk

    ids = {}
    for name, tags in VOCABULARIES.items():
        try:
            vocabulary = tk.get_action("vocabulary_show")(ctx(), {"id": name})
        except tk.ObjectNotFound:
            vocabulary = tk.get_action("vocabulary_create")(
                ctx(), {"name": name, "tags": [{"name": tag} for tag in tags]}
            )
        ids[name] = vocabulary["id"]
    return ids


def index_open_days(ctx: Callable[[], Context], org: str) -> int:
    """Reindex the scholarships of ``org`` indexed before ``vocab_open_days``
    existed (a previous run's), as ``ckan search-index rebuild`` would."""
    import ckan.plugins.toolkit as tk
    from ckan.lib.search import commit, rebuild

    done = 0
    while True:
        ids = tk.get_action("package_search")(
            ctx(),
            {
                "fq": f"+organization:{org} -vocab_open_days:[* TO *]",
                "fl": ["id"],
                "rows": 1000,
                "include_private": True,
            },
        )["results"]
        if not ids:
            break
        rebuild(package_ids=[row["id"] for row in ids], defer_commit=True, quiet=True)
        commit()
        done += len(ids)
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000, help="datasets of each kind")
    parser.add_argument("--queries", type=int, default=200, help="queries of each variant")
    parser.add_argument(
        "--purge",
        action="store_true",
        help="purge the datasets afterwards (slow; a later run reuses them)",
    )
    args = parser.parse_args()

    import ckan.plugins.toolkit as tk

    from ckanext.pe_catalog import dates
    from ckanext.pronabec import calls

    with ckan_app():
        ctx = sysadmin_context()
        org, stock_org = "bench-pronabec", "bench-pronabec-stock"
        today = dates.today()
        rng = random.Random(2026)
        scholarships = [record(i, org, today, rng) for i in range(args.n)]
        created = bulk_create(ctx, org, iter(scholarships), args.n)
        reindexed = index_open_days(ctx, org)
        vocab_ids = vocabularies(ctx)
        stock = (stock_record(i, stock_org, call, vocab_ids) for i, call in enumerate(scholarships))
        # stock records through CKAN's own package_create (the suite refuses the type)
        created_stock = bulk_create(ctx, stock_org, stock, args.n, create=core_package_create)
        print(
            f"{created} scholarship datasets ({reindexed} reindexed for vocab_open_days) "
            f"and {created_stock} stock datasets in the index"
        )

        def queries(q: int, only_open: bool) -> dict[str, dict[str, Any]]:
            level, region, group = LEVELS[q % 5], REGIONS[q % 25], GROUPS[q % 8]
            return {
                "scholarship": {
                    "q": "",
                    "fq": (
                        f"+dataset_type:scholarship +organization:{org}"
                        + (' +open_now:"true"' if only_open else "")
                        + f' +vocab_education_levels:"{level}" +vocab_region:"{region}"'
                        f' +vocab_target_groups:"{group}"'
                    ),
                    "facet.field": json.dumps(FACETS),
                    "rows": 20,
                },
                "stock": {
                    "q": "",
                    "fq": (
                        f"+dataset_type:dataset +organization:{stock_org}"
                        + (f" +{calls.open_on(today)}" if only_open else "")
                        + f' +vocab_bench_levels:"{level}" +vocab_bench_region:"{region}"'
                        f' +vocab_bench_target_groups:"{group}"'
                    ),
                    "facet.field": json.dumps(STOCK_FACETS),
                    "rows": 20,
                },
            }

        variants = {"open_now filter": True, "open_now facet only": False}
        latency = {(v, k): [] for v in variants for k in ("scholarship", "stock")}
        qtime = {(v, k): [] for v in variants for k in ("scholarship", "stock")}
        open_counts: dict[tuple[str, int], int] = {}
        searches = 0
        with solr_qtimes() as qtimes:
            for q in range(args.queries):
                counts = {}
                for variant, only_open in variants.items():
                    for kind, params in queries(q, only_open).items():
                        ms, result = timed(
                            lambda p=params: tk.get_action("package_search")(ctx(), p)
                        )
                        searches += 1
                        # one Solr request per package_search: the open-now
                        # count comes with the search
                        assert len(qtimes) == searches, (len(qtimes), searches)
                        latency[variant, kind].append(ms)
                        qtime[variant, kind].append(qtimes[-1])
                        counts[variant, kind] = result["count"]
                        if kind == "scholarship":
                            items = result["search_facets"]["open_now"]["items"]
                            open_counts[variant, q] = items[0]["count"] if items else 0
                # the two record sets answer alike; the facet counts what the filter finds
                for variant in variants:
                    assert counts[variant, "scholarship"] == counts[variant, "stock"], counts
                open_total = counts["open_now filter", "scholarship"]
                assert open_counts["open_now facet only", q] == open_total, (q, open_counts)
                assert open_counts["open_now filter", q] == open_total, (q, open_counts)

        rows = []
        for variant in variants:
            rows.append(
                (
                    f"latency, {variant}",
                    median_ms(latency[variant, "scholarship"]),
                    median_ms(latency[variant, "stock"]),
                )
            )
            rows.append(
                (
                    f"Solr QTime, {variant}",
                    median_ms(qtime[variant, "scholarship"]),
                    median_ms(qtime[variant, "stock"]),
                )
            )
        print(
            f"\nfaceted student query, {created} scholarships vs {created_stock} stock "
            f"datasets, {args.queries} queries of each variant (medians; goal: ratio <= 1.2)"
        )
        print(f"{'':<34}{'scholarship ms':>16}{'stock ms':>12}{'ratio':>8}")
        for name, first, second in rows:
            # Solr's QTime is in whole ms: 0 on a small index
            ratio = f"{first / second:8.2f}" if second else f"{'n/a':>8}"
            print(f"{name:<34}{first:>16.2f}{second:>12.2f}{ratio}")
        if args.purge:
            purge_organization(ctx, org)
            purge_organization(ctx, stock_org)


if __name__ == "__main__":
    main()
