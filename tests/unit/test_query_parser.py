"""ckanext.pe_catalog.search.query_parser: which searches Solr's extended dismax reads."""

from __future__ import annotations

import pytest

from ckanext.pe_catalog.search import query_parser


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
    ("q", "searched"),
    [
        ("OR becas", "becas"),
        ("becas OR", "becas"),
        ("becas AND", "becas"),
        ("becas NOT", "becas"),
        ("AND becas", "becas"),
        ("becas OR OR ambiental", "becas OR ambiental"),
        ("becas AND OR ambiental", "becas OR ambiental"),
        ("becas NOT NOT pregrado", "becas NOT pregrado"),
        ("becas AND NOT pregrado", "becas AND NOT pregrado"),
        ('"becas OR"', '"becas OR"'),
    ],
)
def test_operators_that_join_nothing_are_dropped(q: str, searched: str) -> None:
    assert query_parser({"q": q})["q"] == searched


@pytest.mark.parametrize("q", ["-pregrado", "-becas -pregrado", " -COVID-19 "])
def test_a_search_of_excluded_words_only_is_read_by_edismax(q: str) -> None:
    # dismax answers a query with no positive clause with nothing
    assert query_parser({"q": q})["defType"] == "edismax"


def test_excluded_words_beside_others_stay_with_dismax() -> None:
    assert query_parser({"q": "becas -pregrado"}) == {"q": "becas -pregrado"}
