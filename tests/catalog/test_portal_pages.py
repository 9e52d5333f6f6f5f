"""What the pages give a person, checked in their HTML (the browser tests check
the same pages in Chromium): the portal's identity, what people decide on in
the search results, names and landmarks for assistive technology.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from ckan.cli.cli import ckan
from ckan.tests import factories
from freezegun import freeze_time

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _soup(app: Any, url: str, **kwargs: Any) -> BeautifulSoup:
    response = app.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_the_portal_has_its_own_title_logo_and_icon(app):
    soup = _soup(app, "/")
    assert "Catálogo de Datos Abiertos · Gobierno Abierto Perú" in soup.title.text
    logo = soup.select_one(".masthead .logo img")
    assert str(logo["src"]).endswith("/pe-catalog/logo.svg")
    assert logo["alt"] == "Catálogo de Datos Abiertos · Gobierno Abierto Perú: página de inicio"
    icon = str(soup.select_one("link[rel='shortcut icon']")["href"])
    for path in (str(logo["src"]), icon):
        response = app.get(path.replace("http://test.ckan.net", ""))
        assert response.status_code == 200 and "svg" in response.content_type, path


def test_header_tabs_and_page_titles_use_the_types_labels(app):
    tabs = [a.get_text(strip=True) for a in _soup(app, "/").select(".masthead .navbar-nav a")]
    assert tabs[:3] == ["Informes de ETS", "Becas y créditos", "Datos ambientales"]
    assert [a.get_text(strip=True) for a in _soup(app, "/en/").select(".masthead .navbar-nav a")][
        :3
    ] == ["HTA reports", "Scholarships and loans", "Environmental data"]
    assert _soup(app, "/hta-report/").title.text.startswith("Informes de ETS")
    assert _soup(app, "/en/hta-report/").title.text.startswith("HTA reports")  # not "Hta-Report"
    assert _soup(app, "/en/scholarship/").title.text.startswith("Scholarships and loans")


def test_header_search_has_a_label_and_a_named_button(app):
    form = _soup(app, "/").select_one(".masthead form.site-search")
    field = form.select_one("input[name=q]")
    label = form.select_one(f"label[for='{field['id']}']")
    assert label.get_text(strip=True) == "Buscar en el catálogo"
    assert "d-none" not in label.get_attribute_list("class")  # read by screen readers
    assert field.get("aria-label") is None
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Buscar"


def test_organization_logos_are_served_by_the_portal(app, cli):
    seeded = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert seeded.exit_code == 0, seeded.output
    images = _soup(app, "/organization/").select(".media-item img")
    sources = {str(img["src"]) for img in images}
    assert "http://test.ckan.net/pe-catalog/org/digemid.svg" in sources
    for src in sources:
        assert "/uploads/group/" not in src
        response = app.get(src.replace("http://test.ckan.net", ""))
        assert response.status_code == 200, src
    # beside the organization's name, the logo is decorative
    assert {str(img["alt"]) for img in images} == {""}


def test_skip_link_lands_once_before_the_main_column(app, create_as_editor):
    create_as_editor("scholarship", "beca")()
    for url in ("/", "/scholarship/", "/scholarship/beca", "/about", "/user/login", "/no-such"):
        soup = BeautifulSoup(app.get(url).get_data(as_text=True), "html.parser")
        assert soup.select_one("a.pe-skip-link")["href"] == "#pe-main"
        targets = soup.select("#pe-main")
        assert len(targets) == 1, url
        main = soup.select_one("[role=main]")
        if main is not None and soup.select_one(".wrapper > aside.secondary"):
            # on a page with a sidebar, the target comes right before the main column
            assert targets[0].find_next_sibling() is main, url


@freeze_time("2026-02-10T15:00:00Z")
def test_a_call_in_the_results_shows_its_status_deadline_and_days_left(app, create_as_editor):
    create = create_as_editor("scholarship", "beca")
    create("abierta")
    create("proxima", application_open_date="2026-03-01", application_close_date="2026-04-30")
    item = {
        str(li.select_one(".dataset-heading a")["href"]).rsplit("/", 1)[1]: li
        for li in _soup(app, "/scholarship/").select(".dataset-item")
    }
    open_call = item["abierta"].select_one(".pronabec-deadline")
    assert open_call["data-state"] == "open"
    assert "Abierta" in open_call.text
    assert "Cierra el 15 de febrero de 2026: quedan 5 días" in " ".join(open_call.text.split())
    upcoming = item["proxima"].select_one(".pronabec-deadline")
    assert "Próxima" in upcoming.text and "Abre el 1 de marzo de 2026" in " ".join(
        upcoming.text.split()
    )
    english = _soup(app, "/en/scholarship/").select_one(".pronabec-deadline").text
    assert "days left" in english or "Opens on" in english


def test_a_report_in_the_results_shows_recommendation_type_and_year(app, create_as_editor):
    create_as_editor("hta-report", "informe")()
    facts = " ".join(
        _soup(app, "/hta-report/").select_one(".dataset-item .dataset-facts").text.split()
    )
    assert "Recomendación: A favor con condiciones" in facts
    # the sample's code names its type ("Dictamen Preliminar N° 012-..."): said once
    assert facts.lower().count("dictamen preliminar") == 1 and "2023" in facts


def test_an_environmental_dataset_in_the_results_shows_places_and_period(app, create_as_editor):
    create_as_editor("environmental-data", "agua")()
    facts = " ".join(
        _soup(app, "/environmental-data/").select_one(".dataset-item .dataset-facts").text.split()
    )
    assert "Cusco" in facts
    assert "del 1 de enero de 2022 al 31 de diciembre de 2023" in facts.lower() or "2022" in facts


def test_facet_and_result_links_are_named_by_what_they_show(app, create_as_editor):
    create_as_editor("scholarship", "beca")()
    soup = _soup(app, "/scholarship/")
    facet_links = soup.select("a[data-pe-facet]")
    assert facet_links
    for link in facet_links:
        assert link.get("aria-label") is None
        assert link.select_one(".item-label").get_text(strip=True)
    nav = facet_links[0].find_parent("nav")
    assert str(nav["aria-label"]).startswith("Filtrar por: ")
    assert facet_links[0].find_parent("details").select_one("summary h2")
    for link in soup.select(".dataset-item .dataset-heading a"):
        assert link.get("aria-label") is None


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/scholarship/?tags=Beca+18", "Etiquetas"),
        ("/en/hta-report/?tags=ETS", "Tags"),
        ("/environmental-data/?res_format=PDF", "Formatos"),
        ("/en/scholarship/?license_id=cc-by", "Licenses"),
        # another type's facet: the title that type gives it
        ("/environmental-data/?report_type=dictamen", "Tipo de informe"),
        ("/dataset/?open_now=true", "Convocatoria abierta"),
        ("/en/hta-report/?vocab_region=08", "Region"),
    ],
)
def test_a_filter_from_outside_the_types_facets_is_named(app, url, title):
    # a tag or format link leads to a type's page, whose facets do not list it;
    # a shared link may carry another type's filter
    soup = _soup(app, url)
    assert [s.get_text() for s in soup.select(".filter-list .facet")] == [f"{title}:"]
    hidden = soup.select_one(".filter-list .remove .visually-hidden").get_text()
    assert f" {title}: " in hidden and "None" not in hidden


def test_page_arrows_are_named(app, create_as_editor):
    create = create_as_editor("scholarship", "beca")
    for n in range(21):  # ckan.datasets_per_page is 20 in test.ini
        create(f"beca-{n}")
    pager = _soup(app, "/scholarship/").select_one("nav[aria-label='Páginas de resultados']")
    assert pager is not None
    names = [a.get_text(" ", strip=True) for a in pager.select("a.page-link")]
    assert "Página siguiente" in names, names
    assert "&lt;" not in str(pager)  # the arrow is markup, not escaped text


def test_an_english_report_is_marked_as_english(app, create_as_editor):
    create_as_editor("hta-report", "report")(language="en", title="Robot-assisted surgery")
    page = _soup(app, "/hta-report/report")
    assert page.select_one("h1 [lang=en]").get_text(strip=True) == "Robot-assisted surgery"
    assert page.select("dd[lang=en]")  # the PICO question in the report's words
    result = _soup(app, "/hta-report/").select_one(".dataset-heading a")
    assert result["lang"] == "en"
    # in the English portal there is nothing to mark
    assert _soup(app, "/en/hta-report/report").select_one("h1 [lang]") is None


def test_required_fields_and_checkbox_groups_are_announced(app):
    sysadmin = factories.SysadminWithToken()
    factories.Organization()  # the form asks for an organization first
    soup = _soup(app, "/scholarship/new", headers={"Authorization": sysadmin["token"]})
    for name in (
        "title",
        "program",
        "eligible_regions",
        "application_close_date",
        "application_url",
    ):
        assert soup.select_one(f"[name={name}]")["aria-required"] == "true", name
    assert soup.select_one("[name=vacancies]").get("aria-required") is None  # optional
    levels = soup.select_one("input[name=education_levels]").find_parent("fieldset")
    legend = levels.select_one("legend").get_text(" ", strip=True)
    assert "Niveles de estudio" in legend, legend
    assert "(obligatorio)" in legend


def test_a_withdrawn_or_superseded_report_says_its_advice_no_longer_applies(app, create_as_editor):
    create = create_as_editor("hta-report", "informe")
    create("retirado", status="retirado", recommendation="a-favor", report_code="DP 1-2019")
    create("vigente", status="publicado", recommendation="a-favor", report_code="DP 2-2024")
    withdrawn = _soup(app, "/hta-report/retirado").select_one(".hta-recommendation")
    assert "alert-success" not in withdrawn["class"]  # never green advice
    assert "Informe retirado: su recomendación ya no está vigente." in withdrawn.text
    assert (
        "alert-success"
        in _soup(app, "/hta-report/vigente").select_one(".hta-recommendation")["class"]
    )
    results = {
        str(li.select_one(".dataset-heading a")["href"]).rsplit("/", 1)[1]: li.text
        for li in _soup(app, "/hta-report/").select(".dataset-item")
    }
    assert "ya no está vigente" in results["retirado"]
    assert "ya no está vigente" not in results["vigente"]


def test_a_dataset_under_another_types_address_is_not_there(app, create_as_editor):
    create_as_editor("scholarship", "beca")()
    assert app.get("/scholarship/beca").status_code == 200
    for url in ("/hta-report/beca", "/environmental-data/beca", "/hta-report/beca/resource/x"):
        assert app.get(url).status_code == 404, url


def test_a_reports_type_is_not_repeated_before_a_code_that_names_it(app, create_as_editor):
    from ckanext.hta.citation import designation

    assert designation("Revisión sistemática", "Revisión Sistemática N° 01-2022-INS") == (
        "Revisión Sistemática N° 01-2022-INS"
    )
    assert designation("Dictamen preliminar", "N° 012-DETS-2023") == (
        "Dictamen preliminar N° 012-DETS-2023"
    )
    create_as_editor("hta-report", "informe")(
        report_type="revision-sistematica", report_code="Revisión Sistemática N° 01-2022-INS"
    )
    for url in ("/hta-report/informe", "/hta-report/"):
        text = " ".join(_soup(app, url).get_text(" ").split())
        assert "Revisión Sistemática N° 01-2022-INS" in text, url
        assert "Revisión sistemática Revisión Sistemática" not in text, url
