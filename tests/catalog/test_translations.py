"""Every translation the suite ships is checked, never guessed.

A translation whose placeholders differ from its source string's fails when
the page formats it (``"{num}"`` given ``number=``: a 500 on every search
page in Spanish). A fuzzy entry, or one still carrying the previous source
string the catalog merge matched it from (``#| msgid``), is a guess.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polib
import pytest

from harness.sample import dataset_dict

I18N = Path(__file__).resolve().parents[2] / "ckanext" / "pe_catalog" / "i18n"
PO_FILES = sorted(I18N.glob("*/LC_MESSAGES/*.po"))

# str.format fields ({name}, {0}, {name!r:>3}) and %-style ones (%(name)s, %s, %d)
_BRACE = re.compile(r"(?<!\{)\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_PERCENT = re.compile(r"%(?:\(([^)]+)\))?[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]")


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted (their order may change in translation)."""
    brace = [f"{{{m}}}" for m in _BRACE.findall(text)]
    percent = [f"%({m.group(1)})" if m.group(1) else m.group(0) for m in _PERCENT.finditer(text)]
    return sorted(brace + percent)


# Jinja's gettext (CKAN's templates) %-formats every message, so a lone "%"
# ("{rate} % a year") is read as a conversion ("% a") and breaks the page
_LONE_PERCENT = re.compile(r"%(?!%|\(|[sd])")  # %s, %d: Python-side messages (validators)


def entry_problems(entry: polib.POEntry) -> list[str]:
    problems = []
    texts = [entry.msgid, entry.msgid_plural, entry.msgstr, *entry.msgstr_plural.values()]
    if any(_LONE_PERCENT.search(t) for t in texts if t):
        problems.append("a lone % sign (write the number with its sign as a placeholder)")
    if "fuzzy" in entry.flags:
        problems.append("fuzzy (a guess of the catalog merge)")
    if entry.previous_msgid or entry.previous_msgid_plural:
        problems.append(f"merged from another message ({entry.previous_msgid!r})")
    sources = [entry.msgid] if not entry.msgid_plural else [entry.msgid, entry.msgid_plural]
    wanted = placeholders(entry.msgid_plural or entry.msgid)
    translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
    for text in translations:
        if text and placeholders(text) not in (wanted, *(placeholders(s) for s in sources)):
            problems.append(f"placeholders {placeholders(text)} in {text!r}, source has {wanted}")
    return problems


def test_there_are_catalogs_to_check():
    assert [p.parent.parent.name for p in PO_FILES] == ["es"]


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_every_translation_keeps_the_placeholders_and_none_is_guessed(po_file):
    catalog = polib.pofile(str(po_file))
    problems = {entry.msgid: entry_problems(entry) for entry in catalog if not entry.obsolete}
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_check_catches_the_kind_of_entry_that_broke_the_search_pages():
    entry = polib.POEntry(
        msgid="{number} dataset found",
        msgid_plural="{number} datasets found",
        msgstr_plural={0: "{num} conjunto de datos", 1: "{num} conjuntos de datos"},
    )
    guessed = polib.POEntry(msgid="Relevance", msgstr="Reemplaza a", previous_msgid="Replaces")

    assert entry_problems(entry)
    assert entry_problems(guessed) == ["merged from another message ('Replaces')"]
    assert placeholders("%(count)s de {total}") == ["%(count)", "{total}"]
    assert entry_problems(polib.POEntry(msgid="at {rate} % a year", msgstr="a {rate} % anual"))


def test_make_i18n_never_merges_a_guess():
    setup_cfg = (I18N.parent.parent.parent / "setup.cfg").read_text()
    update = setup_cfg.split("[update_catalog]")[1].split("[")[0]
    assert re.search(r"^no_fuzzy_matching\s*=\s*true", update, re.MULTILINE)


def test_every_entry_has_its_spanish():
    """An empty msgstr is English on a Spanish page (and hides core's Spanish, if any)."""
    catalog = polib.pofile(str(I18N / "es" / "LC_MESSAGES" / "ckanext-pe_catalog.po"))
    empty = [
        entry.msgid
        for entry in catalog
        if not entry.obsolete
        and (
            not entry.msgstr
            if not entry.msgid_plural
            else not all(entry.msgstr_plural.get(i) for i in (0, 1))
        )
    ]
    assert empty == []


