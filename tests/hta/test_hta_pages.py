"""hta-report pages: the report's summary, citations (BibTeX, RIS) and the CSV export."""

from __future__ import annotations

import csv
import io

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.scheming.helpers import scheming_get_dataset_schema

from harness.sample import dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def create(editor_org):
    org, user = editor_org["org"], editor_org["user"]

    def _create(name: str, **overrides):
        data = dataset_dict("hta-report", org["id"], name=name, **overrides)
        return call_action("package_create", context={"user": user["name"]}, **data)

    return _create


def _soup(app, url: str, **kwargs) -> BeautifulSoup:
    return BeautifulSoup(app.get(url, **kwargs).body, "html.parser")


# --- dataset page ------------------------------------------------------------


def test_page_shows_recommendation_pico_and_linked_codes(app, create):
    create("pembrolizumab", icd10_codes=["C34.9"], atc_codes=["L01FF02"])

    soup = _soup(app, "/hta-report/pembrolizumab")

    recommendation = soup.select_one(".hta-recommendation")
    assert recommendation["data-recommendation"] == "a-favor-con-condiciones"
    assert "A favor con condiciones" in recommendation.get_text()
    assert "10 de mayo de 2023" in recommendation.get_text()  # the date itself, not shifted
    pico = soup.select_one(".hta-pico").get_text(" ", strip=True)
    for text in ["Adultos con CPCNP", "Pembrolizumab 200 mg", "Quimioterapia basada en platino"]:
        assert text in pico
    links = {a.get_text(): a["href"] for a in soup.select(".hta-pico a")}
    assert links["C34.9"] == "https://icd.who.int/browse10/2019/en#/C34.9"
    assert links["L01FF02"] == "https://atcddd.fhi.no/atc_ddd_index/?code=L01FF02"


def test_page_shows_consultation_window_while_open(app, create):
    create(
        "en-consulta",
        status="consulta-publica",
        consultation_start_date="2023-06-01",
        consultation_end_date="2023-06-15",
    )

    consultation = _soup(app, "/hta-report/en-consulta").select_one(".hta-consultation")

    assert consultation is not None
    assert "consulta pública" in consultation.get_text()
    assert "comentarios" in consultation.get_text()


def test_page_shows_related_reports_in_both_directions(app, create):
    create("informe-2019", report_code="IETSI-2019-01", status="reemplazado")
    create("informe-2023", related_reports=["informe-2019"])

    old = _soup(app, "/hta-report/informe-2019").select(".hta-related li")
    new = _soup(app, "/hta-report/informe-2023").select(".hta-related li")

    assert [li.get_text(" ", strip=True).split(":")[0] for li in old] == ["Reemplazado por"]
    assert str(old[0].a["href"]).endswith("/hta-report/informe-2023")
    assert [li.get_text(" ", strip=True).split(":")[0] for li in new] == ["Reemplaza a"]
    assert str(new[0].a["href"]).endswith("/hta-report/informe-2019")


def test_page_is_in_english_under_en(app, create):
    create("pembrolizumab")
    soup = _soup(app, "/en/hta-report/pembrolizumab")
    assert "In favour with conditions" in soup.select_one(".hta-recommendation").get_text()
    assert "How to cite" in soup.get_text()


# --- citations ---------------------------------------------------------------


def test_bibtex_is_read_back_by_a_bibtex_parser(app, create):
    create("pembrolizumab", tag_string="inmunoterapia,oncología")

    response = app.get("/hta-report/pembrolizumab/cite.bib")

    assert response.headers["Content-Type"].startswith("application/x-bibtex")
    (entry,) = bibtexparser.loads(response.get_data(as_text=True)).entries
    assert entry["ENTRYTYPE"] == "techreport"
    assert entry["ID"] == "pembrolizumab"
    # in braces of its own: reference styles keep its capitals as written
    assert (
        entry["title"] == "{Pembrolizumab en cáncer de pulmón de células no pequeñas metastásico}"
    )
    assert entry["author"] == "Pérez García, Ana and Quispe Mamani, Luis"
    assert entry["number"] == "Dictamen Preliminar N° 012-DETS-IETSI-2023"
    assert entry["type"] == "Dictamen preliminar"
    assert entry["year"] == "2023"
    assert entry["url"].endswith("/hta-report/pembrolizumab")
    assert set(entry["keywords"].split(", ")) == {"inmunoterapia", "oncología"}


def test_bibtex_escapes_special_characters(app, create):
    # an unbalanced brace too: BibTeX counts braces, even escaped ones
    create("con-simbolos", title="Costo & efectividad: 50% {menos} }")

    entry = bibtexparser.loads(app.get("/hta-report/con-simbolos/cite.bib").get_data(as_text=True))
    assert entry.entries[0]["title"] == (
        r"{Costo \& efectividad: 50\% {\textbraceleft}menos{\textbraceright} {\textbraceright}}"
    )
    assert entry.entries[0]["url"].endswith("/hta-report/con-simbolos")


