"""Template helpers shared by the suite (registered by the pe_catalog plugin)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import ckan.plugins.toolkit as tk
from flask_babel import format_date
from markupsafe import Markup
from werkzeug.routing import BuildError

from ckanext.pe_catalog import dates, maps, schema_fields, seed, spelling
from ckanext.pe_catalog.dataset_type import suite_dataset_types, suite_facet_title
from ckanext.pe_catalog.language import current_language, language_text

__all__ = [
    "humanize_entity_type",
    "pe_catalog_boundaries_url",
    "pe_catalog_content_lang",
    "pe_catalog_csw_enabled",
    "pe_catalog_dataset_counts",
    "pe_catalog_dataset_types",
    "pe_catalog_department_choices",
    "pe_catalog_export_url",
    "pe_catalog_filter_title",
    "pe_catalog_format_date",
    "pe_catalog_is_sample",
    "pe_catalog_language_text",
    "pe_catalog_search_url",
    "pe_catalog_spelling_suggestion",
    "pe_catalog_translated",
]


def pe_catalog_csw_enabled() -> bool:
    """Whether the portal serves /csw (``ckanext.pe_catalog.csw.url`` set)."""
    from ckanext.pe_catalog.csw import repository

    return repository.configured()


def pe_catalog_dataset_types() -> list[str]:
    """The suite's dataset types that are enabled, in plugin order."""
    return suite_dataset_types()


def pe_catalog_dataset_counts() -> dict[str, int]:
    """Public datasets per dataset type, from one faceted search."""
    result = tk.get_action("package_search")(
        {},
        {"q": "*:*", "rows": 0, "facet.field": ["dataset_type"], "facet.limit": -1},
    )
    return dict(result["facets"].get("dataset_type", {}))


def pe_catalog_search_url(endpoint: str, **overrides: str) -> str:
    """``endpoint``'s URL with the current search's query string, for links that act
    on "these results" (a download, a feed, a narrower search).

    Every value of every key is kept (two ``tags`` filters stay two); ``overrides``
    replace a key; ``page`` is dropped (the link starts from the first result).
    Passing ``**request.args`` to ``url_for`` instead fails on a key the call
    already names (``?open_now=``) and keeps one value per key.
    """
    return _with_search_args(tk.h.url_for(endpoint), overrides)


def _with_search_args(url: str, overrides: dict[str, str]) -> str:
    args = [
        (key, value)
        for key, value in tk.request.args.items(multi=True)
        if key not in overrides and key != "page"
    ]
    args += [(key, value) for key, value in overrides.items() if value is not None]
    return f"{url}?{urlencode(args)}" if args else url


def pe_catalog_spelling_suggestion(query: Any) -> dict[str, Any] | None:
    """The correction this page's search for ``query`` got (``{"q", "count",
    "url"}``: ``url`` is the current search with ``q`` corrected), or None."""
    suggestion = spelling.remembered(query)
    if suggestion is None:
        return None
    # this page (url_for keeps the language prefix that request.path lost)
    here = tk.h.url_for(tk.request.endpoint, **(tk.request.view_args or {}))
    return {**suggestion, "url": _with_search_args(here, {"q": suggestion["q"]})}


def pe_catalog_filter_title(field: str) -> str:
    """The title of an applied search filter ``field`` that the page's own
    facets do not list (a tag link on a type's page, a scholarship filter on
    /dataset/), in the user's language: CKAN's title for its core facets, else
    the title a suite type gives it, else ``field``."""
    core = {
        "organization": tk._("Organizations"),
        "groups": tk._("Groups"),
        "tags": tk._("Tags"),
        "res_format": tk._("Formats"),
        "license_id": tk._("Licenses"),
    }
    return core.get(field) or suite_facet_title(field) or field


def pe_catalog_export_url(dataset_type: str) -> str | None:
    """``/<type>/export.csv`` with the current search's query string (the results
    the page shows); None for a type that is not one of the suite's."""
    try:
        url = tk.h.url_for("pe_catalog_export.export_csv", dataset_type=dataset_type)
    except BuildError:  # no export rule: not one of the suite's types
        return None
    return _with_search_args(url, {})


def pe_catalog_is_sample(pkg: dict[str, Any]) -> bool:
    """True for a sample dataset (tagged :data:`~ckanext.pe_catalog.seed.SAMPLE_TAG`)."""
    tags = pkg.get("tags") if isinstance(pkg, dict) else None
    return any(isinstance(t, dict) and t.get("name") == seed.SAMPLE_TAG for t in tags or [])


