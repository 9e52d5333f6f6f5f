"""``GET /health``: which of the services the portal needs answers.

``{"status": "ok" | "unavailable", "services": {"postgresql": "ok" | "down",
"solr": ..., "redis": ...}, "job_workers": N}`` with HTTP 200 when all three
services answer and 503 otherwise (for load balancers and monitoring).
``job_workers`` counts CKAN's background job workers registered in Redis
(``ckan jobs worker``); none means queued jobs wait, while the portal still
serves. No address, version or error text is shown: the view is public.
"""

from __future__ import annotations

import json
import logging

from ckan import model
from ckan.lib.redis import connect_to_redis  # not in toolkit
from flask import Blueprint, Response
from sqlalchemy import text

from ckanext.pe_catalog.logic.index_guard import solr_answers

log = logging.getLogger(__name__)
blueprint = Blueprint("pe_catalog_health", __name__)


def _postgresql() -> bool:
    try:
        model.Session.execute(text("SELECT 1"))
        return True
    except Exception as error:  # any failure means the database cannot serve
        log.error("health: PostgreSQL: %r", error)
        model.Session.rollback()
        return False


def _redis() -> tuple[bool, int | None]:
    try:
        from rq import Worker

        redis = connect_to_redis()
        redis.ping()
        return True, len(Worker.all(connection=redis))
    except Exception as error:  # any failure means Redis cannot serve
        log.error("health: Redis: %r", error)
        return False, None


@blueprint.route("/health")
def health() -> Response:
    redis_ok, workers = _redis()
    services = {"postgresql": _postgresql(), "solr": solr_answers(ask=True), "redis": redis_ok}
    ok = all(services.values())
    body = {
        "status": "ok" if ok else "unavailable",
        "services": {name: "ok" if up else "down" for name, up in services.items()},
        "job_workers": workers,
    }
    return Response(
        json.dumps(body),
        status=200 if ok else 503,
        mimetype="application/json",
        headers={"Cache-Control": "no-store"},
    )
