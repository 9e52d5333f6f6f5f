"""What every write must be before any schema reads it: the record checks.

CKAN's own schema and ckanext-scheming check the fields they know, one by one;
what neither checks is the shape of the request as a whole. Left to them, a
dataset of an unknown ``type`` skips every rule of the catalog and then fails
every page that lists it; a control character or a 100,000-character title is
stored and then breaks the Atom feed, the RDF/XML catalog or the Solr index;
``NaN`` passes every comparison. These functions find such input in a
dataset, an organization or group, or a user; the chained actions of
:mod:`ckanext.pe_catalog.logic.guard` refuse it, for every action that writes
one (``package_create`` and ``package_update``, which ``package_patch``,
``package_revise`` and the ``resource_*`` actions call), with a
``ValidationError`` naming the field. Pure functions of the input: no
database, no request.

Limits (characters, counted as Python ``str`` length):

* single-line text: :data:`MAX_LINE`; multi-line text (fields whose form is a
  text area: ``notes``, the PICO fields, ``requirements``, list fields...):
  :data:`MAX_TEXT`; a field may set its own ``max_length`` in its schema
  (``spatial`` does, for GeoJSON);
* control characters: none but tab, line feed and carriage return, and those
  only in multi-line fields (XML 1.0 and Atom forbid the rest; the C0 set is
  U+0000 to U+001F, plus U+007F; the C1 set U+0080 to U+009F, which
  mis-decoded text carries); no line or paragraph separator (U+2028, U+2029)
  in a single-line field, where a reader would see a line break; no lone
  surrogate, U+FFFE or U+FFFF;
* numbers: finite (no ``NaN`` or infinity, which JSON cannot carry).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any, TypeGuard

import ckan.plugins.toolkit as tk
from ckan.types import DataDict

from ckanext.pe_catalog import schema_fields
from ckanext.pe_catalog.logic.validators import PAGE_URL_SCHEMES, url_error
from ckanext.pe_catalog.schema_fields import list_fields
from ckanext.pe_catalog.text import NOT_CHARACTERS, is_blank

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

_FORBIDDEN_LINE = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{NOT_CHARACTERS}]")
_FORBIDDEN_TEXT = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{NOT_CHARACTERS}]")


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


def too_deep(value: Any) -> bool:
    """Whether lists and objects nest in ``value`` deeper than :data:`MAX_DEPTH`."""
    try:
        for _scalar in _walk(value):
            pass
    except RecursionError:
        return True
    return False


def value_error(value: Any, multiline: bool, max_length: int) -> str | None:
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
        message = value_error(value, *_kind(kinds, name))
        if message:
            errors[name] = [message]
    return errors


# a dataset's CKAN relationships, writable through package_create/update
# (see _no_relationships)
RELATIONSHIP_KEYS = ("relationships_as_subject", "relationships_as_object")
# what CKAN's boolean_validator reads as true (the first five) or false
# the words CKAN's boolean_validator reads as yes; any other text it reads as no
TRUE_WORDS = {"true", "yes", "t", "y", "1"}
FALSE_WORDS = {"false", "no", "f", "n", "0"}
PRIVATE_WORDS = TRUE_WORDS | FALSE_WORDS | {""}


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
            errors[name] = no_relationships().error_dict["type"]
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
            errors[name] = [
                tk._("Each value must be text or a number")
                if isinstance(value, list)
                else tk._("Expecting a list of values")
            ]
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


def is_count(value: Any) -> bool:
    """A whole number from 0 to 2^53 - 1, as a number or as digits."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return value.isascii() and value.isdigit() and len(value) <= 16
    return isinstance(value, int) and 0 <= value <= 2**53 - 1


def _is_empty_upload(upload: Any) -> bool:
    """A file sent with the form or the API (a FileStorage) that holds no byte."""
    stream = getattr(upload, "stream", None)
    if not getattr(upload, "filename", None) or stream is None or not hasattr(stream, "seek"):
        return False
    position = stream.tell()
    stream.seek(0, 2)
    empty = stream.tell() == 0
    stream.seek(position)
    return empty


def _upload_errors(resource: Any) -> dict[str, Any]:
    """The errors of a resource's uploaded file (``upload``): an empty file is
    no data to publish (an empty table failed loading into the DataStore and
    was left marked as loaded)."""
    if isinstance(resource, dict) and _is_empty_upload(resource.get("upload")):
        return {"upload": [tk._("The file is empty: choose a file with data")]}
    return {}


def _resource_errors(resource: dict[str, Any], kinds: dict[str, tuple[bool, int]]) -> dict:
    errors = _record_errors(resource, kinds, text_keys=RESOURCE_TEXT_KEYS)
    if resource.get("size") not in (None, "") and not is_count(resource["size"]):
        errors["size"] = [tk._("Must be a whole number of bytes, 0 or more")]
    # resource_create and resource_update hand the file to package_update with
    # the resource: checked here for all three
    return {**errors, **_upload_errors(resource)}


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
    if group_type not in (None, default) and not is_registered_group(group_type):
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
            message = value_error(value, multiline, MAX_TEXT if multiline else MAX_LINE)
            if message:
                errors[key] = [message]
    image = data_dict.get("image_url")
    message = (
        url_error(image, PAGE_URL_SCHEMES) if "image_url" not in errors and is_link(image) else None
    )
    if message:
        errors["image_url"] = [message]
    return errors


def is_registered_group(group_type: Any) -> bool:
    from ckan.lib import plugins as lib_plugins  # the registry itself is not exposed

    return isinstance(group_type, str) and group_type in lib_plugins._group_plugins


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_list_input(value: Any) -> bool:
    """What a list field takes: text (one value, or values by line or ';'), a
    number (one value: a code sent as 801), or a list of texts and numbers;
    nested lists and objects fail scheming (a 500)."""
    if isinstance(value, str) or _is_number(value):
        return True
    return isinstance(value, list) and all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
    )


def no_relationships() -> tk.ValidationError:
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
