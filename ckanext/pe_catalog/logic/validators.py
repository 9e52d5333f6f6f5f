"""Validators shared by the suite's schemas (registered by the pe_catalog plugin).

Scheming validators (``@scheming_validator``) receive the field and the schema,
so one validator serves every field that names it in a schema, reading its
options (``required``, ``item_format``...) from the field. Messages go through
gettext: Spanish by default, English under /en/.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.types import Context, DataValidator, FlattenDataDict, FlattenErrorDict, FlattenKey
from ckanext.scheming.validation import scheming_validator

from ckanext.pe_catalog import dates, list_text, schema_fields
from ckanext.pe_catalog.access import readable_ids
from ckanext.pe_catalog.codes import CODE_FORMATS
from ckanext.pe_catalog.language import choice_label, language_text
from ckanext.pe_catalog.text import has_invisible, is_blank

Validator = DataValidator
FieldValidator = Callable[[dict, dict], Validator]

__all__ = [
    "pe_dataset_refs",
    "pe_date_not_future",
    "pe_isodate",
    "pe_license_id",
    "pe_list",
    "pe_list_output",
    "pe_number_between",
    "pe_number_output",
    "pe_on_or_after",
    "pe_only_when",
    "pe_required_when",
    "pe_resource_url",
    "pe_unique_in_organization",
    "pe_url",
]

# what a list field may hold (pe_list)
MAX_LIST_ITEMS = 500
MAX_ITEM_LENGTH = 500
# a list's refused codes named one by one, at most (then how many more)
MAX_ITEM_ERRORS = 5

# the largest magnitude a number may have: what JSON readers (IEEE doubles)
# keep exactly and Solr's long fields hold
MAX_SAFE_NUMBER = 2**53 - 1

# the calendar the catalog's dates live in; a date outside it is a typo
# (and 9999-12-31 has no next day for a calendar file to end on)
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)

# schemes a link may use: a page people open in a browser, and a download
# (a resource) that browsers and harvesters can fetch
PAGE_URL_SCHEMES = ("http", "https")
DOWNLOAD_URL_SCHEMES = ("http", "https", "ftp")


def _is_empty(value: Any) -> bool:
    return value is tk.missing or value is None or value == "" or value == []


def _field_label(schema: dict, field_name: str) -> str:
    field = schema_fields.field(schema, field_name) or schema_fields.field(
        schema, field_name, "resource"
    )
    return language_text(field.get("label", field_name)) if field else field_name


def _sibling(key: tuple, name: str) -> tuple:
    """The key of another field of the same dataset or resource."""
    return (*key[:-1], name)


def _drop(key: tuple, data: dict) -> None:
    """Leave an empty optional field out, like ignore_missing."""
    data.pop(key, None)
    raise tk.StopOnError


def report_refused(messages: list[str], refusals: list[str]) -> None:
    """Add a list's refusals to a field's ``messages``: each once, at most
    :data:`MAX_ITEM_ERRORS` of them, then how many more (a list of 500 bad
    codes is one screen, not 500 lines)."""
    unique = list(dict.fromkeys(refusals))
    messages.extend(unique[:MAX_ITEM_ERRORS])
    more = len(unique) - MAX_ITEM_ERRORS
    if more > 0:
        messages.append(
            tk.ungettext(
                "…and {count} more value that is not valid",
                "…and {count} more values that are not valid",
                more,
            ).format(count=more)
        )


_LINE_BREAK_OR_TAB = re.compile("[\t\n\v\f\r\x85\u2028\u2029]")


@scheming_validator
def pe_list(field: dict, schema: dict) -> Validator:
    """A list of strings, stored as a JSON array.

    Accepts a list, a JSON array or text with one item per line or separated by
    ';'. Items are trimmed and de-duplicated; with ``item_format`` (see
    :mod:`ckanext.pe_catalog.codes`) each is normalised and checked.
    ``required: true`` asks for at least one item.
    """
    code_format = CODE_FORMATS[field["item_format"]] if "item_format" in field else None

    def validator(
        key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
    ) -> None:
        value = data.get(key, tk.missing)
        items = [] if _is_empty(value) else list_text.split(value)
        if items is None:
            errors[key].append(tk._("Expecting a list of values"))
            raise tk.StopOnError
        if not all(isinstance(i, (str, int, float)) and not isinstance(i, bool) for i in items):
            errors[key].append(tk._("Each value must be text or a number"))
            raise tk.StopOnError
        if len(items) > MAX_LIST_ITEMS:
            errors[key].append(
                tk._("Too many values: {count}; at most {max}").format(
                    count=len(items), max=MAX_LIST_ITEMS
                )
            )
            raise tk.StopOnError
        cleaned: list[str] = []
        refused: list[str] = []
        for item in items:
            text = str(item).strip()
            if is_blank(text):
                continue  # a zero-width space is no author
            if len(text) > MAX_ITEM_LENGTH:
                errors[key].append(
                    tk._("A value is too long: {length} characters; at most {max}").format(
                        length=len(text), max=MAX_ITEM_LENGTH
                    )
                )
                raise tk.StopOnError
            if _LINE_BREAK_OR_TAB.search(text):
                # one value per line in the form: a line break inside one
                # would split it in two at the next save
                errors[key].append(tk._("A value cannot contain a line break or a tab"))
                raise tk.StopOnError
            if code_format and text:
                text = code_format.normalise(text)
                if not code_format.accepts(text):
                    refused.append(text)
                    continue
            if text and text not in cleaned:
                cleaned.append(text)
        if code_format and refused:
            report_refused(errors[key], [code_format.message(code) for code in refused])
        if errors[key]:
            raise tk.StopOnError
        if not cleaned:
            if field.get("required"):
                errors[key].append(tk._("Missing value"))
                raise tk.StopOnError
            _drop(key, data)
        data[key] = json.dumps(cleaned, ensure_ascii=False)

    return validator


def pe_list_output(value: Any) -> Any:
    """Show a list field stored by ``pe_list`` as a list."""
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, list) else value
    return value


def pe_license_id(value: Any) -> Any:
    """One of the portal's licences (licenses_group_url)."""
    if _is_empty(value):
        return value
    known = {lic["id"] for lic in tk.get_action("license_list")({}, {})}
    if value not in known:
        raise tk.Invalid(
            tk._('Unknown licence "{value}"; use one of: {known}').format(
                value=value, known=", ".join(sorted(known))
            )
        )
    return value


