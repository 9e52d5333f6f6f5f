"""The ``pe_catalog`` plugin: what the three dataset-type plugins share.

It registers, once for the whole suite, the shared templates (the top-level
``templates/`` folder), translations, template helpers, validators, commands
and the licence list. Each dataset-type plugin requires it (see
:mod:`ckanext.pe_catalog.dataset_type`).
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.plugins import DefaultTranslation  # not exposed by toolkit

from ckanext.pe_catalog import (
    core_fixes,
    datastore_views,
    downloads,
    export,
    forms,
    health,
    hidden_pages,
    qr,
    request_checks,
    search,
    session_csrf,
)
from ckanext.pe_catalog.csw import endpoint as csw_endpoint
from ckanext.pe_catalog.dcat_us import endpoint as dcat_us_endpoint
from ckanext.pe_catalog.logic import datastore, guard, hidden, index_guard
from ckanext.pe_catalog.rdf import endpoints, fragments

_JOINED_FILTERS = re.compile(r'"(?=[A-Za-z_][\w\-]*:")')


def _chained_actions() -> dict[str, Any]:
    """The plugin's chained actions; one plugin can chain an action only once,
    so the modules must not both chain the same one (the index guard wraps)."""
    modules = [guard.actions(), hidden.actions(), datastore.actions()]
    names = [name for chained in modules for name in chained]
    both = {name for name in names if names.count(name) > 1}
    if both:
        raise RuntimeError(f"chained twice in pe_catalog: {sorted(both)}")
    return index_guard.actions({k: v for chained in modules for k, v in chained.items()})


@tk.blanket.actions(_chained_actions)
@tk.blanket.blueprints(
    lambda: [
        request_checks.blueprint,
        session_csrf.blueprint,
        index_guard.blueprint,
        health.blueprint,
        hidden_pages.blueprint,
        endpoints.blueprint,
        dcat_us_endpoint.blueprint,
        csw_endpoint.blueprint,
        qr.blueprint,
        export.blueprint(),
        downloads.blueprint,
    ]
)
@tk.blanket.cli
@tk.blanket.config_declarations
@tk.blanket.helpers
@tk.blanket.validators
class PeCatalogPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.ITranslation)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IMiddleware, inherit=True)

    def make_middleware(self, app: Any, config: Any) -> Any:
        # CKAN copies its MAX_CONTENT_LENGTH setting to Flask untyped (and it
        # stayed unset); the suite's typed setting is the body limit
        app.config["MAX_CONTENT_LENGTH"] = config.get("ckanext.pe_catalog.max_request_size")
        app.register_error_handler(413, request_checks.too_large)  # after CKAN's own
        datastore_views.guard(app)  # its blueprints are registered by now
        return app

    def update_config(self, config: Any) -> None:
        # add_template_directory() resolves paths relative to the caller's module;
        # our templates are a mapped package, so hand it the absolute path.
        tk.add_template_directory(config, str(resources.files("ckanext.pe_catalog.templates")))
        tk.add_public_directory(config, "public")
        tk.add_resource("theme", "pe_catalog_theme")  # the portal's CSS and JS
        tk.add_resource("public/pe-catalog/map", "pe_catalog_map")  # offline base map JS/CSS
        # Open licences with their current versions (CKAN's built-in list has no
        # CC BY 4.0 id); a portal may still point licenses_group_url elsewhere.
        if not config.get("licenses_group_url"):
            config["licenses_group_url"] = "file://" + str(
                resources.files("ckanext.pe_catalog") / "data" / "licenses.json"
            )

    def configure(self, config: Any) -> None:
        core_fixes.apply()
        forms.mark_required_fields()  # after scheming loaded the schemas (update_config)

    # ITranslation: the domain is "ckanext-pe_catalog" and the catalogs live in
    # ckanext/pe_catalog/i18n (DefaultTranslation's defaults).

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        if isinstance(pkg_dict.get("id"), str):
            hidden.relabel_activities(pkg_dict["id"])
            datastore.drop_removed_tables(context, pkg_dict["id"])

    def after_dataset_delete(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        if isinstance(pkg_dict.get("id"), str):
            hidden.relabel_activities(pkg_dict["id"], state="deleted")
            # package_delete hands over what it was given: an id or a name
            package = model.Package.get(pkg_dict["id"])
            fragments.drop(package.id if package else pkg_dict["id"])

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        # a new version of the dataset (an edit, a privacy change, its
        # organization renamed): its catalog fragments are no longer asked for
        if isinstance(pkg_dict.get("id"), str):
            fragments.drop(pkg_dict["id"])
        return pkg_dict

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        # CKAN's /feeds/custom.atom joins its filters with no space between them
        # ('a:"x"b:"y"', ckan/views/feed.py); a quote followed by "field:" is never
        # valid Solr syntax, so separating them only repairs such filters.
        fq = search_params.get("fq")
        if fq:
            search_params["fq"] = _JOINED_FILTERS.sub('" ', fq)
        return search.query_parser(search_params)