def test_make_i18n_keeps_every_entry(tmp_path):
    """update_catalog drops what extraction does not find: every entry has its marker.

    An entry for a message of CKAN core or another extension lives on only
    through its N_() marker in ckanext/pe_catalog/i18n/core_overrides.py.
    """
    import subprocess
    import sys

    pot = tmp_path / "fresh.pot"
    root = I18N.parent.parent.parent
    subprocess.run(
        [sys.executable, "setup.py", "-q", "extract_messages", "--output-file", str(pot)],
        cwd=root,
        check=True,
        capture_output=True,
    )
    extracted = {entry.msgid for entry in polib.pofile(str(pot))}
    catalog = polib.pofile(str(I18N / "es" / "LC_MESSAGES" / "ckanext-pe_catalog.po"))
    assert {e.msgid for e in catalog if not e.obsolete} - extracted == set()


# --- No page of the suite shows a message that has no Spanish -----------------

CKAN_POT = Path(polib.__file__).parent / "ckan" / "i18n" / "ckan.pot"
DCAT_POT = Path(polib.__file__).parent / "ckanext" / "dcat" / "i18n" / "ckanext-dcat.pot"
# Identical in Spanish, or a name: not a missing translation
SAME_IN_SPANISH = {
    "API": "the acronym",
    "CSV": "a format's name",
    "PDF": "a format's name (the PDF preview's tab)",
    "GeoJSON": "a format's name (the map preview's tab)",
    "DataStore": "the component's name, as Spanish-speaking CKAN portals call it",
    "URL": "the acronym, used as such in Spanish",
    "URL:": "the acronym, used as such in Spanish",
    "Token": "the word Spanish-speaking developers use (API tokens)",
    "Error": "the same word",
    "Error %(error_code)s": "the same words",
    "Facebook": "a brand",
    "X": "a brand",
    "1.0": "a version number (placeholder of the version field)",
    "CKAN Association": "an organization's name (footer)",
    "CKAN": "the software's name",
    "CKAN API": "the software's name",
}


def _messages_of_other_catalogs() -> dict[str, str]:
    """English msgid -> catalog, for every catalog whose messages the pages show."""
    import ckanext.geoview as geoview
    import ckanext.scheming as scheming
    import ckanext.spatial as spatial
    import ckanext.xloader as xloader
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from werkzeug.exceptions import default_exceptions

    messages: dict[str, str] = {}
    for domain, pot in [
        ("ckan", CKAN_POT),
        ("ckanext-dcat", DCAT_POT),
        ("ckanext-pe_catalog", I18N / "ckanext-pe_catalog.pot"),
    ]:
        for entry in polib.pofile(str(pot)):
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                messages.setdefault(msgid, domain)
    # scheming, spatial, geoview and xloader ship no catalog: their messages
    # come from their sources
    method_map = [
        ("**/templates/**.html", "ckan"),
        ("**/tests/**", "ignore"),
        ("**.py", "python"),
        ("**.js", "javascript"),
    ]
    for module in (scheming, spatial, geoview, xloader):
        folder = Path(str(module.__file__)).parent
        for _file, _line, msgid, _comments, _context in extract_from_dir(
            str(folder), method_map, keywords=DEFAULT_KEYWORDS
        ):
            for text in msgid if isinstance(msgid, tuple) else (msgid,):
                if text:
                    messages.setdefault(text, folder.name)
    # the names and descriptions of error pages
    for exception in default_exceptions.values():
        messages.setdefault(exception().name, "werkzeug")
        assert exception.description is not None, exception  # each of werkzeug's has one
        messages.setdefault(exception.description, "werkzeug")
    return messages


_PLACEHOLDER = re.compile(r"(%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\})")
# a count is digits: "{number} views" is not "Has views"
_COUNT = re.compile(r"\{(?:num|number|count|n)\}|%\((?:num|number|count|n)\)[sd]|%d")


def _matcher(messages: dict[str, str]) -> Any:
    exact = {" ".join(m.split()): m for m in messages}
    patterns = []
    for message in messages:
        parts = _PLACEHOLDER.split(" ".join(message.split()))
        literal = "".join(parts[::2])
        if len(parts) > 1 and len(literal.strip(" :-.")) >= 4:
            regex = "".join(
                re.escape(p) if i % 2 == 0 else r"[\d.,\xa0 ]+" if _COUNT.match(p) else ".+"
                for i, p in enumerate(parts)
            )
            patterns.append((re.compile(f"^{regex}$", re.S), message))

    def match(text: str) -> str | None:
        if text in exact:
            return exact[text]
        for pattern, message in patterns:
            if pattern.match(text):
                return message
        return None

    return match


