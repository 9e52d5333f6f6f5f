"""Unit tests of the suite's pure modules: no PostgreSQL, Solr, Redis or CKAN app.

Run them without CKAN's pytest plugins (``ckan`` would load ./ckan.ini and
connect to the portal's database, Solr and Redis before the first test;
``ckan_fixtures`` and tests/conftest.py only cost imports)::

    .venv/bin/pytest -p no:ckan -p no:ckan_fixtures --confcutdir=tests/unit tests/unit

They also pass inside the full suite (``pytest --ckan-ini=test.ini tests``).

:data:`UNIT` is the Hypothesis settings of these tests: the same examples on
every run (no flaky failures, no example database written), no deadline.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

UNIT = settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
