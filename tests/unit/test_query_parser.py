"""ckanext.pe_catalog.search.query_parser: which searches Solr's extended dismax reads."""

from __future__ import annotations

import pytest
from ckan.lib.search import SearchQueryError

from ckanext.pe_catalog.search import has_stray_operators, query_parser


@pytest.mark.parametrize(
    "q",
    [
        "becas OR ambiental",
        "becas AND pregrado",
        "becas NOT pregrado",
        "NOT becas",
        "(becas || ambiental)",
        "a && b",
        "beca pregrado OR\tambiental",
    ],
)
def test_boolean_operators_are_read_by_edismax(q: str) -> None:
    searched = query_parser({"q": q})
    assert (searched["defType"], searched["mm"]) == ("edismax", "0%")
    assert searched["q"].split() == q.split()


@pytest.mark.parametrize(
    "q",
    [
        "becas",
        "becas or ambiental",
        "ORO",
        "ANDES",
        "NOTA",
        "Beca OR18",
        "title:x OR y",
        "",
        None,
        5,
    ],
)
def test_other_searches_stay_with_ckans_dismax(q: object) -> None:
    assert query_parser({"q": q}) == {"q": q}


def test_a_callers_own_parser_and_minimum_are_kept() -> None:
    assert query_parser({"q": "a OR b", "defType": "dismax"}) == {
        "q": "a OR b",
        "defType": "dismax",
    }
    assert query_parser({"q": "a OR b", "mm": "1"})["mm"] == "1"


@pytest.mark.parametrize(
    "q",
    [
        "OR becas",
        "becas OR",
        "becas AND",
        "becas NOT",
        "AND becas",
        "OR",
        "becas OR OR ambiental",
        "becas AND OR ambiental",
        "becas NOT NOT pregrado",
    ],
)
def test_an_operator_that_joins_nothing_is_refused(q: str) -> None:
    # extended dismax would take it for a word; the pages search the words
    assert has_stray_operators(q)
    with pytest.raises(SearchQueryError, match="could not be understood"):
        query_parser({"q": q})


@pytest.mark.parametrize(
    "q", ["becas AND NOT pregrado", "NOT becas", '"becas OR"', "a OR (b AND c)", "becas or"]
)
def test_operators_that_join_words_are_fine(q: str) -> None:
    assert not has_stray_operators(q)


@pytest.mark.parametrize("q", ["-pregrado", "-becas -pregrado", " -COVID-19 "])
def test_a_search_of_excluded_words_only_is_read_by_edismax(q: str) -> None:
    # dismax answers a query with no positive clause with nothing
    assert query_parser({"q": q})["defType"] == "edismax"


def test_excluded_words_beside_others_stay_with_dismax() -> None:
    assert query_parser({"q": "becas -pregrado"}) == {"q": "becas -pregrado"}