def test_ris_is_read_back_by_a_ris_parser(app, create, editor_org):
    create("pembrolizumab")

    response = app.get("/hta-report/pembrolizumab/cite.ris")

    (record,) = rispy.loads(response.get_data(as_text=True))
    assert record["type_of_reference"] == "RPRT"
    assert record["title"].startswith("Pembrolizumab en cáncer")
    assert record["authors"] == ["Pérez García, Ana", "Quispe Mamani, Luis"]
    assert record["year"] == "2023"
    assert record["publisher"] == editor_org["org"]["title"]
    assert record["urls"][0].endswith("/hta-report/pembrolizumab")
    assert record["language"] == "es"


@pytest.mark.parametrize("suffix", ["cite.bib", "cite.ris"])
def test_citation_of_a_private_report_is_not_found_for_others(app, create, suffix):
    create("privado", private=True)

    app.get(f"/hta-report/privado/{suffix}", status=404)
    outsider = factories.UserWithToken()
    app.get(
        f"/hta-report/privado/{suffix}", headers={"Authorization": outsider["token"]}, status=404
    )


def test_citation_of_another_type_is_not_found(app, editor_org):
    call_action(
        "package_create",
        context={"user": editor_org["user"]["name"]},
        **dataset_dict("scholarship", editor_org["org"]["id"], name="beca"),
    )
    app.get("/hta-report/beca/cite.bib", status=404)


# --- CSV export --------------------------------------------------------------


def _csv(app, **query) -> list[dict[str, str]]:
    response = app.get("/hta-report/export.csv", query_string=query)
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_export_has_one_column_per_schema_field(app, create):
    create("pembrolizumab")

    response = app.get("/hta-report/export.csv")
    header = next(csv.reader(io.StringIO(response.get_data(as_text=True))))

    schema = scheming_get_dataset_schema("hta-report")
    fields = [f["field_name"] for f in schema["dataset_fields"]]
    assert header == [*fields, "groups", "private", "resources"]


def test_export_rows_match_the_search_and_its_filters(app, create, editor_org):
    create("pembrolizumab")
    create("trastuzumab", report_code="IETSI-2022-07", recommendation="a-favor")
    create("privado", report_code="INS-2024-99", private=True)

    everything = _csv(app)
    in_favour = _csv(app, recommendation="a-favor")

    assert {r["name"] for r in everything} == {"pembrolizumab", "trastuzumab"}
    assert [r["name"] for r in in_favour] == ["trastuzumab"]
    row = next(r for r in everything if r["name"] == "pembrolizumab")
    assert row["atc_codes"] == "L01FF02"
    assert row["authors"] == "Pérez García, Ana; Quispe Mamani, Luis"
    assert row["owner_org"] == editor_org["org"]["name"]
    assert row["publication_date"].startswith("2023-05-10")


def test_export_streams_every_page_of_results(app, create, monkeypatch):
    from ckanext.pe_catalog import export

    monkeypatch.setattr(export, "PAGE_ROWS", 2)
    for i in range(5):
        create(f"informe-{i}", report_code=f"INS-2023-{i:02d}")

    assert len(_csv(app)) == 5


def test_search_page_links_the_export_of_its_query(app, create):
    create("pembrolizumab")
    soup = _soup(app, "/hta-report/", query_string={"q": "pembrolizumab", "status": "publicado"})

    href = str(soup.select_one("#pe-export-csv")["href"])
    assert href.startswith("/hta-report/export.csv?")
    assert "q=pembrolizumab" in href
    assert "status=publicado" in href


def test_export_of_a_query_with_quotes_is_not_an_error(app, create):
    create("pembrolizumab")
    assert _csv(app, recommendation='a-favor" OR *:*') == []


# --- web form ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        (
            "",
            {
                "report_code": "Código del informe: Falta el valor",
                "atc_codes": 'Códigos ATC: "X99" no es un código ATC de la OMS (p. ej. L01FF02)',
                "publication_date": "Fecha de publicación: La fecha no puede ser posterior a hoy",
            },
        ),
        (
            "/en",
            {
                "report_code": "Report code: Missing value",
                "atc_codes": 'ATC codes: "X99" is not a WHO ATC code (e.g. L01FF02)',
                "publication_date": "Publication date: The date cannot be in the future",
            },
        ),
    ],
)
def test_form_names_each_invalid_field_in_the_users_language(app, prefix, expected):
    user = factories.UserWithToken()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])

    response = app.post(
        f"{prefix}/hta-report/new",
        data={
            "save": "",
            "name": "informe-x",
            "title": "Informe X",
            "owner_org": org["id"],
            "atc_codes": "X99",
            "publication_date": "2099-01-01",
        },
        headers={"Authorization": user["token"]},
    )

    items = {
        li["data-field-label"]: " ".join(li.get_text().split())
        for li in BeautifulSoup(response.body, "html.parser").select(".error-explanation li")
    }
    for field, message in expected.items():
        assert items[field] == message
    assert call_action("package_search", include_private=True)["count"] == 0
