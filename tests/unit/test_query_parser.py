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
    assert query_parser({"q": q}) == {"q": q, "defType": "edismax", "mm": "0%"}


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
