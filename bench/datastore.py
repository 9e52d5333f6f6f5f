"""Benchmark: loading the sample catalog with its files, and ckanext-xloader on a large CSV.

Sample catalog: ``ckan pe-catalog seed`` into an emptied test database, with
the sample's files (PDF, CSV and GeoJSON generated and uploaded to the
FileStore) and, as the baseline of the same run, without them
(``--no-sample-files``); then again with files into the loaded catalog (the
idempotent reload: nothing is uploaded again).

DataStore: a CSV of ``--rows`` rows (100,000 by default; monitoring results,
7 columns) uploaded to an environmental dataset of a portal served by gunicorn;
the time is that of ``ckan jobs worker --burst`` loading it (download, column
types, COPY, indexes, report back), with the suite's settings (types guessed
for files up to 10 MB) and with types not guessed (COPY of text only). The
baselines, measured in the same run: PostgreSQL's COPY of the same file into a
table of text columns in the DataStore's database (the floor of any loader),
and the worker's own start and stop with an empty queue (loading CKAN).

Prints medians of ``--repeat`` runs and ratios to the baselines. Uses the test
database, Solr core and Redis database (not while the tests run) and empties
them first.

    make bench-datastore   (or: .venv/bin/python -m bench.datastore --rows 100000 --repeat 3)
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg2
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness import wsgi_server
from harness.instance import free_port
from harness.sample import dataset_dict

ROOT = Path(__file__).resolve().parent.parent
INI = ROOT / "test.ini"
CKAN = str(Path(sys.executable).with_name("ckan"))
DATASTORE_DB = "postgresql://ckan:ckan@127.0.0.1:5432/ckan_test_datastore"
COLUMNS = ["estacion", "latitud", "longitud", "fecha", "parametro", "valor", "unidad"]


def ckan(*args: str, ini: Path = INI) -> str:
    done = subprocess.run(
        [CKAN, "-c", str(ini), *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"ckan {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def empty_catalog() -> None:
    ckan("db", "clean", "--yes")
    ckan("db", "init")
    ckan("search-index", "clear")


def timed_seconds(*args: str, ini: Path = INI) -> float:
    start = time.perf_counter()
    ckan(*args, ini=ini)
    return time.perf_counter() - start


def bench_sample(repeat: int) -> None:
    with_files, without, reload = [], [], []
    for _ in range(repeat):
        empty_catalog()
        without.append(timed_seconds("pe-catalog", "seed", "--no-sample-files"))
        empty_catalog()
        with_files.append(timed_seconds("pe-catalog", "seed"))
        reload.append(timed_seconds("pe-catalog", "seed"))
    base = statistics.median(without)
    print(f"\nSample catalog (88 datasets), median of {repeat} loads into an empty catalog")
    print(f"{'load':<44}{'seconds':>10}{'ratio':>9}")
    for name, samples in [
        ("records only (baseline, --no-sample-files)", without),
        ("records and their files", with_files),
        ("again with files (nothing re-uploaded)", reload),
    ]:
        median = statistics.median(samples)
        print(f"{name:<44}{median:>10.2f}{median / base:>9.2f}")


def monitoring_csv(rows: int) -> bytes:
    rng = random.Random(16)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for i in range(rows):
        writer.writerow(
            [
                f"EST-{i % 50:02d}",
                round(-12 - rng.random(), 5),
                round(-77 + rng.random(), 5),
                f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                rng.choice(["pH", "Plomo total", "Arsénico total", "Oxígeno disuelto"]),
                round(rng.uniform(0, 10), 4),
                "mg/L",
            ]
        )
    return out.getvalue().encode()


def copy_baseline(content: bytes) -> float:
    connection = psycopg2.connect(DATASTORE_DB)
    try:
        with connection.cursor() as cursor:
            columns = ", ".join(f'"{c}" text' for c in COLUMNS)
            cursor.execute(f"CREATE TEMP TABLE bench_copy ({columns})")
            start = time.perf_counter()
            cursor.copy_expert(
                "COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)", io.BytesIO(content)
            )
            elapsed = time.perf_counter() - start
            cursor.execute("SELECT count(*) FROM bench_copy")
            assert cursor.fetchone() == (len(content.splitlines()) - 1,)
        return elapsed
    finally:
        connection.rollback()
        connection.close()


@contextlib.contextmanager
def served_portal(folder: Path) -> Iterator[tuple[str, str, dict[str, Path]]]:
    """The test catalog under gunicorn: URL, a sysadmin token, and the worker's inis."""
    token = ckan("pe-catalog", "service-token", "--name", "bench").strip()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    inis: dict[str, Path] = {}
    for variant, extra in [
        ("types guessed", ""),
        ("text only", "ckanext.xloader.use_type_guessing = false\n"),
    ]:
        ini = folder / f"{variant.replace(' ', '-')}.ini"
        ini.write_text(
            f"[app:main]\nuse = config:{INI}\nckan.site_url = {url}\n"
            f"ckanext.xloader.api_token = {token}\n{extra}"
        )
        inis[variant] = ini
    server = wsgi_server.start(inis["types guessed"], port, workers=2)
    try:
        wsgi_server.wait_until_up(url, server)
        yield url, token, inis
    finally:
        wsgi_server.stop(server)


