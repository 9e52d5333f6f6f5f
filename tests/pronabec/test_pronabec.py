"""scholarship: validation, "open now" in Lima time, regions, facets, sort, pages, .ics, feed."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import icalendar
import pysolr
import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    assert (item["name"], item["display_name"], item["count"]) == ("true", "Open now", 1)
    # the raw facets say the same, under the same name and value
    assert result["facets"]["open_now"] == {"true": 1}
    assert result["facets"]["instrument_type"] == {"beca": 2}


def test_open_now_in_fq_list_filters_as_in_fq(create):
    with freeze_time("2026-12-10T15:00:00Z"):
        create("abierta", application_open_date="2026-12-01", application_close_date="2026-12-20")
        create("proxima", application_open_date="2026-12-15", application_close_date="2026-12-31")
        in_fq = call_action("package_search", fq="open_now:true")["count"]
        in_list = call_action("package_search", fq_list=["open_now:true"])["count"]
    assert in_fq == in_list == 1


@pytest.mark.parametrize(
    "fq", ["open_now:false", "open_now:*", "open_now:(true)", "open_now:yes", "open_now: true"]
)
def test_open_now_with_another_value_is_refused(app, fq):
    """open_now is no field: any value but true used to find nothing, silently."""
    response = app.post("/api/3/action/package_search", json={"fq": fq}, status=409)
    assert "open_now:true" in response.json["error"]["fq"][0]
    page = app.get("/scholarship/", query_string={"open_now": "false"}, status=400)
    assert "solo admite el valor true" in page.get_data(as_text=True)


# the "open now" facet at its boundaries, at 10:00 on 10 December 2026 in Lima
NOW = "2026-12-10T15:00:00Z"
TODAY = dt.date(2026, 12, 10)


@contextlib.contextmanager
def solr_requests() -> Iterator[list[dict[str, Any]]]:
    """The parameters of each request CKAN sends to Solr's search handler
    inside the block: the real client, wrapped to record its calls."""
    recorded: list[dict[str, Any]] = []
    original = pysolr.Solr.search

    def search(self: Any, q: str, search_handler: Any = None, **kwargs: Any) -> Any:
        recorded.append({"q": q, **kwargs})
        return original(self, q, search_handler=search_handler, **kwargs)

    pysolr.Solr.search = search
    try:
        yield recorded
    finally:
        pysolr.Solr.search = original


def _facet_count(result: dict[str, Any]) -> int:
    items = result["search_facets"]["open_now"]["items"]
    assert items == [] or [i["name"] for i in items] == ["true"]
    count = items[0]["count"] if items else 0
    assert result["facets"]["open_now"] == ({"true": count} if count else {})
    return count


def _day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def test_open_now_counts_opening_and_closing_today_not_closed_yesterday(create):
    windows = {
        "abre-hoy": (0, 10),
        "cierra-hoy": (-10, 0),
        "solo-hoy": (0, 0),
        "cerro-ayer": (-20, -1),
        "abre-manana": (1, 20),
    }
    with freeze_time(NOW):
        for name, (opens, closes) in windows.items():
            create(name, application_open_date=_day(opens), application_close_date=_day(closes))
        with solr_requests() as requests:
            result = call_action(
                "package_search",
                context={"user": "", "ignore_auth": False},
                fq="+dataset_type:scholarship",
                **{"facet.field": json.dumps(["open_now"])},
            )
        found = _names(fq="+dataset_type:scholarship +open_now:true")
    assert _facet_count(result) == 3
    assert sorted(found) == ["abre-hoy", "cierra-hoy", "solo-hoy"]
    # one Solr request: the count is a facet of the search itself
    (request,) = requests
    assert "{!lucene terms=20261210 key=open_now}vocab_open_days" in request["facet.field"]


def test_a_search_with_the_open_now_facet_is_one_solr_request(app, create):
    with freeze_time(NOW):
        create("abierta", application_open_date=_day(-3), application_close_date=_day(3))
        create("cerrada", application_open_date=_day(-30), application_close_date=_day(-3))
        for fq in ("+dataset_type:scholarship", "+dataset_type:scholarship +open_now:true", ""):
            with solr_requests() as requests:
                result = call_action(
                    "package_search",
                    fq=fq,
                    q="beca",
                    **{"facet.field": ["open_now", "program", "vocab_region"]},
                )
            assert len(requests) == 1, (fq, requests)
            assert _facet_count(result) == 1
        # through the API, as a JSON list in the query string
        with solr_requests() as requests:
            body = app.get(
                "/api/3/action/package_search",
                query_string={"facet.field": '["open_now"]', "fq": "dataset_type:scholarship"},
            ).json
        assert len(requests) == 1
        assert _facet_count(body["result"]) == 1
        # no facet asked for: nothing added
        with solr_requests() as requests:
            result = call_action("package_search", fq="+dataset_type:scholarship")
        (request,) = requests
        assert "open_now" not in result["search_facets"]
        assert not any("open_days" in str(f) for f in request.get("facet.field", []))


# one call per row: (name, opens, closes, private, levels, regions, target groups),
# opening and closing days counted from TODAY
_CALLS = [
    ("abierta-nacional", -10, 10, False, ["pregrado"], ["nacional"], ["pobreza"]),
    ("abre-hoy-cusco", 0, 30, False, ["pregrado", "maestria"], ["08"], ["alto-rendimiento"]),
    ("cierra-hoy-lima", -30, 0, False, ["maestria"], ["15"], ["pobreza", "discapacidad"]),
    ("cerro-ayer-cusco", -30, -1, False, ["pregrado"], ["08"], ["pobreza"]),
    ("abre-manana", 1, 10, False, ["doctorado"], ["nacional"], ["alto-rendimiento"]),
    ("abierta-larga", -400, 400, False, ["tecnico-superior"], ["08", "15"], ["discapacidad"]),
    ("privada-abierta", -2, 2, True, ["pregrado"], ["08"], ["pobreza"]),
    ("privada-cierra-hoy", -2, 0, True, ["maestria"], ["nacional"], ["alto-rendimiento"]),
    ("privada-cerrada", -60, -30, True, ["pregrado"], ["15"], ["pobreza"]),
]
_LEVELS = sorted({level for call in _CALLS for level in call[4]})
_GROUPS = sorted({group for call in _CALLS for group in call[6]})


def _expected_open(
    level: str | None, region: str | None, group: str | None, member: bool
) -> set[str]:
    """The calls open on TODAY that a search with these filters finds."""
    return {
        name
        for name, opens, closes, private, levels, regions, groups in _CALLS
        if opens <= 0 <= closes
        and (member or not private)
        and (level is None or level in levels)
        and (region is None or region in regions or "nacional" in regions)
        and (group is None or group in groups)
    }


def test_the_open_now_count_is_the_number_of_open_results(create, editor_org):
    with freeze_time(NOW, ignore=["hypothesis"]):
        for name, opens, closes, private, levels, regions, groups in _CALLS:
            create(
                name,
                application_open_date=_day(opens),
                application_close_date=_day(closes),
                private=private,
                education_levels=levels,
                eligible_regions=regions,
                target_groups=groups,
            )
        member = editor_org["user"]["name"]

        @settings(
            max_examples=40,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )
        @given(
            level=st.sampled_from([None, *_LEVELS]),
            region=st.sampled_from([None, "08", "15", "21"]),
            group=st.sampled_from([None, *_GROUPS]),
            as_member=st.booleans(),
            only_open=st.booleans(),
        )
        def check(level, region, group, as_member, only_open):
            fq = "+dataset_type:scholarship"
            fq += f' +vocab_education_levels:"{level}"' if level else ""
            fq += f' +vocab_region:"{region}"' if region else ""
            fq += f' +vocab_target_groups:"{group}"' if group else ""
            params = {"include_private": True, "rows": 100}
            context = {"user": member if as_member else "", "ignore_auth": False}
            with solr_requests() as requests:
                result = call_action(
                    "package_search",
                    context=dict(context),
                    fq=fq + (" +open_now:true" if only_open else ""),
                    **params,
                    **{"facet.field": ["open_now", "vocab_region"]},
                )
            assert len(requests) == 1
            open_results = call_action(
                "package_search", context=dict(context), fq=fq + " +open_now:true", **params
            )
            expected = _expected_open(level, region, group, as_member)
            assert {d["name"] for d in open_results["results"]} == expected
            assert _facet_count(result) == len(expected)
            if only_open:
                assert result["count"] == len(expected)

        check()


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