def pe_number_between(low: Any, high: Any = "") -> Callable[[Any], Any]:
    """A number from ``low`` to ``high`` inclusive; ``low`` written ``>0`` excludes it.

    Integers stay integers; either bound may be empty (no bound), yet every
    number is finite and at most :data:`MAX_SAFE_NUMBER` in magnitude (what
    JSON and Solr carry exactly), so ``NaN``, ``Infinity`` and ``1e400`` are
    refused. In a schema: ``pe_number_between(2000,2100)``, ``pe_number_between(>0)``.
    """
    low, high = str(low), str(high)
    exclusive = low.startswith(">")
    minimum = float(low.lstrip(">")) if low.lstrip(">") else None
    maximum = float(high) if high else None

    def validator(value: Any) -> Any:
        if value is tk.missing or value is None or value == "":
            return value
        if isinstance(value, (bool, list, dict)):
            raise tk.Invalid(tk._("Must be a number"))
        try:
            number = float(str(value).strip().replace(",", "."))
        except (ValueError, OverflowError):
            raise tk.Invalid(tk._("Must be a number")) from None
        if not math.isfinite(number) or abs(number) > MAX_SAFE_NUMBER:
            raise tk.Invalid(
                tk._("Must be a finite number of at most {max} in magnitude").format(
                    max=MAX_SAFE_NUMBER
                )
            )
        too_low = minimum is not None and (number <= minimum if exclusive else number < minimum)
        if too_low or (maximum is not None and number > maximum):
            raise tk.Invalid(_range_message(minimum, maximum, exclusive))
        return int(number) if number.is_integer() else number

    return validator


