"""deploy/: the operators' docker-compose sets only settings that exist.

Every variable the CKAN containers get is either a setting CKAN reads from the
environment itself (``CKAN_SQLALCHEMY_URL``...), a ``CKAN__``/``CKANEXT__``
setting that deploy/start.sh writes into the ini (each must be declared by
CKAN or a plugin of the suite, or it would silently do nothing), or one of the
few variables deploy/start.sh and config/gunicorn.conf.py read themselves.
The limits in front (nginx) match the application's.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest
import yaml
from ckan.common import config_declaration
from ckan.config.environment import CONFIG_FROM_ENV_VARS

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
# read by deploy/start.sh or config/gunicorn.conf.py, not CKAN settings
OWN_VARIABLES = {"CKAN_SECRET_KEY", "CKAN_JWT_SECRET", "DEMO_ADMIN", "PE_INIT", "PE_SAMPLE",
                 "WEB_CONCURRENCY"}  # fmt: skip


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def ckan_services(spec: dict) -> dict[str, dict]:
    return {
        name: service
        for name, service in spec["services"].items()
        if service.get("image") == "pe-catalog:latest"
    }


def setting_of(variable: str) -> str | None:
    """The CKAN setting a variable sets, by the rules start.sh and CKAN apply."""
    from_env = {env: key for key, env in CONFIG_FROM_ENV_VARS.items()}
    if variable in from_env:
        return from_env[variable]
    if variable.startswith(("CKAN__", "CKANEXT__")):
        return variable.lower().replace("__", ".")
    return None


@pytest.mark.usefixtures("with_plugins")
def test_every_variable_of_the_ckan_containers_is_a_declared_setting_or_read_by_our_scripts():
    services = ckan_services(compose())
    assert set(services) == {"ckan", "ckan-worker"}
    scripts = (DEPLOY / "start.sh").read_text() + (ROOT / "config" / "gunicorn.conf.py").read_text()
    for name, service in services.items():
        for variable in service["environment"]:
            setting = setting_of(variable)
            if setting is None:
                assert variable in OWN_VARIABLES, f"{name}: {variable} is read by nothing"
                assert variable in scripts, f"{name}: {variable} is read by nothing"
            else:
                assert setting in config_declaration, f"{name}: {variable} -> {setting}"
    assert services["ckan-worker"]["command"][-2:] == ["jobs", "worker"]


def test_the_services_are_the_official_images_and_the_limits_match_the_application():
    spec = compose()
    images = {name: service.get("image") for name, service in spec["services"].items()}
    assert images["solr"] == "ckan/ckan-solr:2.12-solr9-spatial"
    assert images["db"] == "postgres:15"
    assert (DEPLOY / "Dockerfile").read_text().count("FROM ckan/ckan-base:2.12") == 1

    suite = configparser.ConfigParser(interpolation=None)
    suite.read(ROOT / "config" / "suite.ini")
    declared = yaml.safe_load((ROOT / "ckanext/pe_catalog/config_declaration.yaml").read_text())
    options = {o["key"]: o for g in declared["groups"] for o in g["options"]}
    body_limit = options["ckanext.pe_catalog.max_request_size"]["default"]
    nginx = (DEPLOY / "nginx.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", nginx).group(1))
    assert megabytes * 1024 * 1024 == body_limit
    assert int(suite["app:main"]["ckan.max_resource_size"]) < megabytes
