"""The portal as a WSGI application, for a production server.

``gunicorn -c config/gunicorn.conf.py`` (what ``make up`` and ``make demo``
run) imports ``ckanext.pe_catalog.wsgi:application``; so does any WSGI server
(uWSGI: ``--module ckanext.pe_catalog.wsgi:application``). It is CKAN's own
``wsgi.py`` (shipped at the root of CKAN's repository, not in its package):
the configuration file comes from ``$CKAN_INI``, its ``[loggers]`` sections
(when it has them) configure logging, and ``make_app`` builds the same application as
``ckan run``.

Each worker process imports this module itself (no ``preload_app``): a
database connection opened before a fork would be shared by every worker.
"""

from __future__ import annotations

import configparser
import os
from logging.config import fileConfig

from ckan.cli import load_config
from ckan.config.middleware import make_app

_ini = os.environ.get("CKAN_INI", "ckan.ini")
_sections = configparser.ConfigParser(interpolation=None)
_sections.read(_ini)
if _sections.has_section("loggers"):  # an ini may leave logging to its server
    fileConfig(_ini, disable_existing_loggers=False)
application = make_app(load_config(_ini))
