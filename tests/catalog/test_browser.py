"""The portal in a real browser: Debian's Chromium, audited by axe-core.

The sample catalog is loaded through the CLI (as ``make demo`` does) and
served by ``ckan run`` on a free port; Selenium drives Chromium against it.

- Every page the crawl reaches from ``/`` and ``/en/`` (one of each kind), and
  the pages of a signed-in editor, have no serious or critical axe-core
  violation of WCAG 2.1 A/AA, and none scrolls sideways at 390 px.
- A student filters the calls on a phone; a report is created through the
  form with one round of validation errors; a box is drawn on the map; the
  language is switched from the footer; the keyboard reaches the results.
- Screenshots of each page type at desktop and phone size go to
  ``harness/browser/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from ckan import plugins
from ckan.tests.helpers import _get_test_app
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness.browser import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    axe_violations,
    blocking,
    chromium,
    horizontal_overflow,
    screenshot,
    serve,
    sign_in,
)
from harness.browser.pages import anonymous_paths, every_page, signed_in_paths
from harness.browser.pages import sign_in as requests_sign_in
from tests.crawl import Crawler

pytestmark = pytest.mark.usefixtures("with_plugins")

ADMIN, PASSWORD = "admin", "admin-demo-2026"


@pytest.fixture(scope="module")
def portal(
    request: pytest.FixtureRequest, reset_db: Any, migrate_db_for: Any, reset_index: Any
) -> Iterator[str]:
    """The sample catalog served on a free port, made once for the module: its URL."""
    plugins.load_all()
    reset_db()
    migrate_db_for("activity")
    reset_index()
    ini = request.config.getoption("ckan_ini")
    assert ini, "the portal serves the configuration given with --ckan-ini"
    with serve(ini, seed_admin=f"{ADMIN}:{PASSWORD}") as base:
        yield base


@pytest.fixture(scope="module")
def crawled(portal: str) -> list[str]:
    """One page of each kind reachable from / and /en/ by an anonymous visitor."""
    app = _get_test_app()
    pages: list[str] = []
    for start in ("/", "/en/"):
        result = Crawler(app, max_depth=2, per_route=1).crawl(start)
        pages += [url for url, status in result.visited.items() if status == 200]
    # the pages a fault was once found on, whichever pages the crawl picks: a
    # filtered environmental search, whose map heading's "Clear" link was grey
    pages += [f"{lang}/environmental-data/?vocab_economic_sectors=mineria" for lang in ("", "/en")]
    # a search that finds nothing, with its spelling suggestion ("¿Quisiste decir…?")
    pages += [f"{lang}/scholarship/?q=bekas" for lang in ("", "/en")]
    # feeds, exports, codes and API answers are not pages
    return [
        p
        for p in dict.fromkeys(pages)
        if not re.search(r"\.(atom|csv|ics|svg|png|json|xml)|/api/|/feeds/", p)
    ]


def _problems(session: Any, url: str) -> list[str]:
    return [
        f"{url}: {v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']} "
        f"e.g. {v['nodes'][0]['target']} {v['nodes'][0]['html'][:120]}"
        for v in blocking(axe_violations(session))
    ]


def test_every_page_has_no_serious_accessibility_violation(portal, crawled):
    assert len(crawled) > 40, crawled  # the crawl walked the site, in both languages
    assert any(p.startswith("/en/") for p in crawled)
    problems: list[str] = []
    audited = len(crawled)
    with chromium(DESKTOP) as session:
        for path in crawled:
            session.get(portal + path)
            problems += _problems(session, path)
        sign_in(session, portal, ADMIN, PASSWORD)
        editor_pages = signed_in_paths(portal, requests_sign_in(portal, ADMIN, PASSWORD))
        for _, path in every_page([*editor_pages, "/ckan-admin", "/user/admin"]):
            session.get(portal + path)
            problems += _problems(session, f"{path} (signed in)")
        audited += len(editor_pages) * 2 + 4
    # the list of pages audited, beside the screenshots (git-ignored)
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "audited-pages.txt").write_text(
        f"{audited} pages audited by axe-core\n" + "\n".join(crawled) + "\n", encoding="utf-8"
    )
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_on_a_phone_and_screenshots(portal):
    """Each kind of page (anonymous_paths) in both languages, at 390 px and 1280 px."""
    wide = []
    kinds = anonymous_paths(portal)
    with chromium(PHONE) as session:
        for language, path in every_page(kinds):
            session.get(portal + path)
            if horizontal_overflow(session):
                wide.append((path, horizontal_overflow(session)))
            screenshot(session, f"phone-{language}-{_slug(path)}")
    with chromium(DESKTOP) as session:
        for language, path in every_page(kinds):
            session.get(portal + path)
            assert screenshot(session, f"desktop-{language}-{_slug(path)}").stat().st_size > 10_000
    assert wide == []


def test_on_a_phone_the_key_card_comes_before_the_sidebar(portal):
    kinds = anonymous_paths(portal)
    cards = {
        "/hta-report/": ".hta-recommendation",
        "/scholarship/": ".pronabec-deadline",
        "/environmental-data/": ".environment-summary",
    }
    with chromium(PHONE) as session:
        for search, card in cards.items():
            dataset = next(
                p for p in kinds if p.startswith(search) and p != search and "?" not in p
            )
            session.get(portal + dataset)
            tops = session.execute_script(
                "const top = s => document.querySelector(s).getBoundingClientRect().top;"
                "return [top(arguments[0]), top('aside.secondary')];",
                card,
            )
            assert tops[0] < tops[1], (dataset, tops)


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:60] or "home"


def _settled(session: Any) -> None:
    """Wait until htmx has swapped the results in (CKAN's boosted facet links)."""
    WebDriverWait(session, 20).until(
        lambda s: s.execute_script(
            "return document.readyState === 'complete' && !document.querySelector('.htmx-request')"
        )
    )


def test_a_student_filters_open_calls_in_her_region_on_a_phone(portal):
    with chromium(PHONE) as session:
        session.get(portal + "/scholarship/")
        count = session.find_element(By.ID, "pe-results-count").text
        # results first on a phone; the filters open from a button, folded
        first_result = session.find_element(By.CSS_SELECTOR, ".dataset-item")
        assert first_result.is_displayed()
        assert horizontal_overflow(session) == 0

        for facet in ("vocab_region=08", "open_now=true"):
            session.find_element(By.CSS_SELECTOR, ".show-filters").click()
            link = session.find_element(By.CSS_SELECTOR, f"a[data-pe-facet][href*='{facet}']")
            details = link.find_element(By.XPATH, "ancestor::details")
            if details.get_attribute("open") is None:
                details.find_element(By.TAG_NAME, "summary").click()
            link.click()
            WebDriverWait(session, 20).until(lambda s, f=facet: f in s.current_url)
            _settled(session)
            # focus and the live region give the new count
            WebDriverWait(session, 10).until(
                lambda s: s.switch_to.active_element.get_attribute("id") == "pe-results-count"
            )
            new_count = session.find_element(By.ID, "pe-results-count").text
            WebDriverWait(session, 10).until(
                lambda s: (
                    s.find_element(By.CSS_SELECTOR, "[data-pe-live]")
                    .get_attribute("textContent")
                    .strip()
                )
            )
            live = session.find_element(By.CSS_SELECTOR, "[data-pe-live]")
            assert " ".join(new_count.split()) == live.get_attribute("textContent").strip()
        assert new_count != count
        query = parse_qs(urlsplit(session.current_url).query)
        assert query["vocab_region"] == ["08"] and query["open_now"] == ["true"]
        states = [
            e.get_attribute("data-state")
            for e in session.find_elements(By.CSS_SELECTOR, ".dataset-item .pronabec-deadline")
        ]
        assert states and set(states) == {"open"}, states
        # each call shows its status, closing date and days left
        assert "Abierta" in session.find_element(By.CSS_SELECTOR, ".dataset-item").text
        assert _slug(session.find_element(By.CSS_SELECTOR, ".dataset-item .pronabec-deadline").text)
        assert horizontal_overflow(session) == 0


def test_the_keyboard_reaches_the_results_through_the_skip_link(portal):
    with chromium(DESKTOP) as session:
        session.get(portal + "/scholarship/")
        first = session.find_element(By.CSS_SELECTOR, ".dataset-item .dataset-heading a")
        ActionChains(session).send_keys(Keys.TAB).perform()
        skip = session.switch_to.active_element
        assert skip.text == "Saltar al contenido principal" and skip.is_displayed()
        ActionChains(session).send_keys(Keys.ENTER).perform()
        for _ in range(15):
            ActionChains(session).send_keys(Keys.TAB).perform()
            if session.switch_to.active_element == first:
                break
        else:
            pytest.fail("the first result is not within 15 Tab presses of the skip link")

        # the header search shows where the focus is
        search = session.find_element(By.ID, "field-sitewide-search")
        session.execute_script("arguments[0].focus()", search)
        style = session.execute_script(
            "const s = getComputedStyle(document.activeElement);"
            "return [document.activeElement.id, s.outlineStyle, s.outlineWidth];"
        )
        assert style[0] == "field-sitewide-search"
        assert style[1] != "none" and float(style[2].rstrip("px")) >= 2, style


def _click(session: Any, selector: str) -> None:
    """Click what a person would, after scrolling it to the middle of the window."""
    element = session.find_element(By.CSS_SELECTOR, selector)
    session.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def test_a_report_is_created_through_the_form_after_one_round_of_errors(portal):
    with chromium(DESKTOP) as session:
        sign_in(session, portal, ADMIN, PASSWORD)
        session.get(portal + "/hta-report/new")
        # required fields are announced
        for name in ("title", "report_code", "technology_name", "condition"):
            field = session.find_element(By.NAME, name)
            assert field.get_attribute("aria-required") == "true", name

        def fill(values: dict[str, str]) -> None:
            for name, value in values.items():
                field = session.find_element(By.NAME, name)
                if field.tag_name == "select":
                    Select(field).select_by_value(value)
                elif field.get_attribute("type") == "date":
                    session.execute_script("arguments[0].value = arguments[1]", field, value)
                else:
                    field.clear()
                    field.send_keys(value)

        fill(
            {
                "title": "Evaluación de prueba en el navegador",
                "notes": "Informe creado por la prueba del navegador.",
                "report_type": "dictamen-preliminar",
                "technology_type": "medicamento",
                "technology_name": "Metformina",
                "condition": "Diabetes mellitus tipo 2",
                "population": "Adultos con diabetes tipo 2",
                "intervention": "Metformina 850 mg",
                "recommendation": "a-favor",
                "publication_date": "2026-03-15",
                "status": "publicado",
                "authors": "Equipo de prueba",
            }
        )
        # the report code and ATC code are left empty: one round of errors
        _click(session, "form#dataset-edit button[name=save]")
        # the form comes back with its errors once the server has answered
        errors = WebDriverWait(session, 30).until(
            lambda s: s.find_elements(
                By.CSS_SELECTOR, ".error-explanation, .alert-error, .alert-danger"
            )
        )[0]
        assert "Código" in errors.text or "código" in errors.text, errors.text
        field_error = session.find_element(
            By.XPATH, "//*[@id='field-report_code']/ancestor::div[contains(@class,'form-group')]"
        )
        assert "error" in field_error.get_attribute("class")
        assert re.search(r"[Ff]alta|obligatori|vac[ií]o", field_error.text), field_error.text
        # what was typed is kept
        assert (
            session.find_element(By.NAME, "technology_name").get_attribute("value") == "Metformina"
        )
        assert not _problems(session, "/hta-report/new (with errors)")

        # a medicine also needs its WHO ATC code (a rule across fields)
        assert "ATC" in errors.text, errors.text
        fill({"report_code": "DP-PRUEBA-001-2026", "atc_codes": "A10BA02"})
        _click(session, "form#dataset-edit button[name=save]")
        WebDriverWait(session, 20).until(
            lambda s: (
                "/resource/new" in s.current_url
                or s.find_elements(By.CSS_SELECTOR, ".error-explanation")
            )
        )
        assert "/resource/new" in session.current_url, [
            e.text for e in session.find_elements(By.CSS_SELECTOR, ".error-explanation")
        ]
        # the second stage: a link to the report's PDF, then finish
        link_button = session.find_elements(
            By.CSS_SELECTOR, "#resource-link-button, a[title='Link'], .btn-remove-url"
        )
        for button in link_button[:1]:
            if button.is_displayed():
                button.click()
        url = session.find_element(By.ID, "field-resource-url")
        session.execute_script("arguments[0].removeAttribute('readonly')", url)
        url.send_keys("https://www.example.org/dp-prueba-001-2026.pdf")
        session.find_element(By.ID, "field-name").send_keys("Informe (PDF)")
        _click(session, "button[name=save][value=go-metadata]")
        WebDriverWait(session, 20).until(lambda s: "/resource/new" not in s.current_url)
        assert (
            "Evaluación de prueba en el navegador" in session.find_element(By.TAG_NAME, "h1").text
        )
        assert "A favor" in session.find_element(By.CSS_SELECTOR, ".hta-recommendation").text


def test_a_box_drawn_on_the_map_searches_that_area(portal):
    with chromium(DESKTOP) as session:
        session.get(portal + "/environmental-data/")
        WebDriverWait(session, 30).until(
            lambda s: s.find_elements(By.CSS_SELECTOR, ".leaflet-control-custom-button")
        )
        session.find_element(By.CSS_SELECTOR, ".leaflet-control-custom-button").click()
        draw_map = WebDriverWait(session, 20).until(
            lambda s: [m for m in s.find_elements(By.ID, "draw-map-container") if m.is_displayed()]
        )[0]
        WebDriverWait(session, 20).until(
            lambda s: (
                s.find_elements(By.CSS_SELECTOR, "#draw-map-container .leaflet-draw-tooltip")
                or s.find_elements(By.CSS_SELECTOR, "#draw-map-container path")
            )
        )
        ActionChains(session).move_to_element_with_offset(
            draw_map, -60, -60
        ).click_and_hold().move_by_offset(120, 120).release().perform()
        apply = session.find_element(By.CSS_SELECTOR, ".modal .apply")
        WebDriverWait(session, 10).until(lambda s: "disabled" not in apply.get_attribute("class"))
        assert apply.text  # a named button, in the page's language
        apply.click()
        WebDriverWait(session, 20).until(lambda s: "ext_bbox=" in s.current_url)
        box = [
            float(v)
            for v in parse_qs(urlsplit(session.current_url).query)["ext_bbox"][0].split(",")
        ]
        west, south, east, north = box
        assert -82 < west < east < -68 and -19 < south < north < 1, box  # inside Peru's map
        assert session.find_element(By.ID, "pe-results-count").text


def test_the_language_switch_in_the_footer(portal):
    with chromium(DESKTOP) as session:
        session.get(portal + "/scholarship/")
        assert session.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
        switch = Select(session.find_element(By.CSS_SELECTOR, "form.lang-select select"))
        values = [o.get_attribute("value") or "" for o in switch.options]
        english = next(v for v in values if "/en/" in v)
        switch.select_by_value(english)
        WebDriverWait(session, 20).until(lambda s: "/en/" in s.current_url)
        assert session.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
        assert "scholarships and loans" in session.find_element(By.ID, "pe-results-count").text
        switch = Select(session.find_element(By.CSS_SELECTOR, "form.lang-select select"))
        values = [o.get_attribute("value") or "" for o in switch.options]
        spanish = next(v for v in values if "/en/" not in v and v)
        switch.select_by_value(spanish)
        WebDriverWait(session, 20).until(lambda s: "/en/" not in s.current_url)
        assert "becas y créditos" in session.find_element(By.ID, "pe-results-count").text


def test_a_maps_popup_shows_a_features_properties_as_text(portal):
    """A GeoJSON property holding HTML is shown, not run (ckanext-geoview wrote it as HTML)."""
    import io
    import json

    import requests
    from ckan.tests.helpers import call_action

    hostile = "<img src=x onerror=\"document.title='PWNED'\">"
    content = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [-77.03, -12.05]},
                    "properties": {"nombre": hostile},
                }
            ],
        }
    ).encode()
    dataset = call_action("package_show", id="ruido-ambiental-lima-metropolitana")
    # through the served portal's API, as a publisher does (its links carry its address)
    token = call_action(
        "api_token_create", {"user": ADMIN, "ignore_auth": True}, user=ADMIN, name="mapa"
    )["token"]
    created = requests.post(
        f"{portal}/api/3/action/resource_create",
        data={"package_id": dataset["id"], "name": "Puntos con nombres", "format": "GeoJSON"},
        files={"upload": ("puntos.geojson", io.BytesIO(content))},
        headers={"Authorization": token},
        timeout=60,
    )
    assert created.status_code == 200, created.text
    resource = created.json()["result"]
    (view,) = call_action("resource_view_list", id=resource["id"])
    with chromium(DESKTOP) as session:
        session.get(f"{portal}/dataset/{dataset['id']}/resource/{resource['id']}/view/{view['id']}")
        marker = WebDriverWait(session, 30).until(
            lambda s: s.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon")
        )[0]
        marker.click()
        # the popup fades in; its text counts once it shows (opacity above 0)
        popup = WebDriverWait(session, 10).until(
            lambda s: [
                td
                for td in s.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content td")
                if td.is_displayed()
            ]
        )[0]
        assert popup.text == hostile
        assert not session.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content img")
        assert session.title != "PWNED"