_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-bs-title", "data-module-content")


def page_texts(html: str) -> set[str]:
    """What a person reads or hears: text nodes, and the attributes shown or spoken."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "textarea", "template"]):
        tag.decompose()
    texts = {" ".join(s.split()) for s in soup.find_all(string=True) if s.strip()}
    for tag in soup.find_all(True):
        texts.update(" ".join(str(tag[a]).split()) for a in _ATTRIBUTES if tag.get(a))
        if tag.name in ("input", "button") and tag.get("type") in ("submit", "button"):
            texts.add(" ".join(str(tag.get("value", "")).split()))
    pieces = set()
    for text in filter(None, texts):
        # "Label: message" of form errors, "Page - Site" of titles
        pieces.add(text)
        pieces.update(p.strip() for p in re.split(r": | - ", text) if p.strip())
    return pieces


def _untranslated(translations: Any, message: str, plurals: dict[str, str]) -> bool:
    if message in plurals.values() or message in plurals:
        singular = (
            message if message in plurals else next(s for s, p in plurals.items() if p == message)
        )
        return translations.ngettext(singular, plurals[singular], 2) == plurals[singular] or (
            translations.ngettext(singular, plurals[singular], 1) == singular
        )
    return translations.gettext(message) == message


@pytest.fixture
def sample_catalog(cli):
    from ckan.cli.cli import ckan

    seeded = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert seeded.exit_code == 0, seeded.output


def _pages(call_action: Any) -> list[str]:
    pages = [
        "/",
        "/dataset/",
        "/dataset/?q=agua&sort=title_string+asc",
        "/about",
        "/organization/",
        "/group/",
        "/user/login",
        "/user/register",
        "/no-such-page",
        "/dataset/no-such-dataset",
        "/organization/no-such-organization",
    ]
    for dataset_type in ("hta-report", "scholarship", "environmental-data"):
        found = call_action("package_search", fq=f"dataset_type:{dataset_type}", rows=1)
        pkg = found["results"][0]
        pages += [
            f"/{dataset_type}/",
            f"/{dataset_type}/?q=a&tags={pkg['tags'][0]['name'] if pkg['tags'] else 'x'}",
            f"/{dataset_type}/{pkg['name']}",
            f"/{dataset_type}/new",
            f"/{dataset_type}/edit/{pkg['name']}",
            f"/{dataset_type}/groups/{pkg['name']}",
            f"/dataset/activity/{pkg['name']}",
        ]
        if dataset_type == "environmental-data":  # a table and a map
            pkg = call_action("package_show", id="calidad-agua-bahia-interior-puno")
        for resource in pkg["resources"]:
            pages += [
                f"/{dataset_type}/{pkg['name']}/resource/{resource['id']}",
                f"/{dataset_type}/{pkg['name']}/resource/{resource['id']}/edit",
            ]
            # each preview (the PDF, the map) as its frame shows it
            pages += [
                f"/dataset/{pkg['id']}/resource/{resource['id']}/view/{view['id']}"
                for view in call_action("resource_view_list", id=resource["id"])
            ]
    org = call_action("organization_list", limit=1)[0]
    group = call_action("group_list", limit=1)[0]
    pages += [
        f"/organization/{org}",
        f"/organization/about/{org}",
        f"/organization/activity/{org}",
        f"/group/{group}",
        f"/group/about/{group}",
        "/organization/new",
        "/group/new",
    ]
    return pages


def _dataset_without_groups(call_action: Any, user: str) -> str:
    """The groups page of a dataset in no group ("There are no groups...")."""
    org = call_action("organization_list", limit=1)[0]
    data = dataset_dict("hta-report", org, name="sin-grupos", report_code="INS-2099-01")
    call_action("package_create", context={"user": user}, **data)
    return "/hta-report/groups/sin-grupos"


def _datastore_tab(call_action: Any) -> str:
    pkg = call_action("package_show", id="calidad-agua-bahia-interior-puno")
    table = next(r for r in pkg["resources"] if r["format"] == "CSV")
    return f"/dataset/{pkg['name']}/resource_data/{table['id']}"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "sample_catalog")
def test_no_page_shows_a_message_without_its_spanish(app):
    import flask_babel
    from ckan.tests import factories
    from ckan.tests.helpers import call_action

    admin = factories.SysadminWithToken()
    roles = {"anonymous": {}, "sysadmin": {"Authorization": admin["token"]}}
    pages = _pages(call_action)
    seen: dict[str, set[str]] = {}
    for role, headers in roles.items():
        for url in [
            *pages,
            *(
                [
                    f"/user/{admin['name']}",
                    "/dashboard/datasets",
                    "/ckan-admin",
                    "/ckan-admin/trash",
                    f"/user/edit/{admin['name']}",
                    # met in English by the fresh-user try of issue 15
                    f"/organization/members/{call_action('organization_list', limit=1)[0]}",
                    f"/group/members/{call_action('group_list', limit=1)[0]}",
                    _dataset_without_groups(call_action, admin["name"]),
                    # ckanext-xloader's DataStore tab of a table
                    _datastore_tab(call_action),
                ]
                if role == "sysadmin"
                else []
            ),
        ]:
            response = app.get(url, headers=headers, status=None)
            assert response.status_code < 500, (role, url)
            for text in page_texts(response.get_data(as_text=True)):
                seen.setdefault(text, set()).add(f"{role} {url}")
    # forms sent with errors: validation messages
    org = call_action("organization_list", limit=1)[0]
    for dataset_type in ("hta-report", "scholarship", "environmental-data"):
        response = app.post(
            f"/{dataset_type}/new",
            data={"save": "", "name": "Not A Valid Name!", "title": "", "owner_org": org},
            headers=roles["sysadmin"],
        )
        body = response.get_data(as_text=True)
        assert "error-explanation" in body, dataset_type
        for text in page_texts(body):
            seen.setdefault(text, set()).add(f"form {dataset_type}/new")
    response = app.post(
        "/organization/new", data={"save": "", "name": org, "title": "x"}, headers=roles["sysadmin"]
    )
    for text in page_texts(response.get_data(as_text=True)):
        seen.setdefault(text, set()).add("form organization/new")

    messages = _messages_of_other_catalogs()
    plurals = {}
    for pot in (CKAN_POT, DCAT_POT, I18N / "ckanext-pe_catalog.pot"):
        plurals.update({e.msgid: e.msgid_plural for e in polib.pofile(str(pot)) if e.msgid_plural})
    match = _matcher(messages)
    with app.flask_app.test_request_context("/"):
        translations = flask_babel.get_translations()
        assert flask_babel.get_locale().language == "es"
        english = {}
        for text, where in seen.items():
            message = match(text)
            if message is None or message in SAME_IN_SPANISH:
                continue
            if _untranslated(translations, message, plurals):
                english[f"{text!r} ({messages[message]}: {message!r})"] = sorted(where)[:2]
    assert english == {}


def test_the_check_finds_english_in_a_page():
    texts = page_texts(
        "<title>Scholarship - Datos</title><p>Niveles: Select at least one</p>"
        '<a aria-label="Filter by: Etiquetas">x</a><input type="submit" value="Unpublish">'
    )
    assert {"Scholarship", "Select at least one", "Filter by: Etiquetas", "Unpublish"} <= texts
    match = _matcher({"Filter by: {title}": "ckan", "{num}": "ckan", "Select at least one": "x"})
    assert match("Filter by: Etiquetas") == "Filter by: {title}"
    assert match("Select at least one") == "Select at least one"
    assert match("12") is None  # a bare placeholder matches nothing


@pytest.mark.usefixtures("with_plugins")
def test_the_suites_catalog_overrides_core_and_the_javascript_catalog(app):
    """CKAN merges core's catalog first and ours last: our Spanish wins, in pages and in JS."""
    import json

    from ckan.lib.i18n import build_js_translations, get_js_translations_dir

    assert "Iniciar sesión" in app.get("/user/login").get_data(as_text=True)  # core: "Conectarse"
    # /api/i18n/es serves the file `ckan run` builds: build it as the server does
    js_file = Path(get_js_translations_dir()) / "es.js"
    if js_file.exists():
        js_file.unlink()
    build_js_translations()
    served = json.loads(app.get("/api/i18n/es").get_data(as_text=True))
    assert served["File"] == [None, "Archivo"]  # core: "Fichero"
    assert served["Upload a file on your computer"] == [
        None,
        "Subir un archivo desde su computadora",
    ]
