"""The chained actions that refuse what the checks find, before CKAN writes or searches.

The checks themselves are pure functions: records in
:mod:`ckanext.pe_catalog.logic.input_checks`, searches in
:mod:`ckanext.pe_catalog.logic.search_checks`. Here they run around CKAN's
actions: dataset, resource, organization, group and user writes, dataset
search, the group autocompletes and lists, and CKAN's dataset relationships,
which the catalog refuses. A refused dataset write also reports the schema's
own errors for the rest of the input, so a form names every problem at once.
"""

from __future__ import annotations

import logging
from typing import Any, cast

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import uploader  # not in toolkit: package_update's mimetype guess
from ckan.lib.search import SearchError, SearchQueryError  # not in toolkit
from ckan.types import Action, Context, DataDict

from ckanext.pe_catalog import schema_fields, spelling
from ckanext.pe_catalog.logic import group_index, hidden
from ckanext.pe_catalog.logic.input_checks import (
    dataset_errors,
    group_errors,
    no_relationships,
    user_errors,
)
from ckanext.pe_catalog.logic.search_checks import (
    SearchSyntaxError,
    check_search,
    grouped_filter,
    is_users_search_error,
    plain_words,
)

log = logging.getLogger(__name__)


def _user_write(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    if isinstance(data_dict, dict):
        errors = user_errors(data_dict)
        if errors:
            raise tk.ValidationError(errors)
    return original_action(context, data_dict)


user_create = tk.chained_action(_user_write)
user_update = tk.chained_action(_user_write)


def _schema_errors(
    context: Context,
    data_dict: DataDict,
    dataset_type: str,
    refused: dict,
    action: str,
) -> dict[str, Any]:
    """The schema's own errors for the rest of the input, so a form names every
    problem at once rather than one round at a time. Validation only: nothing
    is written."""
    from ckan.lib import plugins as lib_plugins  # the action's own validation path

    plugin = lib_plugins.lookup_package_plugin(dataset_type)
    schema = (
        plugin.create_package_schema()
        if action == "package_create"
        else plugin.update_package_schema()
    )
    # an edit form sends no type: scheming would answer "Unsupported dataset type: None"
    rest = {**{k: v for k, v in data_dict.items() if k not in refused}, "type": dataset_type}
    try:
        _, errors = lib_plugins.plugin_validate(plugin, context.copy(), rest, schema, action)
    except Exception:  # a courtesy: the refusal itself stands on the guard's errors
        log.debug("schema validation of refused input failed", exc_info=True)
        return {}
    # a field derived from a refused one (a schema's derived_from) only
    # reports that its source is missing: the refusal already says why
    derived = {
        f["field_name"]
        for f in schema_fields.fields(dataset_type)
        if f.get("derived_from") in refused
    }
    return {name: messages for name, messages in errors.items() if name not in derived}


def check_dataset(context: Context, data_dict: DataDict, dataset_type: Any, action: str) -> None:
    """Raise ``ValidationError`` (the guard's errors and the schema's) for refused input."""
    errors = dataset_errors(data_dict, dataset_type)
    if not errors:
        return
    if "type" not in errors:
        errors = {**_schema_errors(context, data_dict, dataset_type, errors, action), **errors}
    raise tk.ValidationError(errors)


def _type_of_update(context: Context, data_dict: DataDict) -> str | None:
    if data_dict.get("type") is not None:
        return data_dict["type"]
    ref = data_dict.get("id") or data_dict.get("name")
    pkg = model.Package.get(ref) if isinstance(ref, str) else None
    return pkg.type if pkg is not None else None


def with_guessed_mimetypes(data_dict: DataDict) -> DataDict:
    """The dataset with each resource given by URL (no ``mimetype``) given the
    media type CKAN's ``package_update`` would give it: its uploader's guess,
    from the URL's extension by default (``ckan.mimetype_guess``).

    ``package_create`` makes no guess, so the first update of a dataset created
    with its resources changed every resource: a new version for harvesters
    and an activity, for nothing (a file imported twice). A URL the guess
    cannot read is left to the URL validator.
    """
    resources = data_dict.get("resources")
    if not isinstance(resources, list):
        return data_dict
    guessed = []
    for resource in resources:
        if (
            isinstance(resource, dict)
            and "mimetype" not in resource
            and "upload" not in resource
            and isinstance(resource.get("url"), str)
        ):
            try:
                upload = uploader.get_resource_uploader(dict(resource))
            except ValueError:  # e.g. "http://[": not a URL
                upload = None
            if upload is not None and hasattr(upload, "mimetype"):
                resource = {**resource, "mimetype": upload.mimetype}
        guessed.append(resource)
    return {**data_dict, "resources": guessed}


@tk.chained_action
def package_create(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    if isinstance(data_dict, dict):
        # CKAN would give a type no plugin defines its default schema: refused
        check_dataset(context, data_dict, data_dict.get("type") or "dataset", "package_create")
        data_dict = with_guessed_mimetypes(data_dict)
    # CKAN 2.12 returns the written dataset without calling package_show
    return hidden.redact_references(context, original_action(context, data_dict))


@tk.chained_action
def package_update(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    if isinstance(data_dict, dict):
        # the dataset updated: by id, else by name (never the new name: its own check)
        hidden.refuse_hidden(
            original_action, context, data_dict, ("id",) if data_dict.get("id") else ("name",)
        )
        dataset_type = _type_of_update(context, data_dict)
        if dataset_type is not None:  # a missing dataset is package_update's 404
            check_dataset(context, data_dict, dataset_type, "package_update")
            hidden.keep_hidden_references(context, data_dict)
    return hidden.redact_references(context, original_action(context, data_dict))


def _group_write(is_organization: bool, update: bool = False) -> Any:
    """A chained organization_* (or group_*) create or update action with the guard;
    an update that renames the group has its datasets indexed again."""

    @tk.chained_action
    def action(original_action: Action, context: Context, data_dict: DataDict) -> Any:
        before = None
        if isinstance(data_dict, dict):
            errors = group_errors(data_dict, is_organization)
            if errors:
                raise tk.ValidationError(errors)
            if update and isinstance(data_dict.get("id"), str):
                before = group_index.carried(data_dict["id"])
        result = original_action(context, data_dict)
        if before is not None and isinstance(result, dict) and isinstance(result.get("id"), str):
            group_index.after_update(before, result["id"])
        return result

    return action


organization_create = _group_write(is_organization=True)
organization_update = _group_write(is_organization=True, update=True)
group_create = _group_write(is_organization=False)
group_update = _group_write(is_organization=False, update=True)


@tk.chained_action
def resource_create(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    # the dataset is looked up by package_id before package_update's guard runs
    if isinstance(data_dict, dict) and not isinstance(data_dict.get("package_id", ""), str):
        raise tk.ValidationError({"package_id": [tk._("Must be text")]})
    hidden.refuse_hidden(original_action, context, data_dict, ("package_id",))
    return original_action(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def package_search(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    check_search(data_dict)
    if isinstance(data_dict.get("fq"), str):
        data_dict["fq"] = grouped_filter(data_dict["fq"])
    asked = dict(data_dict)  # CKAN's package_search changes the dict it is given
    search_context = cast(Context, dict(context))  # and the context
    typed = asked.get("q")
    try:
        result = _search(original_action, context, data_dict)
    except SearchSyntaxError:
        q = asked.get("q")
        if not (context.get("for_view") and isinstance(q, str)) or plain_words(q) == q:
            raise
        # a search page (CKAN's views set for_view; API clients get the
        # refusal): the words a visitor typed that Solr cannot parse ("beca OR",
        # "18:", "http://x.com") are searched as words
        asked = {**asked, "q": plain_words(q)}
        result = _search(original_action, context, dict(asked))
    suggestion = spelling.suggest(original_action, search_context, asked, result["count"])
    if suggestion is not None:
        result["spelling_suggestion"] = suggestion
        spelling.remember(typed, suggestion)
    return result


def _search(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    try:
        return hidden.redact_search(context, original_action(context, data_dict))
    except SearchQueryError as error:
        # CKAN's own refusals ('Invalid "sort" parameter') in the request's
        # language; gettext leaves any other text (Solr's) as it is, unformatted
        message = str(error)
        raise SearchSyntaxError({"search": [tk._(message) if message else message]}) from None
    except SearchError as error:
        if not is_users_search_error(str(error)):
            raise  # a server fault (Solr unreachable or failing) stays a server error
        raise SearchSyntaxError(
            {"search": [tk._("The search could not be understood; check its words and filters")]}
        ) from None


@tk.chained_action
def package_relationship_create(
    original_action: Action, context: Context, data_dict: DataDict
) -> Any:
    raise no_relationships()


@tk.chained_action
def package_relationship_update(
    original_action: Action, context: Context, data_dict: DataDict
) -> Any:
    raise no_relationships()


def _autocomplete(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    # CKAN's group and organization autocompletes read data_dict["q"] (a 500)
    q = data_dict.get("q") if isinstance(data_dict, dict) else None
    if not isinstance(q, str) or not q.strip():
        raise tk.ValidationError({"q": [tk._("Missing value")]})
    return original_action(context, data_dict)


def _group_listing(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    # a blank sort or order_by failed CKAN's parsing (IndexError, a 500):
    # blank means not given, as for the other parameters
    if isinstance(data_dict, dict):
        for key in ("sort", "order_by"):
            if isinstance(data_dict.get(key), str) and not data_dict[key].strip():
                data_dict = {k: v for k, v in data_dict.items() if k != key}
    return original_action(context, data_dict)


def _chained_reader(check: Any) -> Any:
    """A chained read action (GET-able) that runs ``check`` around CKAN's."""

    @tk.chained_action
    @tk.side_effect_free
    def action(original_action: Action, context: Context, data_dict: DataDict) -> Any:
        return check(original_action, context, data_dict)

    return action


group_autocomplete = _chained_reader(_autocomplete)
organization_autocomplete = _chained_reader(_autocomplete)
group_list = _chained_reader(_group_listing)
organization_list = _chained_reader(_group_listing)


def actions() -> dict[str, Any]:
    """The chained actions, for the pe_catalog plugin's ``IActions``."""
    return {name: globals()[name] for name in __all__}


__all__ = [
    "group_autocomplete",
    "group_create",
    "group_list",
    "group_update",
    "organization_autocomplete",
    "organization_create",
    "organization_list",
    "organization_update",
    "package_create",
    "package_relationship_create",
    "package_relationship_update",
    "package_search",
    "package_update",
    "resource_create",
    "user_create",
    "user_update",
]
