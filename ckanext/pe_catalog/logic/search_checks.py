"""What a dataset search must be before Solr reads it.

CKAN hands ``package_search``'s parameters to Solr nearly as given: a NUL in
``q`` or a number Solr cannot parse answered 500, an empty ``rows`` failed
CKAN's own validator, ckanext-spatial raised a bare error for a malformed
``ext_bbox``. :func:`check_search` refuses such a search with a
:class:`SearchSyntaxError` naming the parameter; the chained ``package_search``
(:mod:`ckanext.pe_catalog.logic.guard`) calls it first.

Solr local parameters (``{!join ...}``, ``{!lucene ...}``) are refused in
every parameter a user sends: config/suite.ini lets the ``lucene`` parser
through CKAN's own check (``ckan.search.solr_allowed_query_parsers``) for the
scholarship plugin's "open now" facet, which it adds after this check.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.search.query import QUERY_PARSER_RE  # CKAN's own test for "{!" (unescaped)
from ckan.types import DataDict

from ckanext.pe_catalog.logic.input_checks import is_count, value_error


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
MAX_NESTING = 100  # levels of (, [ and { in a query: far beyond what people and tools write


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


def _levels(text: str) -> Iterator[tuple[str, int]]:
    """Each character of a Solr query outside quoted phrases and ``\\``
    escapes, with the bracket depth it sits at (a bracket at the depth
    outside it)."""
    depth, quoted, escaped = 0, False, False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif not quoted:
            if char in ")]}":
                depth = max(depth - 1, 0)
            yield char, depth
            if char in "([{":
                depth += 1


def nesting_depth(text: str) -> int:
    """How deep ``(``, ``[`` and ``{`` nest in a Solr query (:func:`_levels`)."""
    return max((depth + 1 for char, depth in _levels(text) if char in "([{"), default=0)


_OR = re.compile(r"\bOR\b|\|\|")


def grouped_filter(fq: str) -> str:
    """``fq`` as one required clause when it has a top-level ``OR``.

    CKAN prepends ``+capacity:public`` (and appends ``+state:...``) to the
    user's ``fq`` as text: ``name:a OR name:b`` became optional clauses beside
    required ones, and matched every public dataset. Grouped,
    ``+(name:a OR name:b)`` keeps its meaning; a filter without a top-level
    ``OR`` is left as written (a lone ``-name:x`` must stay top-level, where
    Solr reads a purely negative query as "everything but").
    """
    top = "".join(c if d == 0 and c not in "()[]{}" else " " for c, d in _levels(fq))
    return f"+({fq})" if _OR.search(top) else fq


# Lucene's special characters (Solr reference guide, "The Standard Query
# Parser": escaping special characters) and its operator words
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_OPERATOR_WORDS = re.compile(r"\b(AND|OR|NOT|TO)\b")


def plain_words(q: str) -> str:
    """``q`` as the words it holds: Lucene's special characters escaped and
    its operator words left out (a dangling ``OR`` means no word), so Solr
    parses any text a visitor types (``beca OR``, ``18:``, ``http://x.com``)."""
    return " ".join(_OPERATOR_WORDS.sub(" ", _SPECIAL.sub(r"\\\1", q)).split())


def _texts(key: str, value: Any) -> list[str]:
    """The strings of one search parameter: itself, a list's items, and for
    ``facet.field`` the items of its JSON list (CKAN's schema decodes it)."""
    if key == "facet.field" and isinstance(value, str):
        with contextlib.suppress(ValueError, RecursionError):  # CKAN's schema refuses it
            value = [value, json.loads(value)]
    values = value if isinstance(value, list) else [value]
    nested = [v for item in values if isinstance(item, list) for v in item]
    return [v for v in [*values, *nested] if isinstance(v, str)]


def _local_params_error(data_dict: DataDict) -> SearchSyntaxError | None:
    """A refusal naming the first parameter (or ``ext_*`` extra) that holds Solr
    local parameters, or None. Only plugins may add them, after this check."""
    extras = data_dict.get("extras")
    params = [*data_dict.items(), *(extras.items() if isinstance(extras, dict) else [])]
    for key, value in params:
        if any(QUERY_PARSER_RE.search(text) for text in _texts(str(key), value)):
            message = tk._("Local parameters are not supported in param '{param}'")
            return SearchSyntaxError({str(key): [message.format(param=key)]})
    return None


def check_search(data_dict: DataDict) -> None:
    """Refuse a search Solr cannot run (:class:`SearchSyntaxError`); an empty
    number parameter is dropped from ``data_dict`` as not given."""
    for key in _SEARCH_TEXT_PARAMS:
        # a NUL or a lone surrogate cannot be sent to Solr at all (a 500)
        values = data_dict.get(key)
        for value in values if isinstance(values, list) else [values]:
            message = value_error(value, True, MAX_SEARCH) if isinstance(value, str) else None
            if message:
                raise SearchSyntaxError({key: [message]})
            if isinstance(value, str) and nesting_depth(value) > MAX_NESTING:
                # Solr's parser recurses per level: some thousands of levels
                # overflow its stack and it drops the connection (a 500 here)
                raise SearchSyntaxError(
                    {
                        key: [
                            tk._(
                                "Too deeply nested: at most {max} levels of parentheses or brackets"
                            ).format(max=MAX_NESTING)
                        ]
                    }
                )
    local_params = _local_params_error(data_dict)
    if local_params is not None:
        raise local_params
    for key in _NATURAL_NUMBER_PARAMS:
        # CKAN 2.12's natural_number_validator fails (500) on an empty value:
        # an empty parameter means "not given", as for the other parameters
        if data_dict.get(key) in ("", None):
            data_dict.pop(key, None)
        elif not is_count(data_dict[key]) or int(data_dict[key]) > 2**31 - 1:
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


# SearchErrors that describe the search as written: Solr's answer 400, and
# CKAN's own refusals of Solr syntax in q and fq (ckan/lib/search/query.py)
_USERS_SEARCH_ERRORS = (
    "(HTTP 400)",
    "not supported in param",
    "must be defined at the beginning of param",
)


def is_users_search_error(message: str) -> bool:
    return any(marker in message for marker in _USERS_SEARCH_ERRORS)
