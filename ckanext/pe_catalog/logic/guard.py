"""What every write of a dataset must be before any schema reads it.

CKAN's own schema and ckanext-scheming check the fields they know, one by one;
what neither checks is the shape of the request as a whole. Left to them, a
dataset of an unknown ``type`` skips every rule of the catalog and then fails
every page that lists it; a control character or a 100,000-character title is
stored and then breaks the Atom feed, the RDF/XML catalog or the Solr index;
``NaN`` passes every comparison. This module is the one place that refuses
such input, for every action that writes a dataset (``package_create`` and
``package_update``, which ``package_patch``, ``package_revise`` and the
``resource_*`` actions call), with a ``ValidationError`` naming the field.

Limits (characters, counted as Python ``str`` length):

* single-line text: :data:`MAX_LINE`; multi-line text (fields whose form is a
  text area: ``notes``, the PICO fields, ``requirements``, list fields...):
  :data:`MAX_TEXT`; a field may set its own ``max_length`` in its schema
  (``spatial`` does, for GeoJSON);
* control characters: none but tab, line feed and carriage return, and those
  only in multi-line fields (XML 1.0 and Atom forbid the rest; the C0 set is
  U+0000 to U+001F, plus U+007F); no lone surrogate, U+FFFE or U+FFFF;
* numbers: finite (no ``NaN`` or infinity, which JSON cannot carry).
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterator
from typing import Any, TypeGuard

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.search import SearchError, SearchQueryError  # not in toolkit
from ckan.types import Action, Context, DataDict

from ckanext.pe_catalog import schema_fields
from ckanext.pe_catalog.logic import hidden
from ckanext.pe_catalog.logic.validators import PAGE_URL_SCHEMES, url_error
from ckanext.pe_catalog.schema_fields import list_fields
from ckanext.pe_catalog.text import NOT_CHARACTERS, is_blank

log = logging.getLogger(__name__)

MAX_LINE = 1_000
MAX_TEXT = 25_000
# a request nested deeper than this is refused rather than walked
MAX_DEPTH = 20

MULTILINE_SNIPPETS = {"markdown.html", "textarea.html", "pe_list.html"}
# core fields that are multi-line whatever the schema says
MULTILINE_CORE = {"notes", "description"}
LIST_OF_OBJECTS = ("resources", "tags", "groups", "extras")
# CKAN's core fields that are text: its validators fail on a boolean, a number,
# a list or an object (``owner_org: false`` answered 500)
TEXT_KEYS = (
    "id",
    "name",
    "title",
    "notes",
    "owner_org",
    "type",
    "state",
    "license_id",
    "url",
    "version",
    "author",
    "author_email",
    "maintainer",
    "maintainer_email",
)
# CKAN's lifecycle states; anything else hides a dataset from search and catalog
STATES = ("active", "draft", "deleted")

# the text keys of the objects in tags, groups and extras
# fields that take a JSON object as well as its text (GeoJSON)
STRUCTURED_FIELDS = {"spatial"}
ITEM_TEXT_KEYS = ("id", "name", "title", "vocabulary_id", "key", "value")
GROUP_TEXT_KEYS = (
    "id",
    "name",
    "title",
    "description",
    "image_url",
    "type",
    "state",
    "approval_status",
)
RESOURCE_TEXT_KEYS = (
    "id",
    "url",
    "name",
    "description",
    "format",
    "url_type",
    "package_id",
    "mimetype",
    "mimetype_inner",
    "hash",
)

_FORBIDDEN_LINE = re.compile(rf"[\x00-\x1f\x7f{NOT_CHARACTERS}]")
_FORBIDDEN_TEXT = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{NOT_CHARACTERS}]")


def registered_dataset_types() -> list[str]:
    """Dataset types some plugin defines (the suite's three, harvest sources...)."""
    from ckan.lib import plugins as lib_plugins  # the registry itself is not exposed

    return sorted(lib_plugins._package_plugins)


def _is_registered(dataset_type: str) -> bool:
    return isinstance(dataset_type, str) and dataset_type in registered_dataset_types()


def _field_kinds(fields: list[dict[str, Any]]) -> dict[str, tuple[bool, int]]:
    """field name -> (multi-line, max length), from a scheming field list."""
    kinds: dict[str, tuple[bool, int]] = {}
    for field in fields:
        multiline = (
            field.get("form_snippet") in MULTILINE_SNIPPETS or field["field_name"] in MULTILINE_CORE
        )
        default = MAX_TEXT if multiline else MAX_LINE
        kinds[field["field_name"]] = (multiline, int(field.get("max_length", default)))
    return kinds


def _kind(kinds: dict[str, tuple[bool, int]], name: str) -> tuple[bool, int]:
    """(multi-line, max length) of a key: the schema's word, CKAN's core text keys
    are single-line, and anything else (what a harvested record carries besides
    its fields: an organization's description...) is multi-line text."""
    if name in kinds:
        return kinds[name]
    if name in MULTILINE_CORE:
        return True, MAX_TEXT
    return (False, MAX_LINE) if name in TEXT_KEYS else (True, MAX_TEXT)


def _walk(value: Any, depth: int = 0) -> Iterator[Any]:
    """Every scalar inside ``value`` (lists and dicts, keys included)."""
    if depth > MAX_DEPTH:
        raise RecursionError
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _walk(item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item, depth + 1)
    else:
        yield value


def _value_error(value: Any, multiline: bool, max_length: int) -> str | None:
    """The message for one field's value, or None when it is acceptable."""
    try:
        scalars = list(_walk(value))
    except RecursionError:
        return tk._("Nested too deeply")
    for scalar in scalars:
        if isinstance(scalar, float) and not math.isfinite(scalar):
            return tk._("Must be a finite number")
        if not isinstance(scalar, str):
            continue
        if len(scalar) > max_length:
            return tk._("Too long: {length} characters; at most {max}").format(
                length=len(scalar), max=max_length
            )
        bad = (_FORBIDDEN_TEXT if multiline else _FORBIDDEN_LINE).search(scalar)
        if bad:
            return tk._(
                "Contains a control character or non-character (U+{code:04X}) "
                "at position {position}; remove it"
            ).format(code=ord(bad.group()), position=bad.start() + 1)
    return None


def _record_errors(
    record: dict[str, Any],
    kinds: dict[str, tuple[bool, int]],
    skip: tuple[str, ...] = (),
    text_keys: tuple[str, ...] = (),
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in text_keys:
        if record.get(name) is not None and not isinstance(record[name], str):
            errors[name] = [tk._("Must be text")]
    for name, value in record.items():
        if name in skip or name in errors:
            continue
        if not isinstance(name, str) or _FORBIDDEN_LINE.search(name) or len(name) > 100:
            errors.setdefault("__extras", []).append(tk._("Invalid field name"))
            continue
        message = _value_error(value, *_kind(kinds, name))
        if message:
            errors[name] = [message]
    return errors


# a dataset's CKAN relationships, writable through package_create/update
# (see _no_relationships)
RELATIONSHIP_KEYS = ("relationships_as_subject", "relationships_as_object")
# what CKAN's boolean_validator reads as true (the first five) or false
PRIVATE_WORDS = {"true", "yes", "t", "y", "1", "false", "no", "f", "n", "0", ""}


def dataset_errors(data_dict: DataDict, dataset_type: Any) -> dict[str, Any]:
    """The errors of input no schema of the catalog may store; empty when there are none.

    ``data_dict`` is an action's input; ``dataset_type`` the type it will have.
    Errors are keyed like CKAN's own: ``{"title": [...]}``, and for resources a
    list with one dict per resource, ``{"resources": [{}, {"url": [...]}]}``.
    """
    if not _is_registered(dataset_type):
        message = tk._('Unknown dataset type "{type}"; use one of: {types}').format(
            type=dataset_type, types=", ".join(registered_dataset_types())
        )
        return {"type": [message]}
    schema = schema_fields.schema_of(dataset_type)
    if not schema:
        return {}  # a type of another extension (harvest sources): its own rules
    errors: dict[str, Any] = {}
    for name in RELATIONSHIP_KEYS:
        if data_dict.get(name):
            errors[name] = _no_relationships().error_dict["type"]
    private = data_dict.get("private")
    if not (
        private is None
        or isinstance(private, bool)
        or (isinstance(private, str) and private.lower() in PRIVATE_WORDS)
    ):
        # CKAN's boolean_validator reads any other word ("sí", "privado") as false:
        # the dataset would be published
        errors["private"] = [tk._("Must be true or false")]
    for name in LIST_OF_OBJECTS:
        if name not in data_dict:
            continue
        value = data_dict[name]
        if not (isinstance(value, list) and all(isinstance(item, dict) for item in value)):
            errors[name] = [tk._("Must be a list of objects")]

    errors.update(
        _record_errors(
            data_dict,
            _field_kinds(schema_fields.fields(schema)),
            skip=LIST_OF_OBJECTS,
            text_keys=TEXT_KEYS,
        )
    )
    lists = set(list_fields(schema))
    for field in schema_fields.fields(schema):
        name = field["field_name"]
        value = data_dict.get(name)
        if name in errors or value is None:
            continue
        if name in lists and not _is_list_input(value):
            errors[name] = [tk._("Expecting a list of values")]
        elif name not in lists | STRUCTURED_FIELDS and isinstance(value, (list, dict)):
            # a text or number field stored a JSON list as its text ('["a"]')
            errors[name] = [tk._("Must be a single value, not a list or an object")]
        elif field.get("required") and isinstance(value, str) and is_blank(value):
            errors[name] = [tk._("Missing value")]
    url = data_dict.get("url")
    if "url" not in errors and isinstance(url, str) and url.strip():
        message = url_error(url, PAGE_URL_SCHEMES)  # spaces around it too: CKAN stores it as is
        if message:
            errors["url"] = [message]
    if data_dict.get("state") not in (None, *STATES):
        errors["state"] = [tk._("Must be one of: {values}").format(values=", ".join(STATES))]
    tag_string = data_dict.get("tag_string")
    if tag_string is not None and not (
        isinstance(tag_string, str)
        or (isinstance(tag_string, list) and all(isinstance(t, str) for t in tag_string))
    ):
        errors["tag_string"] = [tk._("Must be text: keywords separated by commas")]
    private = data_dict.get("private")
    if private is not None and not isinstance(private, (bool, str)):
        errors["private"] = [tk._("Must be true or false")]
    for name in ("tags", "groups", "extras"):
        if name not in errors:
            for item in data_dict.get(name) or []:
                item_errors = _record_errors(
                    item, {"value": (True, MAX_TEXT)}, text_keys=ITEM_TEXT_KEYS
                )
                if item_errors:
                    errors[name] = [next(iter(item_errors.values()))[0]]
                    break
    if "resources" not in errors and data_dict.get("resources"):
        resource_kinds = _field_kinds(schema_fields.fields(schema, "resource"))
        per_resource = [_resource_errors(r, resource_kinds) for r in data_dict["resources"]]
        if any(per_resource):
            errors["resources"] = per_resource
    if "tags" in errors:
        # ValidationError expects tag errors as CKAN's tag schema gives them
        errors["tags"] = [{"name": errors["tags"]}]
    if "extras" in errors:
        # ...and its error summary reads extras errors by "key" (a form's 500 otherwise)
        errors["extras"] = [{"key": errors["extras"]}]
    return errors


def _is_count(value: Any) -> bool:
    """A whole number from 0 to 2^53 - 1, as a number or as digits."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return value.isascii() and value.isdigit() and len(value) <= 16
    return isinstance(value, int) and 0 <= value <= 2**53 - 1


def _resource_errors(resource: dict[str, Any], kinds: dict[str, tuple[bool, int]]) -> dict:
    errors = _record_errors(resource, kinds, text_keys=RESOURCE_TEXT_KEYS)
    if resource.get("size") not in (None, "") and not _is_count(resource["size"]):
        errors["size"] = [tk._("Must be a whole number of bytes, 0 or more")]
    return errors


def group_errors(data_dict: DataDict, is_organization: bool) -> dict[str, Any]:
    """The errors of an organization's or group's input no page may show (the
    same rules as a dataset's: text, shapes, states, links)."""
    errors: dict[str, Any] = {}
    lists = ("extras", "users", "groups", "packages", "tags")
    for name in lists:
        value = data_dict.get(name)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(item, dict) for item in value)
        ):
            errors[name] = [tk._("Must be a list of objects")]
    errors.update(
        _record_errors(
            {k: v for k, v in data_dict.items() if k not in errors},
            {"description": (True, MAX_TEXT)},
            skip=lists,
            text_keys=GROUP_TEXT_KEYS,
        )
    )
    name = data_dict.get("name")
    if isinstance(name, str) and "name" not in errors:
        # CKAN 2.12's update schema for groups and organizations leaves out
        # name_validator: an edit renamed "pronabec" to "%s", which no page
        # or link can carry
        try:
            name_validator: Any = tk.get_validator("name_validator")
            name_validator(name, {})
        except tk.Invalid as invalid:
            errors["name"] = [invalid.error]
    for name in ("extras", "users"):
        for item in data_dict.get(name) or [] if name not in errors else []:
            item_errors = _record_errors(
                item, {"value": (True, MAX_TEXT)}, text_keys=ITEM_TEXT_KEYS
            )
            if item_errors:
                errors[name] = [next(iter(item_errors.values()))[0]]
                break
    title = data_dict.get("title")
    if "title" not in errors and isinstance(title, str) and title and is_blank(title):
        errors["title"] = [tk._("Missing value")]
    group_type = data_dict.get("type")
    default = "organization" if is_organization else "group"
    if group_type not in (None, default) and not _is_registered_group(group_type):
        errors["type"] = [tk._("Must be one of: {values}").format(values=default)]
    if data_dict.get("state") not in (None, *STATES):
        errors["state"] = [tk._("Must be one of: {values}").format(values=", ".join(STATES))]
    image = data_dict.get("image_url")
    if "image_url" not in errors and is_link(image):
        message = url_error(image, PAGE_URL_SCHEMES)
        if message:
            errors["image_url"] = [message]
    if "extras" in errors:
        errors["extras"] = [{"key": errors["extras"]}]  # as dataset_errors
    return errors


def is_link(image_url: Any) -> TypeGuard[str]:
    """An ``image_url`` that is a link (``x:...``, ``//host/...``), not an uploaded file's
    name nor a path on this site (``/pe-catalog/org/ins.svg``)."""
    return isinstance(image_url, str) and (":" in image_url or image_url.lstrip().startswith("//"))


# a user's text fields: "about" is multi-line
USER_TEXT_KEYS = ("name", "fullname", "email", "about", "image_url", "password", "id")


def user_errors(data_dict: DataDict) -> dict[str, Any]:
    """A user's text fields are text without control characters (a NUL answered 500),
    and ``image_url`` is a web link as an organization's (CKAN 2.12 took anything)."""
    errors: dict[str, Any] = {}
    for key in USER_TEXT_KEYS:
        value = data_dict.get(key)
        if value is not None and not isinstance(value, str):
            errors[key] = [tk._("Must be text")]
        elif isinstance(value, str):
            multiline = key == "about"
            message = _value_error(value, multiline, MAX_TEXT if multiline else MAX_LINE)
            if message:
                errors[key] = [message]
    image = data_dict.get("image_url")
    message = (
        url_error(image, PAGE_URL_SCHEMES) if "image_url" not in errors and is_link(image) else None
    )
    if message:
        errors["image_url"] = [message]
    return errors


def _user_write(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    if isinstance(data_dict, dict):
        errors = user_errors(data_dict)
        if errors:
            raise tk.ValidationError(errors)
    return original_action(context, data_dict)


user_create = tk.chained_action(_user_write)
user_update = tk.chained_action(_user_write)


def _is_registered_group(group_type: Any) -> bool:
    from ckan.lib import plugins as lib_plugins  # the registry itself is not exposed

    return isinstance(group_type, str) and group_type in lib_plugins._group_plugins


def _is_list_input(value: Any) -> bool:
    """What a list field takes: text (one value, or values by line or ';'), or a
    list of texts and numbers; nested lists and objects fail scheming (a 500)."""
    if isinstance(value, str):
        return True
    return isinstance(value, list) and all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
    )


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
    return errors


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


@tk.chained_action
def package_create(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    if isinstance(data_dict, dict):
        # CKAN would give a type no plugin defines its default schema: refused
        check_dataset(context, data_dict, data_dict.get("type") or "dataset", "package_create")
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


def _group_write(is_organization: bool) -> Any:
    """A chained organization_* (or group_*) create or update action with the guard."""

    @tk.chained_action
    def action(original_action: Action, context: Context, data_dict: DataDict) -> Any:
        if isinstance(data_dict, dict):
            errors = group_errors(data_dict, is_organization)
            if errors:
                raise tk.ValidationError(errors)
        return original_action(context, data_dict)

    return action


organization_create = _group_write(is_organization=True)
organization_update = _group_write(is_organization=True)
group_create = _group_write(is_organization=False)
group_update = _group_write(is_organization=False)


@tk.chained_action
def resource_create(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    # the dataset is looked up by package_id before package_update's guard runs
    if isinstance(data_dict, dict) and not isinstance(data_dict.get("package_id", ""), str):
        raise tk.ValidationError({"package_id": [tk._("Must be text")]})
    hidden.refuse_hidden(original_action, context, data_dict, ("package_id",))
    return original_action(context, data_dict)


class SearchSyntaxError(tk.ValidationError):
    """A search Solr cannot run as written: the request's fault, not the server's.

    A ``ValidationError``, so the API answers 409 and the pages 400
    (:mod:`ckanext.pe_catalog.request_checks`); CKAN's own ``SearchError``
    is caught by some views, which then fail rendering the page without facets.
    """


_NATURAL_NUMBER_PARAMS = ("rows", "start", "facet.mincount")
_SEARCH_TEXT_PARAMS = ("q", "fq", "fq_list", "sort", "fl")
_BOOLEAN_PARAMS = ("include_private", "include_drafts", "include_deleted", "use_default_schema")
# the words CKAN's asbool reads (ckan.common.asbool); anything else fails it
BOOLEAN_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "t", "f", "1", "0"}
MAX_SEARCH = 100_000


def _bbox_error(value: Any) -> str | None:
    """What is wrong with an ``ext_bbox`` (ckanext-spatial's box search), or None."""
    from ckanext.spatial.lib import normalize_bbox  # the parser the spatial search uses

    box = normalize_bbox(value) if isinstance(value, (str, list)) else None
    if box is not None:
        minx, miny, maxx, maxy = (box[k] for k in ("minx", "miny", "maxx", "maxy"))
        finite = all(math.isfinite(v) for v in (minx, miny, maxx, maxy))
        if finite and -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
            return None
    return tk._(
        'Invalid ext_bbox "{value}": give minx,miny,maxx,maxy in degrees '
        "(longitude -180 to 180, latitude -90 to 90), e.g. -73.0,-14.5,-71.0,-13.0"
    ).format(value=value)


@tk.chained_action
@tk.side_effect_free
def package_search(original_action: Action, context: Context, data_dict: DataDict) -> Any:
    for key in _SEARCH_TEXT_PARAMS:
        # a NUL or a lone surrogate cannot be sent to Solr at all (a 500)
        values = data_dict.get(key)
        for value in values if isinstance(values, list) else [values]:
            message = _value_error(value, True, MAX_SEARCH) if isinstance(value, str) else None
            if message:
                raise SearchSyntaxError({key: [message]})
    for key in _NATURAL_NUMBER_PARAMS:
        # CKAN 2.12's natural_number_validator fails (500) on an empty value:
        # an empty parameter means "not given", as for the other parameters
        if data_dict.get(key) in ("", None):
            data_dict.pop(key, None)
        elif not _is_count(data_dict[key]) or int(data_dict[key]) > 2**31 - 1:
            raise SearchSyntaxError({key: [tk._("Must be a whole number, 0 or more")]})
    for key in _BOOLEAN_PARAMS:
        value = data_dict.get(key)
        if (
            value is not None
            and not isinstance(value, bool)
            and str(value).lower() not in BOOLEAN_WORDS
        ):
            raise SearchSyntaxError({key: [tk._("Must be true or false")]})
    if data_dict.get("wt") not in (None, "json"):
        raise SearchSyntaxError({"wt": [tk._("Must be one of: {values}").format(values="json")]})
    if data_dict.get("extras") is not None and not isinstance(data_dict["extras"], dict):
        raise SearchSyntaxError({"extras": [tk._("Must be an object")]})
    extras = data_dict["extras"] if isinstance(data_dict.get("extras"), dict) else {}
    bbox = extras.get("ext_bbox") or data_dict.get("ext_bbox")
    if bbox:
        # ckanext-spatial raises a bare SearchError, which the group pages fail on
        message = _bbox_error(bbox)
        if message:
            raise SearchSyntaxError({"ext_bbox": [message]})
    try:
        return hidden.redact_search(context, original_action(context, data_dict))
    except SearchQueryError as error:
        raise SearchSyntaxError({"search": [str(error)]}) from None
    except SearchError as error:
        if not _is_users_search_error(str(error)):
            raise  # a server fault (Solr unreachable or failing) stays a server error
        raise SearchSyntaxError(
            {"search": [tk._("The search could not be understood; check its words and filters")]}
        ) from None


# SearchErrors that describe the search as written: Solr's answer 400, and
# CKAN's own refusals of Solr syntax in q and fq (ckan/lib/search/query.py)
_USERS_SEARCH_ERRORS = (
    "(HTTP 400)",
    "not supported in param",
    "must be defined at the beginning of param",
)


def _is_users_search_error(message: str) -> bool:
    return any(marker in message for marker in _USERS_SEARCH_ERRORS)


def _no_relationships() -> tk.ValidationError:
    # CKAN 2.12 cannot index a dataset that has one: its show schema moves
    # subject_package_id into __extras and index_package then fails (KeyError),
    # so every later update of either dataset answered 500. The feature is
    # unmaintained upstream (ckan/ckan#5274); the catalog names related
    # reports in its own field (related_reports, dct:relation in DCAT).
    return tk.ValidationError(
        {
            "type": [
                tk._(
                    "This catalog does not use CKAN's dataset relationships: name "
                    "related reports in the dataset's own fields (Related reports)"
                )
            ]
        }
    )


@tk.chained_action
def package_relationship_create(
    original_action: Action, context: Context, data_dict: DataDict
) -> Any:
    raise _no_relationships()


@tk.chained_action
def package_relationship_update(
    original_action: Action, context: Context, data_dict: DataDict
) -> Any:
    raise _no_relationships()


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
