"""Benchmark: the portal under load, production server against development server.

Both servers serve the same configuration (default: the portal's ``ckan.ini``,
with the sample catalog that ``make up`` loads) on loopback ports of their own,
one after the other in the same run:

- production: gunicorn with ``config/gunicorn.conf.py`` (what ``make up`` runs);
- development: ``ckan run --threaded`` (what ``make up`` ran before issue 14).

Each gets ``--clients`` concurrent clients for ``--seconds``, every client a
closed loop (it sends its next request when the last one is answered), with
the mix of issue 14:

- 40 % faceted ``package_search`` of one of the three types,
- 30 % ``package_show`` of a sample dataset,
- 20 % a type's search page with a query,
- 10 % the first page of ``/catalog.ttl`` (DCAT-AP 3).

Bounded: requests wait at most ``--timeout`` seconds (a timeout counts as an
error), and only 127.0.0.1 is ever contacted. Printed: requests/s, p50, p95 and
p99 latency, errors, and the ratios production/development.

    .venv/bin/python -m bench.load                  (make up first: the sample data)
    .venv/bin/python -m bench.load --seconds 20 --clients 20
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
TYPES = ("hta-report", "scholarship", "environmental-data")
FACETS = {
    "hta-report": ["organization", "report_type", "technology_type", "recommendation", "status"],
    "scholarship": ["program", "instrument_type", "vocab_education_levels", "vocab_region"],
    "environmental-data": ["organization", "information_category", "vocab_department"],
}
QUERIES = {
    "hta-report": ["cancer", "diabetes", "hepatitis", ""],
    "scholarship": ["beca", "maestría", "crédito", ""],
    "environmental-data": ["agua", "aire", "residuos", ""],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server on port {port} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/3/action/status_show")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server on port {port} did not answer within {seconds}s")


def start(kind: str, ini: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, CKAN_INI=str(ini), PE_BIND=f"127.0.0.1:{port}")
    if kind == "production":
        cmd = [str(VENV / "gunicorn"), "-c", str(ROOT / "config" / "gunicorn.conf.py")]
    else:
        cmd = [str(VENV / "ckan"), "-c", str(ini), "run", "--host", "127.0.0.1",
               "--port", str(port), "--disable-reloader", "--threaded"]  # fmt: skip
    logs = ROOT / ".state" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = open(logs / f"bench-load-{kind}.log", "ab")  # noqa: SIM115
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=log, start_new_session=True)


def stop(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def dataset_names(port: int) -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/api/3/action/package_search?rows=1000&fl=name")
    result = json.loads(conn.getresponse().read())["result"]
    names = [d["name"] for d in result["results"]]
    if not names:
        raise SystemExit("no public dataset to show: run `make up` first (it loads the sample)")
    return names


def request_mix(rng: random.Random, names: list[str]) -> str:
    """One request path of the mix (weights 40/30/20/10)."""
    roll = rng.random()
    dataset_type = rng.choice(TYPES)
    if roll < 0.4:
        params = {
            "fq": f"dataset_type:{dataset_type}",
            "q": rng.choice(QUERIES[dataset_type]),
            "facet.field": json.dumps(FACETS[dataset_type]),
            "rows": "20",
        }
        return "/api/3/action/package_search?" + urllib.parse.urlencode(params)
    if roll < 0.7:
        return "/api/3/action/package_show?id=" + rng.choice(names)
    if roll < 0.9:
        query = urllib.parse.urlencode({"q": rng.choice(QUERIES[dataset_type])})
        return f"/{dataset_type}/?{query}"
    return "/catalog.ttl"


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors[error] = self.errors.get(error, 0) + 1


def client(
    port: int, names: list[str], until: float, timeout: float, seed: int, out: Results
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    while time.monotonic() < until:
        path = request_mix(rng, names)
        started = time.monotonic()
        error = None
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                error = f"HTTP {response.status}"
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            error = type(exc).__name__
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        out.add(time.monotonic() - started, error)
    conn.close()


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1]


def run_load(port: int, names: list[str], clients: int, seconds: float, timeout: float) -> dict:
    out = Results()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(port, names, until, timeout, i, out), daemon=True)
        for i in range(clients)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    lat = out.latencies
    return {
        "requests": len(lat),
        "rps": len(lat) / elapsed,
        "p50": statistics.median(lat),
        "p95": percentile(lat, 95),
        "p99": percentile(lat, 99),
        "errors": sum(out.errors.values()),
        "error_kinds": out.errors,
    }


def main() -> None:
    assert __doc__ is not None  # the module docstring, whose first paragraph heads --help
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ini", type=Path, default=ROOT / "ckan.ini")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=30, help="per request, seconds")
    parser.add_argument("--warmup", type=float, default=10, help="seconds of load not counted")
    parser.add_argument("--only", choices=("production", "development"))
    args = parser.parse_args()
    if not args.ini.exists():
        raise SystemExit(f"{args.ini} is missing: run `make up` first")

    rows = {}
    for kind in ("production", "development"):
        if args.only and kind != args.only:
            continue
        port = free_port()
        proc = start(kind, args.ini.resolve(), port)
        try:
            wait_for(port, proc)
            names = dataset_names(port)
            run_load(port, names, args.clients, args.warmup, args.timeout)
            rows[kind] = run_load(port, names, args.clients, args.seconds, args.timeout)
        finally:
            stop(proc)
        print(f"{kind}: {json.dumps(rows[kind])}", file=sys.stderr)

    workers = os.environ.get("WEB_CONCURRENCY", f"2 x {os.cpu_count()} cores + 1")
    print(f"\n{args.clients} clients, {args.seconds:.0f} s, mix 40/30/20/10")
    print(f"gunicorn workers: {workers}")
    print(f"{'server':<14}{'req/s':>9}{'p50 s':>9}{'p95 s':>9}{'p99 s':>9}{'errors':>9}")
    for kind, r in rows.items():
        print(
            f"{kind:<14}{r['rps']:>9.1f}{r['p50']:>9.3f}{r['p95']:>9.3f}{r['p99']:>9.3f}{r['errors']:>9}"
        )
    if len(rows) == 2:
        p, d = rows["production"], rows["development"]
        print(f"{'ratio':<14}{p['rps'] / d['rps']:>9.2f}{p['p50'] / d['p50']:>9.2f}"
              f"{p['p95'] / d['p95']:>9.2f}{p['p99'] / d['p99']:>9.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
