"""scholarship: validation, "open now" in Lima time, regions, facets, sort, pages, .ics, feed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import icalendar
import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action
from freezegun import freeze_time

from harness.sample import errors_of

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def create(create_as_editor):
    return create_as_editor("scholarship", "beca")


def _names(**params) -> list[str]:
    result = call_action(
        "package_search",
        context={"user": "", "ignore_auth": False},
        **{"fq": "+dataset_type:scholarship", **params},
    )
    return [d["name"] for d in result["results"]]


# --- validation --------------------------------------------------------------


def test_sample_call_is_valid(create):
    call = create()
    assert call["eligible_regions"] == ["nacional"]
    assert call["call_year"] == 2026
    assert call["education_levels"] == ["tecnico-superior", "pregrado"]


@pytest.mark.parametrize("field", ["program", "instrument_type", "study_destination"])
def test_unknown_choice_is_rejected(create, field):
    assert field in errors_of(create, **{field: "inventado"})


@pytest.mark.parametrize("field", ["modalities", "education_levels", "target_groups", "benefits"])
def test_unknown_choice_in_a_list_is_rejected(create, field):
    assert field in errors_of(create, **{field: ["inventado"]})


def test_at_least_one_education_level(create):
    assert "education_levels" in errors_of(create, education_levels=[])


@pytest.mark.parametrize("year", [1999, 2101, "dos mil"])
def test_call_year_is_between_2000_and_2100(create, year):
    assert "call_year" in errors_of(create, call_year=year)


@pytest.mark.parametrize(
    ("given", "stored"),
    [(["08", "15"], ["08", "15"]), ("8; 15", ["08", "15"]), (["NACIONAL"], ["nacional"])],
)
def test_regions_are_national_or_department_codes(create, given, stored):
    assert create(eligible_regions=given)["eligible_regions"] == stored


@pytest.mark.parametrize("regions", [["nacional", "08"], ["26"], ["Cusco"], [], None])
def test_invalid_regions_are_rejected(create, regions):
    assert "eligible_regions" in errors_of(create, eligible_regions=regions)


def test_many_invalid_regions_are_named_five_and_counted(create):
    regions = [f"99{n:02d}" for n in range(40)]
    errors = errors_of(create, eligible_regions=regions)["eligible_regions"]
    assert len(errors) == 6
    assert errors[-1] == "…and 35 more values that are not valid"


def test_close_date_on_or_after_open_date(create):
    errors = errors_of(
        create, application_open_date="2026-02-01", application_close_date="2026-01-31"
    )
    assert list(errors) == ["application_close_date"]
    assert create(application_open_date="2026-02-01", application_close_date="2026-02-01")


@pytest.mark.parametrize(("field", "value"), [("vacancies", -1), ("max_age", 13), ("max_age", 100)])
def test_numbers_out_of_range_are_rejected(create, field, value):
    assert field in errors_of(create, **{field: value})


def test_zero_vacancies_is_allowed(create):
    assert create(vacancies=0)["vacancies"] == 0


def test_loans_need_amount_and_rate(create):
    errors = errors_of(create, instrument_type="credito-educativo", program="credito-talento")
    assert {"max_loan_amount", "annual_interest_rate"} <= set(errors)


def test_a_valid_loan(create):
    loan = create(
        instrument_type="credito-educativo",
        program="credito-continuidad-estudios",
        max_loan_amount="30100",
        annual_interest_rate="3.55",
    )
    assert (loan["max_loan_amount"], loan["annual_interest_rate"]) == (30100, 3.55)


@pytest.mark.parametrize(
    ("field", "value"), [("max_loan_amount", 0), ("annual_interest_rate", 101)]
)
def test_loan_figures_out_of_range(create, field, value):
    other = {"max_loan_amount": 1000, "annual_interest_rate": 3}
    errors = errors_of(create, instrument_type="credito-educativo", **{**other, field: value})
    assert field in errors


def test_scholarships_reject_loan_fields(create):
    errors = errors_of(create, max_loan_amount=1000, annual_interest_rate=3)
    assert {"max_loan_amount", "annual_interest_rate"} <= set(errors)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("application_url", "ftp://pronabec.gob.pe"),
        ("application_url", "no es url"),
        ("application_url", 'https://www.pronabec.gob.pe/"><script>alert(1)</script>'),
        ("contact_email", "becas@"),
        ("requirements", ""),
    ],
)
def test_bad_url_email_and_missing_requirements(create, field, value):
    assert field in errors_of(create, **{field: value})


# --- open now, in Lima -------------------------------------------------------


@pytest.fixture
def december_call(create):
    return create(
        "beca-diciembre", application_open_date="2026-12-01", application_close_date="2026-12-15"
    )


@pytest.mark.parametrize(
    ("now_utc", "is_open"),
    [
        ("2026-11-30T17:00:00Z", False),  # the day before opening, noon in Lima
        ("2026-12-01T05:30:00Z", True),  # opening day, 00:30 in Lima
        ("2026-12-16T04:30:00Z", True),  # closing day, 23:30 in Lima (already 16th in UTC)
        ("2026-12-16T05:30:00Z", False),  # the day after closing, 00:30 in Lima
    ],
)
def test_open_now_across_the_boundaries(december_call, now_utc, is_open):
    with freeze_time(now_utc):
        found = _names(fq="+dataset_type:scholarship +open_now:true")
    assert found == (["beca-diciembre"] if is_open else [])


def test_open_now_on_the_search_page_and_its_facet(app, create):
    with freeze_time("2026-12-10T15:00:00Z"):
        create("abierta", application_open_date="2026-12-01", application_close_date="2026-12-20")
        create("cerrada", application_open_date="2026-10-01", application_close_date="2026-11-01")
        create(
            "privada-abierta",
            application_open_date="2026-12-01",
            application_close_date="2026-12-20",
            private=True,
        )

        all_page = BeautifulSoup(app.get("/scholarship/").body, "html.parser")
        open_page = BeautifulSoup(
            app.get("/scholarship/", query_string={"open_now": "true"}).body, "html.parser"
        )

    facet = all_page.select_one('a[href*="open_now=true"][title]') or all_page.find(
        "a", href=lambda h: h is not None and "open_now=true" in h and "/scholarship/" in h
    )
    assert facet is not None
    assert "Abierta ahora" in all_page.get_text(" ", strip=True)
    results = {str(a["href"]).rsplit("/", 1)[-1] for a in open_page.select(".dataset-heading a")}
    assert results == {"abierta"}


def test_open_now_facet_count_through_the_api(create):
    with freeze_time("2026-12-10T15:00:00Z"):
        create("abierta", application_open_date="2026-12-01", application_close_date="2026-12-20")
        create("proxima", application_open_date="2026-12-15", application_close_date="2026-12-31")
        result = call_action(
            "package_search",
            context={"user": "", "ignore_auth": False},
            fq="+dataset_type:scholarship",
            **{"facet.field": ["open_now", "instrument_type"]},
        )
    (item,) = result["search_facets"]["open_now"]["items"]
    assert (item["name"], item["count"]) == ("true", 1)


# --- regions, facets and sort ------------------------------------------------


def test_region_filter_includes_national_calls(create):
    create("nacional", eligible_regions=["nacional"])
    create("cusco", eligible_regions=["08"])
    create("lima", eligible_regions=["15"])

    assert sorted(_names(fq="+dataset_type:scholarship +vocab_region:08")) == ["cusco", "nacional"]
    assert sorted(_names(fq="+dataset_type:scholarship +vocab_region:15")) == ["lima", "nacional"]


def test_facet_counts_and_region_names(create):
    create("nacional", eligible_regions=["nacional"])
    create(
        "cusco",
        eligible_regions=["08"],
        instrument_type="credito-educativo",
        program="credito-talento",
        max_loan_amount=20000,
        annual_interest_rate=3.41,
    )
    create("privada", eligible_regions=["08"], private=True)

    result = call_action(
        "package_search",
        context={"user": "", "ignore_auth": False},
        fq="+dataset_type:scholarship",
        **{
            "facet.field": [
                "instrument_type",
                "program",
                "vocab_region",
                "vocab_education_levels",
                "vocab_target_groups",
                "study_destination",
            ],
            "facet.limit": -1,
        },
    )
    facets = {
        name: {i["name"]: (i["count"], i["display_name"]) for i in f["items"]}
        for name, f in result["search_facets"].items()
    }
    assert facets["instrument_type"] == {
        "beca": (1, "Beca"),
        "credito-educativo": (1, "Crédito educativo"),
    }
    assert facets["vocab_region"]["08"] == (2, "Cusco")
    assert facets["vocab_region"]["15"] == (1, "Lima")
    assert len(facets["vocab_region"]) == 25
    assert facets["vocab_education_levels"]["pregrado"] == (2, "Pregrado universitario")
    assert facets["study_destination"] == {"peru": (2, "Perú")}


def test_default_sort_open_first_by_closing_date(create):
    with freeze_time("2026-12-10T15:00:00Z"):
        create(
            "cierra-tarde", application_open_date="2026-12-01", application_close_date="2026-12-30"
        )
        create(
            "cierra-pronto", application_open_date="2026-12-01", application_close_date="2026-12-12"
        )
        create("proxima", application_open_date="2027-01-01", application_close_date="2027-01-10")
        create(
            "cerrada-antigua",
            application_open_date="2026-01-01",
            application_close_date="2026-02-01",
        )
        create(
            "cerrada-reciente",
            application_open_date="2026-10-01",
            application_close_date="2026-11-30",
        )

        order = _names()

    assert order == [
        "cierra-pronto",
        "cierra-tarde",
        "proxima",
        "cerrada-reciente",
        "cerrada-antigua",
    ]


def test_another_sort_is_still_possible(create):
    create("beca-a")
    result = call_action("package_search", fq="+dataset_type:scholarship", sort="title_string asc")
    assert result["sort"] == "title_string asc"


# --- pages -------------------------------------------------------------------


def test_summary_card_shows_days_left_and_names(app, create):
    create(
        "beca-cusco",
        eligible_regions=["08", "21"],
        application_open_date="2026-12-01",
        application_close_date="2026-12-15",
    )

    with freeze_time("2026-12-10T15:00:00Z"):
        soup = BeautifulSoup(app.get("/scholarship/beca-cusco").body, "html.parser")

    deadline = soup.select_one(".pronabec-deadline")
    assert deadline["data-state"] == "open"
    assert "Cierra el 15 de diciembre de 2026: quedan 5 días" in deadline.get_text(" ", strip=True)
    assert soup.select_one(".pronabec-regions").get_text(strip=True) == "Cusco, Puno"
    assert soup.select_one(".pronabec-apply")["href"] == "https://www.pronabec.gob.pe/beca-18/"


def test_summary_card_of_a_closed_call(app, create):
    create("cerrada", application_open_date="2026-01-01", application_close_date="2026-02-01")
    with freeze_time("2026-12-10T15:00:00Z"):
        soup = BeautifulSoup(app.get("/scholarship/cerrada").body, "html.parser")
    assert soup.select_one(".pronabec-deadline")["data-state"] == "closed"
    assert "Cerrada" in soup.select_one(".pronabec-deadline").get_text()
    # a closed call invites no one: no "apply" button, no calendar reminder
    assert soup.select_one(".pronabec-apply") is None
    assert "deadline.ics" not in str(soup.select_one(".pronabec-summary"))
    assert "Esta convocatoria está cerrada." in soup.select_one(".pronabec-closed").get_text()


def test_ics_is_read_back_by_icalendar(app, create):
    create(
        "beca-diciembre", application_open_date="2026-12-01", application_close_date="2026-12-15"
    )

    response = app.get("/scholarship/beca-diciembre/deadline.ics")

    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.get_data())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(2026, 12, 1)
    assert event.decoded("dtend") == dt.date(2026, 12, 16)  # exclusive: through the 15th
    assert "Beca 18 - Convocatoria 2026" in str(event["summary"])
    assert str(event["url"]).endswith("/scholarship/beca-diciembre")


def test_a_call_stored_without_its_window_has_no_calendar_file(app, create):
    # the schema requires both dates, but a call stored before they were
    # required (or written past the schema) has none: a 404, not a 500
    from ckan import model

    create("sin-fechas")
    package = model.Package.get("sin-fechas")
    extras = dict(package.extras)
    extras.pop("application_close_date")
    package.extras = extras
    # newer than the search index's copy, which package_show would serve otherwise
    package.metadata_modified = dt.datetime.utcnow()
    model.repo.commit()

    response = app.get("/scholarship/sin-fechas/deadline.ics", status=404)
    assert "no tiene fechas de postulación" in response.get_data(as_text=True)


def test_private_call_is_hidden_everywhere(app, create):
    create("privada", private=True)

    assert _names() == []
    app.get("/scholarship/privada/deadline.ics", status=404)
    outsider = factories.UserWithToken()
    app.get(
        "/scholarship/privada/deadline.ics",
        headers={"Authorization": outsider["token"]},
        status=404,
    )
    feed = app.get("/feeds/custom.atom", query_string={"dataset_type": "scholarship"})
    assert "privada" not in feed.get_data(as_text=True)


def test_atom_feed_of_the_same_search(app, create):
    with freeze_time("2026-12-10T15:00:00Z"):
        create(
            "abierta",
            title="Convocatoria abierta",
            application_open_date="2026-12-01",
            application_close_date="2026-12-20",
        )
        create(
            "cerrada",
            title="Convocatoria cerrada",
            application_open_date="2026-10-01",
            application_close_date="2026-11-01",
        )
        page = BeautifulSoup(
            app.get("/scholarship/", query_string={"open_now": "true"}).body, "html.parser"
        )
        feed_url = page.select_one("#pronabec-feed")["href"]
        feed = app.get(feed_url)

    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(feed.get_data()).findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries] == ["Convocatoria abierta"]
