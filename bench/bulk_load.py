"""Benchmark: bulk load of generated datasets, this suite's importer against ckanapi.

The same records (a mix of the three types) are loaded twice into the test
database: by ``ckan pe-catalog import`` (one JSON Lines file per type) and by
``ckanapi load datasets -p 1`` (one file of the same records), each in its own
process, after purging the first load. Prints datasets per second for both,
their ratio and each loader's peak memory (max RSS of the process).

    make bench-bulk        (or: .venv/bin/python -m bench.bulk_load --n 10000)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ckan_app, mixed_record, purge_organization, sysadmin_context
from harness.sample import DATASET_TYPES

ORG = "bench-bulk"
INI = os.environ.get("CKAN_INI", str(ROOT / "test.ini"))
BIN = Path(sys.executable).parent


def records(n: int) -> list[dict]:
    return [mixed_record(i, ORG, "bulk") for i in range(n)]


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a child process (and the workers it waited for)."""
    # ckanapi starts its workers by name, so the virtualenv's bin goes first on PATH
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"{command[0]} failed: {log.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    data = records(args.n)

    with tempfile.TemporaryDirectory() as tmp, ckan_app():
        import ckan.plugins.toolkit as tk

        ctx = sysadmin_context()
        try:
            tk.get_action("organization_show")(ctx(), {"id": ORG})
        except tk.ObjectNotFound:
            tk.get_action("organization_create")(ctx(), {"name": ORG, "title": ORG})
        purge_organization(ctx, ORG)

        by_type = {t: Path(tmp, f"{t}.jsonl") for t in DATASET_TYPES}
        for dataset_type, path in by_type.items():
            with path.open("w", encoding="utf-8") as f:
                for r in data:
                    if r["type"] == dataset_type:
                        f.write(json.dumps({k: v for k, v in r.items() if k != "type"}) + "\n")
        everything = Path(tmp, "all.jsonl")
        everything.write_text("".join(json.dumps(r) + "\n" for r in data), encoding="utf-8")

        suite_seconds, suite_peak = 0.0, 0.0
        for dataset_type, path in by_type.items():
            seconds, peak = run(
                [
                    str(BIN / "ckan"),
                    "-c",
                    INI,
                    "pe-catalog",
                    "import",
                    str(path),
                    "--type",
                    dataset_type,
                ]
            )
            suite_seconds += seconds
            suite_peak = max(suite_peak, peak)
        purge_organization(ctx, ORG)
        api_command = [str(BIN / "ckanapi"), "load", "datasets", "-c", INI]
        api_seconds, api_peak = run([*api_command, "-I", str(everything), "-p", "1", "-q"])
        purge_organization(ctx, ORG)

    suite_rate, api_rate = args.n / suite_seconds, args.n / api_seconds
    print(f"\nbulk load of {args.n} datasets (hta-report, scholarship, environmental-data)")
    print(f"{'loader':<34}{'datasets/s':>12}{'seconds':>10}{'peak MiB':>10}")
    row = "{:<34}{:>12.1f}{:>10.1f}{:>10.0f}"
    print(row.format("ckan pe-catalog import", suite_rate, suite_seconds, suite_peak))
    print(row.format("ckanapi load datasets -p 1", api_rate, api_seconds, api_peak))
    print(f"{'ratio (suite / ckanapi)':<34}{suite_rate / api_rate:>12.2f}")


if __name__ == "__main__":
    main()
