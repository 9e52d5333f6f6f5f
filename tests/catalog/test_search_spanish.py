"""Search in Spanish on the sample catalog: plural, feminine and accented forms
find the same datasets, domain synonyms, the judged must-find cases of
tests/data/search_relevance.yaml, and "Did you mean" suggestions that never
reveal a word only a hidden dataset holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
import yaml
from bs4 import BeautifulSoup
from ckan.cli.cli import ckan
from ckan.tests.helpers import call_action
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

JUDGEMENTS = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "search_relevance.yaml").read_text("utf-8")
)
ANONYMOUS: dict[str, Any] = {"user": "", "ignore_auth": False}


def _search(q: str, **params: Any) -> dict[str, Any]:
    return call_action("package_search", context=dict(ANONYMOUS), q=q, **params)


def _names(q: str, rows: int = 10) -> list[str]:
    return [d["name"] for d in _search(q, rows=rows)["results"]]


def test_the_sample_catalog_searched_in_spanish(cli, app):
    seeded = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert seeded.exit_code == 0, seeded.output

    # the examples: a plural, a feminine form, no accents
    for forms in (
        ("monitoreos ambientales", "monitoreo ambiental"),
        ("becas universitarias", "becas universitarios", "beca universitaria"),
        ("derrames de petróleo", "derrame de petroleo"),
        ("crédito educativo", "creditos educativos"),
        ("niñas", "niños", "ninos"),
        ("mujeres", "mujer"),
    ):
        found = [set(_names(q)) for q in forms]
        assert all(f == found[0] and f for f in found), dict(zip(forms, found, strict=True))

    # a word only the synonyms relate: abbreviation <-> full form, both ways
    assert "digemid-rs-01-2024-tiotropio-epoc" in _names("EPOC")
    assert "ins-ets-02-2021-dolutegravir-vih" in _names("virus de la inmunodeficiencia humana")
    assert "beca-18-modalidad-ffaa" in _names("FFAA")

    missed = {}
    for query in JUDGEMENTS["queries"]:
        found = _names(query["q"])
        lost = [name for name in query["must_find"] if name not in found]
        if lost:
            missed[query["q"]] = {"missing": lost, "first 10": found}
    assert not missed, "\n".join(f"{q}: {m}" for q, m in missed.items())

    for case in JUDGEMENTS["suggestions"]:
        result = _search(case["q"])
        assert result["count"] == 0, case
        assert result["spelling_suggestion"]["q"] == case["suggestion"], (case, result)
        assert result["spelling_suggestion"]["count"] == _search(case["suggestion"])["count"] > 0
    # a word in the catalog gets none, nor does a search that finds something,
    # nor a short word two edits away from one ("lung" is no "luego")
    assert "spelling_suggestion" not in _search("becas")
    for q in JUDGEMENTS["no_suggestion"]:
        assert "spelling_suggestion" not in _search(q), q

    # Solr's boolean operators, as README's search syntax promises
    becas, ambiental = set(_names("becas", rows=1000)), set(_names("ambiental", rows=1000))
    assert becas and ambiental
    assert set(_names("becas OR ambiental", rows=1000)) == becas | ambiental
    assert set(_names("becas || ambiental", rows=1000)) == becas | ambiental
    pregrado = set(_names("pregrado", rows=1000))
    assert set(_names("becas NOT pregrado", rows=1000)) == becas - pregrado
    assert set(_names("becas AND pregrado", rows=1000)) == becas & pregrado
    # a word the analysis splits is its parts as a phrase, not any of them
    for word, phrase in (("COVID-19", '"covid 19"'), ("B18", '"b 18"')):
        assert set(_names(word, rows=1000)) == set(_names(phrase, rows=1000)), word
    # a change of case splits nothing: "EsSalud" is not "es salud" (any "salud")
    essalud = set(_names("essalud", rows=1000))
    assert essalud and set(_names("EsSalud", rows=1000)) == essalud
    assert set(_names("IETSI-EsSalud", rows=1000)) == essalud

    # an operator that joins nothing is refused by the API, the pages search
    # the words; only excluded words: everything else
    for q in ("becas OR", "OR becas OR OR"):
        with pytest.raises(tk.ValidationError):
            _search(q)
        page = app.get("/dataset/", query_string={"q": q}, status=200).get_data(as_text=True)
        assert f"Se encontraron {len(becas)} conjuntos de datos" in page, q
    everything = _search("")["count"]
    assert _search("-pregrado")["count"] == everything - len(pregrado)
    assert "beca-18-modalidad-ordinaria" in _names("B18")

    # the search pages, in Spanish and English, link the corrected search
    for path, text in (
        ("/dataset/?q=bekas", "¿Quisiste decir «becas»?"),
        ("/en/dataset/?q=bekas", 'Did you mean "becas"?'),
        ("/scholarship/?q=bekas&sort=score+desc", "¿Quisiste decir «becas»?"),
    ):
        soup = BeautifulSoup(app.get(path).body, "html.parser")
        hint = soup.select_one(".pe-spelling-suggestion")
        assert hint is not None, path
        assert " ".join(hint.get_text().split()) == text
        link = str(hint.find("a")["href"])
        assert link.startswith(path.split("?")[0]) and "q=becas" in link
        assert "sort=score+desc" in link or "sort" not in path
    assert not BeautifulSoup(app.get("/dataset/?q=becas").body, "html.parser").select(
        ".pe-spelling-suggestion"
    )


def test_suggestions_never_reveal_a_hidden_datasets_words(create_as_editor, editor_org):
    hta = create_as_editor("hta-report", "x")
    hta("publico", title="Pembrolizumab en cáncer de pulmón")
    hta("privado", private=True, report_code="P-1", title="Xilofonoterapia en migraña crónica")
    hta("borrador", state="draft", report_code="P-2", title="Quiropraxiología en lumbalgia")

    for typo in ("xilofonoterapya", "quiropraxiologia"):
        assert "spelling_suggestion" not in _search(typo)
    # the organization's editor sees the private one, and gets its word
    editor = {"user": editor_org["user"]["name"], "ignore_auth": False}
    mine = call_action("package_search", context=editor, q="xilofonoterapya", include_private=True)
    assert mine["spelling_suggestion"] == {"q": "xilofonoterapia", "count": 1}
    # filters are kept: a correction is offered only where it finds something
    assert "spelling_suggestion" not in _search("pembrolizumap", fq="+dataset_type:scholarship")
    assert _search("pembrolizumap")["spelling_suggestion"]["q"] == "pembrolizumab"


@pytest.mark.ckan_config("ckanext.pe_catalog.search.spelling_suggestions", "false")
def test_suggestions_can_be_turned_off(create_as_editor):
    create_as_editor("scholarship", "beca")()
    assert "spelling_suggestion" not in _search("bekas")


@pytest.fixture
def vocabulary(create_as_editor: Any) -> dict[str, Any]:
    """A public dataset whose words a misspelling can be corrected to."""
    return create_as_editor("scholarship", "beca")()


def test_any_typed_text_is_searched_or_refused_never_a_server_error(app, vocabulary):
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        q=st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            min_size=1,
            max_size=60,
        )
        | st.sampled_from(["bekas {!join from=id to=id}x", "bekas OR", "bekas*", "bek~as"])
    )
    def check(q: str) -> None:
        response = app.get("/api/3/action/package_search", query_string={"q": q}, status=None)
        assert response.status_code in (200, 400, 409), (q, response.status_code)
        if response.status_code == 200:
            hint = response.json["result"].get("spelling_suggestion")
            assert hint is None or (hint["q"].strip() and hint["count"] > 0), (q, hint)
        page = app.get("/dataset/", query_string={"q": q}, status=None)
        assert page.status_code in (200, 400), (q, page.status_code)

    check()
