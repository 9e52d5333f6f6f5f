"""Benchmark: search relevance and latency, CKAN's own analysis against the Spanish one.

1. Loads the sample catalog into the test database (``ckan pe-catalog seed``)
   and indexes its datasets, and only them, into two Solr cores of the same
   Solr (``scripts/solr.sh``):
   - ``ckan_baseline``: CKAN 2.12's ``schema.xml`` text analysis as shipped
     (English Porter stemmer, no stop words, empty synonyms), without
     spelling suggestions;
   - ``ckan_test`` (test.ini): the suite's configset (Spanish stop words, light
     stemmer, accent folding, domain synonyms), with spelling suggestions.
   Both have the same solrconfig.xml, fields and data, and are searched the
   same way (CKAN's dismax query); only the analysis and the suggestions differ.
2. Runs every query of ``tests/data/search_relevance.yaml`` (judged by a
   person) as an anonymous ``package_search`` of 10 rows on each and prints,
   per arm, recall@10 (relevant datasets among the first 10, over the number
   judged relevant, capped at 10) and MRR (the mean of 1/rank of the first
   relevant dataset, 0 when none is among the first 10), overall and per
   kind of user, and the queries where the two differ; and precision@10 (the
   share of the first 10 results judged relevant: what wider matching costs).
3. Times ``package_search`` on both, interleaved, ``--repeats`` times per query,
   and prints the medians and their ratio (Spanish / CKAN); and the Spanish
   core without suggestions, to show what they cost.

    make bench-search     (or: .venv/bin/python -m bench.search_relevance --repeats 15)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ckan_app
from bench.scale import seeded_templates

JUDGEMENTS = ROOT / "tests" / "data" / "search_relevance.yaml"
SAMPLE = ROOT / "ckanext" / "pe_catalog" / "sample"
K = 10
# the examples: forms of one search that should find the same datasets
EXAMPLES = (
    "monitoreos ambientales",
    "monitoreo ambiental",
    "becas universitarias",
    "becas universitarios",
    "becas",
    "bekas",
)


def sample_names() -> set[str]:
    return {
        dataset["name"]
        for path in SAMPLE.glob("*.yaml")
        for dataset in yaml.safe_load(path.read_text(encoding="utf-8"))
    }


def arms(test_core: str) -> dict[str, dict[str, Any]]:
    base = test_core.rsplit("/", 1)[0]
    return {
        "CKAN": {"url": f"{base}/ckan_baseline", "spelling": False},
        "Spanish": {"url": test_core, "spelling": True},
    }


def use(arm: dict[str, Any]) -> None:
    import ckan.plugins.toolkit as tk

    tk.config["solr_url"] = arm["url"]
    tk.config["ckanext.pe_catalog.search.spelling_suggestions"] = arm["spelling"]


def index(docs: list[dict[str, Any]]) -> None:
    from ckan import model
    from ckan.lib import search
    from ckan.lib.search.common import make_connection

    make_connection().delete(q="*:*", commit=True)
    indexer = search.index_for(model.Package)
    for doc in docs:
        indexer.index_package(doc, defer_commit=True)
    search.commit()
    make_connection().commit(waitSearcher=True)


def search(q: str, arm: dict[str, Any]) -> dict[str, Any]:
    import ckan.plugins.toolkit as tk

    return tk.get_action("package_search")({"ignore_auth": True}, {"q": q, "rows": K})


def recall(found: list[str], relevant: list[str]) -> float:
    return len(set(found[:K]) & set(relevant)) / min(len(relevant), K)


def precision(found: list[str], relevant: list[str]) -> float:
    """Relevant datasets among the first 10 results, over the results shown
    there (0 when nothing is found)."""
    shown = found[:K]
    return len(set(shown) & set(relevant)) / len(shown) if shown else 0.0


def reciprocal_rank(found: list[str], relevant: list[str]) -> float:
    for rank, name in enumerate(found[:K], 1):
        if name in relevant:
            return 1 / rank
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    queries = yaml.safe_load(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]

    with ckan_app(str(ROOT / "test.ini")):
        import ckan.plugins.toolkit as tk

        test_core = tk.config["solr_url"]
        names = sample_names()
        docs = [d for d in seeded_templates(ROOT / "test.ini") if d["name"] in names]
        print(f"sample catalog: {len(docs)} datasets; {len(queries)} judged queries")
        variants = arms(test_core)
        for arm in variants.values():
            use(arm)
            index(docs)

        scores: dict[str, dict[str, list[float]]] = {
            a: {"recall": [], "rr": [], "precision": []} for a in variants
        }
        by_user: dict[tuple[str, str], list[tuple[float, float]]] = {}
        differing = []
        for query in queries:
            row = {}
            for name, arm in variants.items():
                use(arm)
                found = [d["name"] for d in search(query["q"], arm)["results"]]
                r, rr = recall(found, query["relevant"]), reciprocal_rank(found, query["relevant"])
                scores[name]["recall"].append(r)
                scores[name]["rr"].append(rr)
                scores[name]["precision"].append(precision(found, query["relevant"]))
                who = query["who"].split()[0]
                by_user.setdefault((name, who), []).append((r, rr))
                row[name] = (r, rr)
            if row["CKAN"] != row["Spanish"]:
                differing.append((query["q"], row["CKAN"], row["Spanish"]))

        print("\ndatasets found (and the suggestion offered)")
        for q in EXAMPLES:
            cells = []
            for name, arm in variants.items():
                use(arm)
                found = search(q, arm)
                hint = found.get("spelling_suggestion")
                cells.append(f"{name} {found['count']:>3}" + (f" -> {hint['q']!r}" if hint else ""))
            print(f"  {q:<26}" + "   ".join(cells))

        print(f"\nrelevance over {len(queries)} queries (recall@{K}, MRR, precision@{K})")
        print(f"{'arm':<10}{'recall@10':>12}{'MRR':>8}{'P@10':>8}")
        for name, s in scores.items():
            print(
                f"{name:<10}{statistics.mean(s['recall']):>12.3f}{statistics.mean(s['rr']):>8.3f}"
                f"{statistics.mean(s['precision']):>8.3f}"
            )
        print("\nper kind of user (recall@10 / MRR)")
        for who in sorted({w for _, w in by_user}):
            cells = []
            for name in variants:
                pairs = by_user[(name, who)]
                cells.append(
                    f"{name} {statistics.mean(p[0] for p in pairs):.3f} / "
                    f"{statistics.mean(p[1] for p in pairs):.3f}"
                )
            print(f"  {who:<11}({len(by_user[('CKAN', who)])} queries)  " + "   ".join(cells))
        print(f"\nqueries where the arms differ ({len(differing)}): recall, RR")
        for q, ckan_row, spanish_row in differing:
            print(
                f"  {q:<42} CKAN {ckan_row[0]:.2f} {ckan_row[1]:.2f}"
                f"   Spanish {spanish_row[0]:.2f} {spanish_row[1]:.2f}"
            )

        timed = {**variants, "Spanish, no suggestions": {**variants["Spanish"], "spelling": False}}
        samples: dict[str, list[float]] = {name: [] for name in timed}
        for repeat in range(args.repeats):
            for query in queries:
                order = list(timed.items())
                if repeat % 2:
                    order.reverse()  # neither arm always runs on the other's warm caches
                for name, arm in order:
                    use(arm)
                    started = time.perf_counter()
                    search(query["q"], arm)
                    samples[name].append((time.perf_counter() - started) * 1000)
        print(
            f"\npackage_search latency, {args.repeats} x {len(queries)} queries per arm, "
            "interleaved (median ms, ratio to CKAN)"
        )
        ckan_ms = statistics.median(samples["CKAN"])
        for name in timed:
            ms = statistics.median(samples[name])
            print(f"{name:<26}{ms:>10.2f}{ms / ckan_ms:>8.2f}")
        suggested = sum(
            1 for q in queries if search(q["q"], variants["Spanish"]).get("spelling_suggestion")
        )
        print(f"queries answered with a spelling suggestion: {suggested}")
        use(variants["Spanish"])


if __name__ == "__main__":
    main()
