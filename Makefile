# One-command set-up on a fresh Debian 12 machine (as root, or with sudo):
#   make demo   install what is missing, start the services, serve the portal
#   make test   install what is missing, start the services, run the test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: help install services solr-cloud demo up dev down test unit test-cloud fuzz crawl lint i18n bench bench-db bench-hta bench-pronabec bench-environment bench-bulk bench-harvest bench-datastore bench-data-json bench-csw bench-search

help:
	@echo "make demo   run the portal with its sample data at http://127.0.0.1:5000 (foreground)"
	@echo "make up     the same, in the background;  make down  stops what it started"
	@echo "make dev    the portal on CKAN's development server (reloads code; not for production)"
	@echo "make test   run the test suite against real PostgreSQL, Redis and Solr (and SolrCloud)"
	@echo "make test-cloud  the search tests against a SolrCloud collection (2 shards x 2 replicas)"
	@echo "make fuzz   10,000 hostile records per dataset type against the action API"
	@echo "make crawl  every page reachable from the home page, both languages, two roles"
	@echo "make unit   the unit tests only: no services, seconds (tests/unit)"
	@echo "make lint   ruff (style) and pyright (types)"

# System packages and the virtualenv; redone when the pins change.
$(STAMP): setup.py requirements.txt requirements-pycsw.txt harness/browser/package-lock.json
	scripts/system-deps.sh
	scripts/venv.sh
	scripts/pycsw.sh install
	scripts/browser.sh
	touch $@

install: $(STAMP)

services: install
	scripts/postgres.sh up
	scripts/redis.sh up
	scripts/solr.sh up
	scripts/pycsw.sh up

demo: services
	scripts/ckan.sh serve

up: services
	scripts/ckan.sh up

dev: services
	scripts/ckan.sh dev

# SolrCloud for the tests: ZooKeeper and two Solr nodes (scripts/solr.sh)
solr-cloud: services
	scripts/solr.sh cloud-up

down:
	scripts/ckan.sh down
	scripts/pycsw.sh down
	scripts/solr.sh cloud-down
	scripts/solr.sh down
	scripts/redis.sh down
	scripts/postgres.sh down

# the unit tests first (seconds, no services), then the integration tests
test: unit services solr-cloud
	$(VENV)/bin/pytest --ckan-ini=test.ini --ignore=tests/unit --durations=20 $(PYTEST_ARGS) tests
	$(MAKE) --no-print-directory test-cloud

# Pure modules, without CKAN's pytest plugin (which would connect to the
# configured database, Solr and Redis at start-up)
unit: install
	$(VENV)/bin/pytest -p no:ckan -p no:ckan_fixtures --confcutdir=tests/unit -p no:cacheprovider $(PYTEST_ARGS) tests/unit

# The search tests again, on the SolrCloud collection instead of the single core
SEARCH_TESTS := tests/hta/test_hta_search.py tests/environment/test_environment.py tests/pronabec/test_pronabec.py
test-cloud: solr-cloud
	$(VENV)/bin/pytest --ckan-ini=test-cloud.ini -p no:cacheprovider $(PYTEST_ARGS) $(SEARCH_TESTS)

# The long runs of two tests that `make test` runs bounded: fresh random cases
# (PE_FUZZ_EXAMPLES per type) and a crawl of every page (no cap per kind of page).
FUZZ_EXAMPLES ?= 10000
fuzz: services
	PE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) PE_FUZZ_PAGE_EXAMPLES=$(FUZZ_EXAMPLES) PE_FUZZ_RANDOM=1 $(VENV)/bin/pytest --ckan-ini=test.ini \
		-s -p no:cacheprovider $(PYTEST_ARGS) tests/catalog/test_fuzz_api.py tests/catalog/test_fuzz_pages.py

crawl: services
	PE_CRAWL_PER_ROUTE=0 PE_CRAWL_DEPTH=4 $(VENV)/bin/pytest --ckan-ini=test.ini \
		-s -p no:cacheprovider $(PYTEST_ARGS) tests/catalog/test_crawl.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pyright

# Refresh translations after changing user-facing strings: extract the
# template's messages, merge them into each language's .po, compile the .mo.
i18n: install
	$(VENV)/bin/python setup.py -q extract_messages
	$(VENV)/bin/python setup.py -q update_catalog
	$(VENV)/bin/python setup.py -q compile_catalog

# Benchmarks print medians and ratios measured in one run (test database and
# Solr core: not while the tests run).
bench: bench-hta bench-pronabec bench-environment bench-bulk bench-harvest bench-datastore bench-data-json bench-csw bench-search

bench-db: services
	$(VENV)/bin/ckan -c test.ini db upgrade >/dev/null

bench-hta: bench-db
	$(VENV)/bin/python -m bench.hta

bench-pronabec: bench-db
	$(VENV)/bin/python -m bench.pronabec

bench-environment: bench-db
	$(VENV)/bin/python -m bench.environment

bench-bulk: bench-db
	$(VENV)/bin/python -m bench.bulk_load

# also uses the harvesting tests' two instances (harness/instance.py: their own databases and Solr cores)
bench-harvest: bench-db
	$(VENV)/bin/python -m bench.harvest

# /data.json at 10,000 datasets: time and memory (serves test.ini with gunicorn)
bench-data-json: bench-db
	$(VENV)/bin/python -m bench.data_json

# CSW GetRecords (text and box) against package_search with the same filter
# (starts the tests' pycsw; serves test.ini with gunicorn)
bench-csw: bench-db
	$(VENV)/bin/python -m bench.csw

# recall@10 and MRR over tests/data/search_relevance.yaml, and package_search
# latency: CKAN's analysis (core ckan_baseline) against the Spanish one (ckan_test)
bench-search: bench-db
	$(VENV)/bin/python -m bench.search_relevance

# the sample catalog's load with its files, and xloader on a 100,000-row CSV
# (serves test.ini with gunicorn; runs CKAN's job worker)
bench-datastore: bench-db
	$(VENV)/bin/python -m bench.datastore