def pe_catalog_format_date(value: Any) -> str:
    """A calendar date in the user's language ("15 de diciembre de 2026").

    The catalog's dates are dates, not instants: CKAN's render_datetime would
    shift midnight UTC into Lima's previous day.
    """
    day = dates.as_date(value)
    return format_date(day, format="long") if day else ""


def pe_catalog_language_text(text: Any) -> str:
    """The page language's text of a schema label ``{lang: text}`` (then Spanish,
    then English); templates use this one helper, as the Python code uses
    :func:`ckanext.pe_catalog.language.language_text`."""
    return language_text(text)


# CKAN builds these from "{object_type}s"; a schema's type_label gives the
# singular and plural in each language instead.
_SINGULAR = {
    "add link": lambda: tk._("Add {singular}"),
    "create label": lambda: tk._("Create {singular}"),
    "create title": lambda: tk._("Create {singular}"),
    "edit label": lambda: tk._("Edit {singular}"),
    "save label": lambda: tk._("Save {singular}"),
    "update label": lambda: tk._("Update {singular}"),
    "view label": lambda: tk._("View {singular}"),
    "form label": lambda: tk._("{singular} form"),
    "name placeholder": lambda: tk._("my-{singular}"),
    "delete confirmation": lambda: tk._("Are you sure you want to delete this {singular}?"),
    "activity_record": lambda: "{singular}",
}
_PLURAL: dict[str, Callable[[], str]] = {
    "breadcrumb": lambda: "{plural}",
    "content tab": lambda: "{plural}",
    "facet label": lambda: "{plural}",
    "main nav": lambda: "{plural}",
    "page title": lambda: "{plural}",
    "my label": lambda: tk._("My {plural}"),
    "search placeholder": lambda: tk._("Search {plural}..."),
    "no any objects": lambda: tk._("There are currently no {plural} in this catalog."),
}


@tk.chained_helper
def humanize_entity_type(
    next_helper: Callable[..., str | None], entity_type: str, object_type: str, purpose: str
) -> str | None:
    schema = schema_fields.schema_of(object_type) if entity_type == "package" else None
    labels = (schema or {}).get("type_label")
    template = _SINGULAR.get(purpose) or _PLURAL.get(purpose)
    if not labels or template is None:
        return next_helper(entity_type, object_type, purpose)
    if purpose == "main nav" and labels.get("nav"):
        return language_text(labels["nav"])  # the header's tab: a short label
    if purpose == "activity_record":
        # mid-sentence, after core's article ("{actor} creó el {dataset_type}"):
        # lower case, and a wording that takes that article (type_label.activity)
        return language_text(labels.get("activity") or labels["singular"])
    singular = language_text(labels["singular"])
    plural = language_text(labels["plural"])
    text = template().replace("{singular}", singular).replace("{plural}", plural)
    if purpose == "name placeholder":
        return text.replace(" ", "-")
    return text[:1].upper() + text[1:]


def pe_catalog_boundaries_url() -> str:
    """The offline base map's GeoJSON (Peru's departments), as served by the portal."""
    return tk.h.url_for_static(maps.BOUNDARIES_URL)


def pe_catalog_department_choices() -> list[maps.DepartmentChoice]:
    """Peru's departments by name: ``[{"code": INEI UBIGEO code, "name": ...}]``."""
    return maps.department_choices()


def pe_catalog_translated(message: str) -> str:
    """``message`` in the page's language when the catalogs have it, else as is.

    Never formatted (unlike Jinja's ``_()``, which applies ``%`` to the
    translation: a message that quotes the user's input stays inert), and an
    empty message stays empty (gettext of "" is the catalog's header).
    """
    return tk._(message) if message else message


def pe_catalog_content_lang(pkg: dict[str, Any]) -> Markup:
    """A ``lang="xx"`` attribute for a dataset's own text when its language
    (DCAT ``dct:language``: the ``language`` field, a code or a list of one)
    differs from the page's, so screen readers read an English report in
    English (WCAG 3.1.2); empty markup otherwise. Attribute value is escaped.
    """
    language = pkg.get("language") if isinstance(pkg, dict) else None
    if isinstance(language, list):
        language = language[0] if len(language) == 1 else None
    if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}", language):
        return Markup("")
    if language == current_language():
        return Markup("")
    return Markup(' lang="{}"').format(language)
