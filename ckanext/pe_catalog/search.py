"""How the suite's schemas are indexed in, and faceted from, CKAN's stock Solr schema.

The stock schema's catch-all ``*`` dynamic field is a single-valued string, so
list fields (``pe_list`` and scheming's multiple choices) are indexed as
``vocab_<field>`` (multi-valued strings) instead. A schema's ``search_facets``
names its facets by schema field (or by a field its plugin derives at index
time); titles and item labels come from the schema, in the user's language.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ckan.lib.search import SearchQueryError  # not in toolkit

from ckanext.pe_catalog import schema_fields
from ckanext.pe_catalog.language import choice_label, language_text
from ckanext.pe_catalog.schema_fields import list_fields

# Lucene's boolean operators, written as Solr's query syntax writes them
_OPERATORS = re.compile(r"(?:^|\s|\()(?:OR|AND|NOT|\|\||&&)(?=\s|\(|$)")
_BINARY = {"AND", "OR", "&&", "||"}
# every word excluded ("-pregrado", "-becas -pregrado"): dismax finds nothing
_EXCLUDED_ONLY = re.compile(r"\s*(?:-\S+\s*)+")

# CKAN's facet names for core fields that a schema names differently
CORE_FACET_FIELDS = {"organization": "owner_org", "tags": "tag_string"}


def solr_field(schema: dict, name: str) -> str:
    return f"vocab_{name}" if name in list_fields(schema) else name


def index_list_fields(pkg_dict: dict[str, Any], schema: dict, dataset: dict[str, Any]) -> None:
    """Replace each list field's JSON text by a multi-valued ``vocab_`` field."""
    for name in list_fields(schema):
        pkg_dict.pop(name, None)
        values = dataset.get(name) or []
        if values:
            pkg_dict[f"vocab_{name}"] = values


CHOICE_LABELS_FIELD = "extras_choice_labels"


def choice_labels(schema: dict, dataset: dict[str, Any]) -> str:
    """The labels, in every language, of the dataset's choice values, as one text.

    Indexed as :data:`CHOICE_LABELS_FIELD` (a text field CKAN's schema copies
    into ``text``), so the words a dataset's page shows ("Pregrado
    universitario", "Undergraduate") find it, not only the stored codes
    ("pregrado").
    """
    words: list[str] = []
    for field in schema_fields.fields(schema):
        choices = field.get("choices")
        value = dataset.get(field["field_name"])
        if not choices or value in (None, "", []):
            continue
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        for choice in choices:
            if str(choice.get("value")) in chosen:
                label = choice.get("label")
                labels = label.values() if isinstance(label, dict) else [label]
                words.extend(str(text) for text in labels if text)
    return " ".join(dict.fromkeys(words))


def _schema_field(schema: dict, name: str) -> dict | None:
    return schema_fields.field(schema, CORE_FACET_FIELDS.get(name, name))


def facet_titles(schema: dict, derived_titles: dict[str, str]) -> OrderedDict[str, str]:
    """Solr facet field -> title, for the schema's ``search_facets``."""
    titles: OrderedDict[str, str] = OrderedDict()
    for name in schema.get("search_facets", []):
        field = _schema_field(schema, name)
        if field is not None:
            titles[solr_field(schema, name)] = language_text(field["label"])
        else:
            titles[name] = derived_titles[name]
    return titles


def relabel_facets(
    search_facets: dict[str, Any],
    schema: dict,
    derived_label: Callable[[str, str], str | None],
) -> None:
    """Show choice labels (and derived fields' labels) instead of stored values."""
    for facet, detail in search_facets.items():
        name = facet[len("vocab_") :] if facet.startswith("vocab_") else facet
        field = _schema_field(schema, name)
        choices = field.get("choices") if field else None
        for item in detail.get("items", []):
            if item.get("display_name") != item["name"]:
                continue
            if choices:
                item["display_name"] = choice_label(choices, item["name"])
            else:
                label = derived_label(facet, item["name"])
                if label:
                    item["display_name"] = label


RESERVED_ARGS = {"q", "page", "sort"}


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fq_from_args(args: Any) -> str:
    """The Solr filter of a dataset search page's query string.

    The same filters as CKAN's search page (every parameter but q, page, sort,
    ``_``- and ``ext_``-prefixed ones is a field filter), with values quoted
    safely, so a download of "these results" matches the page.
    """
    return " ".join(
        f"+{name}:{_quote(value)}"
        for name, value in args.items(multi=True)
        if value
        and name not in RESERVED_ARGS
        and not name.startswith(("_", "ext_"))
        and re.fullmatch(r"[A-Za-z0-9_\-]+", name)
    )


def has_stray_operators(q: str) -> bool:
    """True when an AND/OR/NOT of ``q`` joins nothing: at the start (AND, OR),
    at the end, or after another ("becas OR OR ambiental"; "AND NOT" is
    fine). Words inside quotes are words: a ``q`` with quotes has none."""
    if '"' in q:
        return False
    operators = _BINARY | {"NOT"}
    words = q.split()
    for before, word in zip([None, *words], words, strict=False):
        if word in _BINARY and (before is None or before in operators):
            return True
        if word == "NOT" and before == "NOT":
            return True
    return bool(words) and words[-1] in operators


def query_parser(search_params: dict[str, Any]) -> dict[str, Any]:
    """``search_params`` read by Solr's extended dismax when ``q`` uses boolean
    operators (``becas OR ambiental``, ``(a || b)``, ``-pregrado``) and no
    field, else as given.

    CKAN searches a ``q`` without ``field:`` with dismax, which knows only
    ``+``, ``-`` and quotes: "OR" became a required word ("becas OR
    ambiental" found nothing) and a search of only excluded words found
    nothing. Solr's extended dismax reads the operators and searches the same
    fields (``qf``); CKAN keeps it when asked (``ckan/lib/search/query.py``).
    Its ``mm`` is ``0%`` unless given: CKAN's default minimum would also apply
    to the clauses joined by OR, while ``q.op=AND`` still requires the words
    written without an operator ("beca pregrado OR ambiental" is beca AND
    (pregrado OR ambiental)). A caller's own ``defType`` is left alone.

    Raises ``SearchQueryError`` for an operator that joins nothing ("beca
    OR"), which extended dismax would silently take for a word: the API
    refuses it (409), the search pages search the words
    (``logic/guard.py``).
    """
    q = search_params.get("q")
    if not isinstance(q, str) or ":" in q or "defType" in search_params:
        return search_params
    if _OPERATORS.search(q) and has_stray_operators(q):
        # translated where CKAN's refusals are (logic/guard.py)
        raise SearchQueryError("The search could not be understood; check its words and filters")
    if _OPERATORS.search(q) or _EXCLUDED_ONLY.fullmatch(q):
        search_params["defType"] = "edismax"
        search_params.setdefault("mm", "0%")
    return search_params
