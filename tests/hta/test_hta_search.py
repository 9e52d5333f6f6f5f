"""hta-report facets and filters from real Solr, through the API and the search page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests.helpers import call_action

from harness.sample import dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

FACETS = [
    "report_type",
    "technology_type",
    "recommendation",
    "organization",
    "status",
    "publication_year",
    "vocab_icd10_chapter",
    "vocab_atc_group",
]


@pytest.fixture
def reports(editor_org):
    """Four reports: three public (two medicines, one device), one private."""
    org, user = editor_org["org"], editor_org["user"]
    specs = [
        ("pembrolizumab-pulmon", {}),
        (
            "trastuzumab-mama",
            {
                "report_code": "IETSI-2022-07",
                "technology_name": "Trastuzumab",
                "atc_codes": ["L01FD01"],
                "icd10_codes": ["C50.9"],
                "recommendation": "a-favor",
                "publication_date": "2022-03-01",
            },
        ),
        (
            "monitor-glucosa",
            {
                "report_code": "INS-2023-15",
                "report_type": "informe-ets",
                "technology_type": "dispositivo-medico",
                "technology_name": "Monitor continuo de glucosa",
                "atc_codes": None,
                "icd10_codes": ["E10", "E11.9"],
                "recommendation": "en-contra",
            },
        ),
        (
            "privado-metformina",
            {
                "report_code": "INS-2024-99",
                "atc_codes": ["A10BA02"],
                "icd10_codes": ["E11"],
                "private": True,
            },
        ),
    ]
    for name, overrides in specs:
        data = dataset_dict("hta-report", org["id"], name=name, **overrides)
        data = {k: v for k, v in data.items() if v is not None}
        call_action("package_create", context={"user": user["name"]}, **data)
    return org


def _facets(**params) -> dict:
    result = call_action(
        "package_search",
        context={"user": "", "ignore_auth": False},
        fq="+dataset_type:hta-report",
        **{"facet.field": FACETS, "facet.limit": -1, **params},
    )
    return {
        name: {i["name"]: i["count"] for i in f["items"]}
        for name, f in result["search_facets"].items()
    }


def test_facet_counts_of_public_reports(reports):
    facets = _facets()

    assert facets["report_type"] == {"dictamen-preliminar": 2, "informe-ets": 1}
    assert facets["technology_type"] == {"medicamento": 2, "dispositivo-medico": 1}
    assert facets["recommendation"] == {"a-favor-con-condiciones": 1, "a-favor": 1, "en-contra": 1}
    assert facets["organization"] == {reports["name"]: 3}
    assert facets["status"] == {"publicado": 3}
    assert facets["publication_year"] == {"2023": 2, "2022": 1}
    # C34.9 and C50.9 are neoplasms; E10 and E11.9 count once for their chapter
    assert facets["vocab_icd10_chapter"] == {"C00-D48": 2, "E00-E90": 1}
    assert facets["vocab_atc_group"] == {"L": 2}


def test_facet_items_show_labels_not_codes(reports):
    result = call_action(
        "package_search",
        fq="+dataset_type:hta-report",
        **{"facet.field": ["vocab_icd10_chapter", "vocab_atc_group", "recommendation"]},
    )
    labels = {
        name: {i["name"]: i["display_name"] for i in f["items"]}
        for name, f in result["search_facets"].items()
    }

    assert labels["vocab_icd10_chapter"]["C00-D48"] == "C00-D48 Neoplasias"
    assert labels["vocab_atc_group"]["L"] == "L Agentes antineoplásicos e inmunomoduladores"
    assert labels["recommendation"]["en-contra"] == "En contra"


def test_filter_by_derived_facet_and_code(reports):
    def names(fq: str) -> set[str]:
        result = call_action("package_search", fq=f"+dataset_type:hta-report {fq}")
        return {d["name"] for d in result["results"]}

    assert names('+vocab_icd10_chapter:"E00-E90"') == {"monitor-glucosa"}
    assert names('+vocab_atc_codes:"L01FD01"') == {"trastuzumab-mama"}
    assert names("+publication_year:2022") == {"trastuzumab-mama"}


def test_search_page_shows_the_facets_with_titles(app, reports):
    soup = BeautifulSoup(app.get("/hta-report/").body, "html.parser")

    titles = [h.get_text(strip=True) for h in soup.select(".pe-facet > summary h2.module-heading")]
    assert titles[:8] == [
        "Tipo de informe",
        "Tipo de tecnología",
        "Recomendación",
        "Institución productora",
        "Estado",
        "Año de publicación",
        "Capítulo CIE-10",
        "Grupo anatómico principal ATC",
    ]
    page = soup.get_text(" ", strip=True)
    assert "C00-D48 Neoplasias" in page
    assert "privado-metformina" not in str(soup)


def test_search_page_filter_by_chapter(app, reports):
    soup = BeautifulSoup(
        app.get("/hta-report/", query_string={"vocab_icd10_chapter": "C00-D48"}).body,
        "html.parser",
    )
    found = {str(a["href"]).rsplit("/", 1)[-1] for a in soup.select(".dataset-heading a")}
    assert found == {"pembrolizumab-pulmon", "trastuzumab-mama"}


def test_search_page_names_reports_in_spanish_and_english(app, reports):
    es = _soup_of(app, "/hta-report/")
    en = _soup_of(app, "/en/hta-report/")

    assert "Se encontraron 3 informes de ETS" in es.get_text(" ", strip=True)
    assert es.select_one("#field-giant-search")["placeholder"] == "Buscar informes de ETS..."
    assert "Informes de ETS" in es.select_one(".breadcrumb").get_text()
    assert "3 HTA reports found" in en.get_text(" ", strip=True)


def _soup_of(app, url: str) -> BeautifulSoup:
    return BeautifulSoup(app.get(url).body, "html.parser")
