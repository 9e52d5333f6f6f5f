"""gunicorn settings for the portal (``make up``, ``make demo``, deploy/).

The application is ``ckanext.pe_catalog.wsgi:application``; its CKAN
configuration file comes from ``$CKAN_INI``. Every value below can be changed
from the environment without editing this file.
"""

import multiprocessing
import os

wsgi_app = "ckanext.pe_catalog.wsgi:application"
bind = os.environ.get("PE_BIND", "127.0.0.1:5000")

# Worker processes: gunicorn's own rule of thumb, (2 x cores) + 1; CKAN's
# requests spend part of their time waiting for PostgreSQL and Solr.
# WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# A request that runs longer than this is killed and its worker replaced (the
# official CKAN images give uWSGI the same budget: harakiri 50 s).
timeout = int(os.environ.get("PE_REQUEST_TIMEOUT", "50"))
graceful_timeout = 30
keepalive = 5
# Replace a worker after this many requests, so that a slow leak in any
# extension cannot grow a worker without bound.
max_requests = 2000
max_requests_jitter = 200

# Request line and header limits (gunicorn's defaults, stated); the body limit
# is the suite's ckanext.pe_catalog.max_request_size, enforced by the application
# so that it also answers with CKAN's 413 page or JSON.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# CKAN already logs every request with its status and time (ckan.log), and
# nginx in front keeps the access log in production; PE_ACCESS_LOG=- adds
# gunicorn's. (A log *file* here would be closed when the application loads
# CKAN's logging configuration.)
accesslog = os.environ.get("PE_ACCESS_LOG")
errorlog = "-"
proc_name = "pe-catalog"