def pe_number_output(value: Any) -> Any:
    """Show a number stored as text (CKAN keeps extras as strings) as a number."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value


def _range_message(minimum: float | None, maximum: float | None, exclusive: bool) -> str:
    def fmt(x: float) -> str:
        return f"{x:g}"

    if minimum is not None and maximum is not None:
        return tk._("Must be between {low} and {high}").format(low=fmt(minimum), high=fmt(maximum))
    if minimum is not None and exclusive:
        return tk._("Must be greater than {low}").format(low=fmt(minimum))
    if minimum is not None:
        return tk._("Must be {low} or more").format(low=fmt(minimum))
    return tk._("Must be {high} or less").format(high=fmt(maximum or 0))


def pe_isodate(value: Any, context: Context) -> Any:
    """CKAN's ``isodate``, within the catalog's calendar (:data:`MIN_DATE` to :data:`MAX_DATE`).

    ISO 8601 (``2026-12-15``); gives a ``datetime`` like ``isodate``.
    """
    if value is tk.missing or value is None or value == "":
        return None if value == "" else value
    if not isinstance(value, (str, dt.date)):
        raise tk.Invalid(tk._("Date format incorrect"))
    isodate: Any = tk.get_validator("isodate")
    moment = isodate(value, context)
    if moment is not None and not MIN_DATE <= moment.date() <= MAX_DATE:
        raise tk.Invalid(
            tk._("Must be a date from {min} to {max}").format(
                min=MIN_DATE.isoformat(), max=MAX_DATE.isoformat()
            )
        )
    return moment


# characters RFC 3986 (section 2) never allows unencoded in a URI
_NOT_IN_URLS = re.compile(r'[\s"<>\\^`{|}]')


def url_error(url: str, schemes: tuple[str, ...]) -> str | None:
    """The message for a link that is not an absolute URL of ``schemes``, or None."""
    parts = urlsplit(url)
    # no character that shows nothing: a line break splits the header or log
    # line a URL is written in; zero-width and direction characters hide part
    # of the address from whoever reads it; and none that RFC 3986 never allows
    # unencoded (quotes and angle brackets end an HTML attribute: '"><script>')
    if (
        parts.scheme.lower() not in schemes
        or not parts.netloc
        or has_invisible(url)
        or _NOT_IN_URLS.search(url)
    ):
        return tk._(
            "Must be a web address starting with {schemes}, without spaces, "
            'e.g. "https://www.gob.pe/"'
        ).format(schemes=", ".join(f"{s}://" for s in schemes))
    return None


def pe_url(value: Any) -> Any:
    """A web page: an absolute http or https URL with a host (:data:`PAGE_URL_SCHEMES`)."""
    if _is_empty(value):
        return value
    message = url_error(str(value), PAGE_URL_SCHEMES)
    if message:
        raise tk.Invalid(message)
    return value


def pe_resource_url(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """A resource's ``url``: an http, https or ftp URL (:data:`DOWNLOAD_URL_SCHEMES`),
    or the file name of an upload."""
    value = data.get(key)
    if _is_empty(value) or data.get(_sibling(key, "url_type")) == "upload":
        return
    message = url_error(str(value), DOWNLOAD_URL_SCHEMES)
    if message:
        errors[key].append(message)
        raise tk.StopOnError


def pe_date_not_future(value: Any) -> Any:
    """A date no later than today in Peru."""
    day = dates.as_date(value)
    if day and day > dates.today():
        raise tk.Invalid(tk._("The date cannot be in the future"))
    return value


def pe_on_or_after(other: str) -> FieldValidator:
    """This date, when given, is on or after the date in field ``other``."""

    @scheming_validator
    def build(field: dict, schema: dict) -> Validator:
        def validator(
            key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
        ) -> None:
            this = dates.as_date(data.get(key))
            that = dates.as_date(data.get(_sibling(key, other)))
            if this and that and this < that:
                errors[key].append(
                    tk._("Must be on or after {field} ({date})").format(
                        field=_field_label(schema, other), date=that.isoformat()
                    )
                )

        return validator

    return build


def pe_required_when(other: str, value: str) -> FieldValidator:
    """Required when field ``other`` has ``value``; optional (ignore_missing) otherwise."""

    @scheming_validator
    def build(field: dict, schema: dict) -> Validator:
        def validator(
            key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
        ) -> None:
            if not _is_empty(data.get(key, tk.missing)):
                return
            if data.get(_sibling(key, other)) == value:
                errors[key].append(
                    tk._("Missing value: required when {field} is {value}").format(
                        field=_field_label(schema, other),
                        value=_choice_label(schema, other, value),
                    )
                )
                raise tk.StopOnError
            _drop(key, data)

        return validator

    return build


def pe_only_when(other: str, value: str) -> FieldValidator:
    """Required when field ``other`` has ``value``, and rejected when it has another value."""

    @scheming_validator
    def build(field: dict, schema: dict) -> Validator:
        required = pe_required_when(other, value)(field, schema)

        def validator(
            key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
        ) -> None:
            given = not _is_empty(data.get(key, tk.missing))
            current = data.get(_sibling(key, other))
            if given and current not in (value, None, "", tk.missing):
                errors[key].append(
                    tk._("Only allowed when {field} is {value}").format(
                        field=_field_label(schema, other),
                        value=_choice_label(schema, other, value),
                    )
                )
                raise tk.StopOnError
            required(key, data, errors, context)

        return validator

    return build


def _choice_label(schema: dict, field_name: str, value: str) -> str:
    if schema_fields.field(schema, field_name) is None:
        return value
    return choice_label(schema_fields.choices(schema, field_name), value)


def _this_package_id(key: tuple, data: dict, context: Context) -> str | None:
    package = context.get("package")
    if package is not None:
        return package.id
    return data.get(_sibling(key, "id")) or None


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"))


def comparable_code(code: str) -> str:
    """The form in which two codes that read alike are equal.

    Unicode compatibility forms (full-width "ＩＮＳ", a decomposed "ó", a
    no-break space), case, the dashes of a hyphen, runs of spaces, and
    characters that show nothing (a zero-width space) do not tell codes apart.
    Letters of other scripts that look Latin (Cyrillic "Р") still do.
    """
    text = unicodedata.normalize("NFKC", code).translate(_DASHES)
    text = "".join(c for c in text if c == " " or not has_invisible(c))
    return " ".join(text.split()).casefold()


@scheming_validator
def pe_unique_in_organization(field: dict, schema: dict) -> Validator:
    """No other dataset of the same organization has this value (compared case-insensitively).

    The scope is the organization, not the catalog: an institution numbers its
    own reports, and every member of an organization may read all its datasets
    (CKAN's permission labels), so the refusal tells the writer nothing they
    may not know. A catalog-wide check told an editor of another institution
    that a private or draft report with that code exists.
    """

    def validator(
        key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
    ) -> None:
        value = data.get(key)
        if _is_empty(value) or errors[key]:
            return
        owner = data.get(_sibling(key, "owner_org"))
        org = model.Group.get(owner) if isinstance(owner, str) and owner else None
        wanted = comparable_code(str(value))
        # two writes of one code at once: the second waits for the first to
        # commit (a transaction lock on organization and code), then sees it
        model.Session.execute(
            sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
            {"key": f"{field['field_name']}:{org.id if org else ''}:{wanted}"},
        )
        # CKAN 2.12 keeps extras in the package table's JSONB "extras" column;
        # the organization's codes are compared here, with one rule (a few
        # thousand at most)
        stored = model.Package.extras[field["field_name"]].astext
        query = (
            model.Session.query(model.Package.id, stored)
            .filter(stored.isnot(None))
            .filter(model.Package.state != "deleted")
            .filter(model.Package.owner_org == (org.id if org else None))
        )
        own_id = _this_package_id(key, data, context)
        if own_id:
            query = query.filter(model.Package.id != own_id)
        if any(comparable_code(code) == wanted for _id, code in query):
            errors[key].append(tk._("Another dataset of this organization already has this value"))

    return validator


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def pe_dataset_refs(dataset_type: str) -> FieldValidator:
    """A list (see ``pe_list``) of names or ids of visible datasets of ``dataset_type``.

    Stored as ids, so a renamed dataset stays linked. A name the user may not
    see is reported as not found, revealing nothing about private records. An
    id that is not (yet) here, or not visible to the user, is kept as given:
    harvesters bring a catalog's reports in any order, and the answer must
    not tell a private record from a missing one. Pages and the DCAT output
    show only the related datasets their reader may see.
    """

    @scheming_validator
    def build(field: dict, schema: dict) -> Validator:
        def validator(
            key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
        ) -> None:
            if errors[key] or _is_empty(data.get(key, tk.missing)):
                return
            own_id = _this_package_id(key, data, context)
            own_name = data.get(_sibling(key, "name"))
            ids: list[str] = []
            for ref in json.loads(data[key]):
                target = model.Package.get(ref)
                if target is None or target.state != "active" or not _can_read(context, target):
                    if target is not None and target.type != dataset_type:
                        # never a reference, and the writer must not learn why:
                        # dropped without a word (a sysadmin's later edit failed on it)
                        continue
                    if _UUID.match(ref) and ref != own_id:
                        if ref not in ids:
                            ids.append(ref)
                        continue
                    errors[key].append(tk._('"{ref}": no such dataset').format(ref=ref))
                elif target.type != dataset_type:
                    errors[key].append(
                        tk._('"{ref}" is not a dataset of type {type}').format(
                            ref=ref, type=dataset_type
                        )
                    )
                elif target.id == own_id or target.name == own_name:
                    errors[key].append(tk._("A dataset cannot refer to itself"))
                elif target.id not in ids:
                    ids.append(target.id)
            if not errors[key]:
                data[key] = json.dumps(ids)

        return validator

    return build


def _can_read(context: Context, package: model.Package) -> bool:
    return package.id in readable_ids(context, [package.id])
