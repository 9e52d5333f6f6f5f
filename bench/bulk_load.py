"""Benchmark: bulk load of generated datasets, this suite's importer against ckanapi.

The same records (a mix of the three types) are loaded, in the same run, into
the test database by ``ckan pe-catalog import`` (one JSON Lines file per type)
with its default workers (N, the number of CPUs) and with ``--workers 1``, and
by ``ckanapi load datasets`` (one file of the same records) with ``-p 1`` and
with ``-p N``; each loader runs in its own processes, and what it loaded is
purged before the next. Prints datasets per second, seconds, peak memory and
each rate's ratio to ``ckanapi -p 1``. Peak memory is given twice: the largest
process's peak RSS (``VmHWM``, sampled), and
the peak of the PSS summed over the command's process tree (sampled twice a
second; PSS shares the pages forked workers share).

    make bench-bulk        (or: .venv/bin/python -m bench.bulk_load --n 10000)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ckan.types import Context

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ckan_app, mixed_record, sysadmin_context
from harness.sample import DATASET_TYPES

ORG = "bench-bulk"
INI = os.environ.get("CKAN_INI", str(ROOT / "test.ini"))
BIN = Path(sys.executable).parent


def records(n: int) -> list[dict]:
    return [mixed_record(i, ORG, "bulk") for i in range(n)]


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the fields after the command name, which may hold spaces and parentheses
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _proc_kib(pids: list[int], file: str, field: str) -> list[int]:
    """One ``field`` (in KiB) of each process's ``/proc/<pid>/<file>``; a
    process that ended meanwhile gives none."""
    values = []
    for pid in pids:
        try:
            lines = Path(f"/proc/{pid}/{file}").read_text().splitlines()
        except OSError:
            continue
        values.append(next((int(x.split()[1]) for x in lines if x.startswith(field)), 0))
    return values


def _pss_mib(pids: list[int]) -> float:
    """The processes' PSS summed, MiB."""
    return sum(_proc_kib(pids, "smaps_rollup", "Pss:")) / 1024


def _hwm_mib(pids: list[int]) -> float:
    """The largest peak RSS (``VmHWM``) among the processes, MiB. (``wait4``'s
    ru_maxrss is no measure here: it keeps the bench's own size from before
    the child's exec.)"""
    return max(_proc_kib(pids, "status", "VmHWM:"), default=0) / 1024


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, the largest process's peak RSS and the peak PSS of the
    process tree (MiB, both sampled every half second)."""
    # ckanapi starts its workers by name, so the virtualenv's bin goes first on PATH
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=env)
        peak_pss = peak_rss = 0.0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_pss, peak_rss
            while not done.wait(0.5):
                tree = _tree(child.pid)
                peak_pss = max(peak_pss, _pss_mib(tree))
                peak_rss = max(peak_rss, _hwm_mib(tree))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _pid, status, _usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"{command[0]} failed: {log.read().decode()[-2000:]}")
    return elapsed, peak_rss, peak_pss


def purge(ctx: Callable[[], Context], org: str) -> None:
    """Purge the organization's datasets, found in the database (not the index),
    with one Solr commit at the end."""
    import ckan.plugins.toolkit as tk
    from ckan import model
    from ckan.lib.search import commit

    owner = tk.get_action("organization_show")(ctx(), {"id": org})["id"]
    ids = [i for (i,) in model.Session.query(model.Package.id).filter_by(owner_org=owner)]
    solr_commit = tk.config.get("ckan.search.solr_commit")
    tk.config["ckan.search.solr_commit"] = False
    try:
        for package_id in ids:
            tk.get_action("dataset_purge")(ctx(), {"id": package_id})
    finally:
        tk.config["ckan.search.solr_commit"] = solr_commit
        commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="N (default: CPUs)"
    )
    args = parser.parse_args()
    data = records(args.n)
    n_workers = args.workers
    results: list[tuple[str, float, float, float]] = []

    with tempfile.TemporaryDirectory() as tmp, ckan_app():
        import ckan.plugins.toolkit as tk

        ctx = sysadmin_context()
        try:
            tk.get_action("organization_show")(ctx(), {"id": ORG})
        except tk.ObjectNotFound:
            tk.get_action("organization_create")(ctx(), {"name": ORG, "title": ORG})
        purge(ctx, ORG)

        by_type = {t: Path(tmp, f"{t}.jsonl") for t in DATASET_TYPES}
        for dataset_type, path in by_type.items():
            with path.open("w", encoding="utf-8") as f:
                for r in data:
                    if r["type"] == dataset_type:
                        f.write(json.dumps({k: v for k, v in r.items() if k != "type"}) + "\n")
        everything = Path(tmp, "all.jsonl")
        everything.write_text("".join(json.dumps(r) + "\n" for r in data), encoding="utf-8")

        for workers in (n_workers, 1):
            seconds, rss, pss = 0.0, 0.0, 0.0
            for dataset_type, path in by_type.items():
                command = [str(BIN / "ckan"), "-c", INI, "pe-catalog", "import", str(path)]
                command += ["--type", dataset_type, "--workers", str(workers)]
                s, r, p = run(command)
                seconds, rss, pss = seconds + s, max(rss, r), max(pss, p)
            results.append((f"ckan pe-catalog import --workers {workers}", seconds, rss, pss))
            purge(ctx, ORG)
        api_command = [str(BIN / "ckanapi"), "load", "datasets", "-c", INI, "-I", str(everything)]
        for processes in (1, n_workers):
            seconds, rss, pss = run([*api_command, "-p", str(processes), "-q"])
            results.append((f"ckanapi load datasets -p {processes}", seconds, rss, pss))
            purge(ctx, ORG)

    baseline = args.n / results[2][1]  # ckanapi -p 1
    print(f"\nbulk load of {args.n} datasets (hta-report, scholarship, environmental-data)")
    print(f"N = {n_workers} workers; {os.cpu_count()} CPUs")
    heads = ("datasets/s", "seconds", "RSS MiB", "PSS MiB", "vs -p 1")
    print(f"{'loader':<40}" + "".join(f"{h:>11}" for h in heads))
    for name, seconds, rss, pss in results:
        rate = args.n / seconds
        print(
            f"{name:<40}{rate:>11.1f}{seconds:>11.1f}{rss:>11.0f}{pss:>11.0f}"
            f"{rate / baseline:>11.2f}"
        )
    print("RSS: the largest process's peak; PSS: the process tree's peak, sampled")


if __name__ == "__main__":
    main()
