"""Runs actions inside one CKAN instance of :mod:`harness.instance`, as its site user.

    python -m harness.instance_driver INI action NAME '<json>'   -> the result, as JSON
    python -m harness.instance_driver INI harvest SOURCE         -> the job's report, as JSON
    python -m harness.instance_driver INI datasets               -> every dataset, as JSON

A separate process per instance: each CKAN has its own configuration, plugins
and database, as it would on its own machine. ``harvest`` runs a whole job
(gather, fetch, import) synchronously, as ``ckan harvester run-test`` does.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from typing import Any, cast

from ckan.cli import load_config
from ckan.config.middleware import make_app
from ckan.types import Context


def _site_context() -> Context:
    import ckan.plugins.toolkit as tk

    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": user["name"], "ignore_auth": True}


def action(name: str, data: str) -> Any:
    import ckan.plugins.toolkit as tk

    return tk.get_action(name)(_site_context(), json.loads(data))


def _datajson_on_sqlalchemy_2() -> None:
    """Let ckanext-datajson 0.1.29 (its last release) gather on CKAN 2.12.

    Its gather stage orders the source's harvested datasets with SQLAlchemy
    1.x's ``case([(condition, value), ...])``; SQLAlchemy 2 (CKAN 2.11 on)
    takes the pairs as positional arguments and raises ArgumentError for the
    list (fixed upstream in GSA/ckanext-datajson#160, not released). That one
    call is adapted, in the target instance's own process; the harvester
    otherwise runs as released.
    """
    try:
        from ckanext.datajson import datajson
    except ImportError:
        return
    import sqlalchemy

    def case(*whens: Any, **kwargs: Any) -> Any:
        if len(whens) == 1 and isinstance(whens[0], list):
            whens = tuple(whens[0])
        return sqlalchemy.case(*whens, **kwargs)

    datajson.case = case  # pyright: ignore[reportAttributeAccessIssue]


def harvest(source: str) -> dict[str, Any]:
    import ckan.plugins.toolkit as tk
    from ckan.lib import search
    from ckanext.harvest import utils

    _datajson_on_sqlalchemy_2()

    source_id = tk.get_action("package_show")(_site_context(), {"id": source})["id"]
    # ckanext-harvest 1.6.3 reindexes a source without its schema on CKAN 2.12
    # (harvest_source_reindex, validate=False), so the next harvest_source_show
    # lacks source_type; index it properly before each job
    search.rebuild(source_id)
    started = time.perf_counter()
    utils.run_test_harvester(source_id, False)
    seconds = time.perf_counter() - started
    jobs = tk.get_action("harvest_job_list")(_site_context(), {"source_id": source_id})
    last = max(jobs, key=lambda job: job["created"])
    report = tk.get_action("harvest_job_report")(_site_context(), {"id": last["id"]})
    timing = {"seconds": seconds, "import_ms": _import_ms(last["id"])}
    return report | {"stats": last["stats"]} | timing


def _import_ms(job_id: str) -> list[float]:
    """How long each object's import took (create or update of one dataset)."""
    from ckanext.harvest.model import HarvestObject

    spans: list[float] = []
    for o in HarvestObject.filter(harvest_job_id=job_id).all():
        # HarvestObject declares plain Columns (no Mapped[...]), so pyright sees
        # the Column where a loaded row holds a datetime or None
        started = cast("datetime | None", o.import_started)
        finished = cast("datetime | None", o.import_finished)
        if started and finished:
            spans.append((finished - started).total_seconds() * 1000)
    return spans


def datasets() -> dict[str, Any]:
    import ckan.plugins.toolkit as tk

    found = tk.get_action("package_search")(
        _site_context(),
        {
            "q": "*:*",
            "fq": "-dataset_type:harvest",
            "rows": 1000,
            "include_private": True,
            "include_drafts": True,
        },
    )
    show = tk.get_action("package_show")
    return {p["name"]: show(_site_context(), {"id": p["id"]}) for p in found["results"]}


def main(ini: str, command: str, *args: str) -> None:
    app = make_app(load_config(ini))
    # make_app is annotated as returning the Flask app, but returns it wrapped in
    # middleware, with the Flask app kept as the custom attribute _wsgi_app (CKAN's
    # own cli and test helpers read it the same way)
    with app._wsgi_app.test_request_context():  # pyright: ignore[reportAttributeAccessIssue]
        result = {"action": action, "harvest": harvest, "datasets": datasets}[command](*args)
    json.dump(result, sys.stdout, default=str)


if __name__ == "__main__":
    main(*sys.argv[1:])