def bench_xloader(rows: int, repeat: int) -> None:
    content = monitoring_csv(rows)
    empty_catalog()
    ckan("jobs", "clear")
    baseline = [copy_baseline(content) for _ in range(repeat)]
    timings: dict[str, list[float]] = {"types guessed": [], "text only": []}
    idle: list[float] = []
    with tempfile.TemporaryDirectory() as folder, served_portal(Path(folder)) as (url, token, inis):
        headers = {"Authorization": token}

        def api(action: str, **data: Any) -> dict:
            response = requests.post(
                f"{url}/api/3/action/{action}", json=data, headers=headers, timeout=60
            )
            response.raise_for_status()
            return response.json()["result"]

        org = api("organization_create", name="bench-datastore", title="Bench DataStore")
        dataset = api(
            "package_create", **dataset_dict("environmental-data", org["id"], "bench-datastore")
        )
        created = []
        for _ in range(repeat):
            idle.append(timed_seconds("jobs", "worker", "--burst", ini=inis["text only"]))
            for variant, ini in inis.items():
                response = requests.post(
                    f"{url}/api/3/action/resource_create",
                    data={"package_id": dataset["id"], "name": f"{rows} filas", "format": "CSV"},
                    files={"upload": ("monitoreo.csv", io.BytesIO(content))},
                    headers=headers,
                    timeout=120,
                )
                response.raise_for_status()
                resource = response.json()["result"]
                created.append(resource["id"])
                timings[variant].append(timed_seconds("jobs", "worker", "--burst", ini=ini))
                loaded = api("datastore_search", resource_id=resource["id"], limit=0)
                assert loaded["total"] == rows, loaded["total"]
        for resource_id in created:
            api("datastore_delete", resource_id=resource_id, force=True)
    base = statistics.median(baseline)
    size = len(content) / 1e6
    print(f"\nxloader, a CSV of {rows:,} rows ({size:.1f} MB), median of {repeat} loads")
    print(f"{'load':<52}{'seconds':>10}{'ratio':>9}")
    print(f"{'PostgreSQL COPY into text columns (baseline)':<52}{base:>10.3f}{1:>9.2f}")
    start = statistics.median(idle)
    print(f"{'the job worker starting, empty queue':<52}{start:>10.2f}{start / base:>9.1f}")
    for variant, samples in timings.items():
        median = statistics.median(samples)
        name = f"xloader through the job worker, {variant}"
        print(f"{name:<52}{median:>10.2f}{median / base:>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Sample catalog load and xloader benchmark")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["sample", "xloader"])
    args = parser.parse_args()
    if args.only != "xloader":
        bench_sample(args.repeat)
    if args.only != "sample":
        bench_xloader(args.rows, args.repeat)
    empty_catalog()


if __name__ == "__main__":
    main()
