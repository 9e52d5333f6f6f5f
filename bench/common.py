"""Shared set-up of the benchmarks: a CKAN app on test.ini's services, timing helpers.

Benchmarks print medians and ratios measured in the same run, never assert on
time. They use the test database and Solr core (run `make bench`, not while the
tests run) and purge what they created.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.sample import CUSCO_POLYGON, DATASET_TYPES, dataset_dict

if TYPE_CHECKING:
    from ckan.types import Context

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def ckan_app(ini: str | None = None) -> Iterator[Any]:
    """Load CKAN with the suite's plugins and push a request context."""
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    conf = load_config(ini or os.environ.get("CKAN_INI", str(ROOT / "test.ini")))
    app = make_app(conf)
    # make_app is annotated as returning the Flask app, but returns it wrapped in
    # middleware, with the Flask app kept as the custom attribute _wsgi_app (CKAN's
    # own cli and test helpers read it the same way)
    flask_app = app._wsgi_app  # pyright: ignore[reportAttributeAccessIssue]
    with flask_app.test_request_context():
        yield flask_app


def sysadmin_context() -> Callable[[], Context]:
    """A fresh context factory acting as a bench sysadmin (created if missing)."""
    import ckan.plugins.toolkit as tk

    site = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    name = "bench-admin"
    try:
        tk.get_action("user_show")({"ignore_auth": True}, {"id": name})
    except tk.ObjectNotFound:
        tk.get_action("user_create")(
            {"user": site, "ignore_auth": True},
            {
                "name": name,
                "email": "bench@localhost",
                "password": "bench-password-1",
                "sysadmin": True,
            },
        )
    return lambda: {"user": name}


def site_token(name: str) -> str:
    """A new API token of the site's sysadmin user.

    The benchmarks' copies (bench.scale) are in Solr only, without the
    permission labels of a dataset in the database, which an anonymous search
    asks for; as a sysadmin, ``package_search`` (``include_private`` off) sees
    the same public, active datasets as the catalog's endpoints.
    """
    import ckan.plugins.toolkit as tk

    site = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    return tk.get_action("api_token_create")(
        {"ignore_auth": True, "user": site}, {"user": site, "name": name}
    )["token"]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples)


def report(title: str, rows: list[tuple[str, float, float]], labels: tuple[str, str]) -> None:
    """Print medians of two variants and their ratio (first / second)."""
    a, b = labels
    print(f"\n{title}")
    print(f"{'operation':<28}{a + ' ms':>16}{b + ' ms':>16}{'ratio':>9}")
    for name, first, second in rows:
        print(f"{name:<28}{first:>16.2f}{second:>16.2f}{first / second:>9.2f}")


def mixed_record(i: int, org: str, prefix: str) -> dict[str, Any]:
    """Generated dataset number ``i``: the three types in turn, each with one CSV."""
    dataset_type = DATASET_TYPES[i % 3]
    extra = {
        "hta-report": {"report_code": f"{prefix.upper()}-{i:06d}"},
        "scholarship": {},
        "environmental-data": {"spatial": json.dumps(CUSCO_POLYGON)},
    }[dataset_type]
    return dataset_dict(
        dataset_type,
        org,
        name=f"{prefix}-{i:06d}",
        resources=[{"url": f"https://example.org/{prefix}/{i}.csv", "format": "CSV"}],
        **extra,
    )


def bulk_create(
    ctx: Callable[[], Context],
    org: str,
    records: Any,
    n: int,
    create: Callable[[Callable[[], Context], dict[str, Any]], Any] | None = None,
) -> int:
    """Create datasets in ``org`` unless the organization already holds ``n`` of them
    (with ``create(ctx, data)``; default: the portal's ``package_create``).

    Solr commits are left to autoSoftCommit while loading (one commit at the end),
    which is what a bulk load does; the measured queries run after it.
    """
    import ckan.plugins.toolkit as tk
    from ckan.lib.search import commit

    try:
        tk.get_action("organization_show")(ctx(), {"id": org})
    except tk.ObjectNotFound:
        tk.get_action("organization_create")(ctx(), {"name": org, "title": org})
    existing = tk.get_action("package_search")(
        ctx(), {"fq": f"+organization:{org}", "rows": 0, "include_private": True}
    )["count"]
    if existing == n:
        return n
    purge_organization(ctx, org)
    solr_commit = tk.config.get("ckan.search.solr_commit")
    tk.config["ckan.search.solr_commit"] = False
    try:
        for i, data in enumerate(records, 1):
            if create is None:
                tk.get_action("package_create")(ctx(), data)
            else:
                create(ctx, data)
            if i % 1000 == 0:
                print(f"  created {i}/{n}", flush=True)
    finally:
        tk.config["ckan.search.solr_commit"] = solr_commit
        commit()
    return n


def core_package_create(ctx: Callable[[], Context], data: dict[str, Any]) -> Any:
    """CKAN's own ``package_create``, without the suite's chained actions.

    The baseline of stock ``dataset`` records: the suite's write guard refuses
    a type none of its schemas defines (what the portal should do), CKAN
    without the suite takes it.
    """
    from ckan import model
    from ckan.logic.action.create import package_create  # the unchained action

    context: Any = {**ctx(), "model": model, "session": model.Session}
    context["auth_user_obj"] = model.User.get(str(context.get("user")))
    return package_create(context, data)


def purge_organization(ctx: Callable[[], Context], org: str) -> None:
    import ckan.plugins.toolkit as tk

    while True:
        found = tk.get_action("package_search")(
            ctx(), {"fq": f"+organization:{org}", "rows": 1000, "include_private": True}
        )["results"]
        if not found:
            return
        for dataset in found:
            tk.get_action("dataset_purge")(ctx(), {"id": dataset["id"]})


@contextlib.contextmanager
def solr_qtimes() -> Iterator[list[float]]:
    """Record the QTime (ms) Solr reports for each search made inside the block."""
    import pysolr

    recorded: list[float] = []
    original = pysolr.Solr.search

    def search(self: Any, q: str, search_handler: Any = None, **kwargs: Any) -> Any:
        results = original(self, q, search_handler=search_handler, **kwargs)
        recorded.append(float(results.qtime or 0))
        return results

    pysolr.Solr.search = search  # instrumentation of the real client, not a stand-in
    try:
        yield recorded
    finally:
        pysolr.Solr.search = original
