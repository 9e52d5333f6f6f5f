"""QR codes of dataset and search pages, and the scholarship call's A4 poster.

Every PNG code is decoded back with a real decoder (zxing-cpp, on the pixels
of the PNG as served); an SVG code is compared with segno's own code of the
expected URL.
"""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import zxingcpp
from babel.support import Translations
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action
from freezegun import freeze_time

from ckanext.pe_catalog import qr
from harness.sample import CUSCO_POLYGON, DATASET_TYPES, dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

SITE = "http://test.ckan.net"  # ckan.site_url of the test configuration
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
I18N = Path(qr.__file__).parent / "i18n"
_TOKEN = re.compile(r"[\w\-]{20,}\.[\w\-]{4,}\.[\w\-]{20,}")  # itsdangerous's signed token


# --- helpers ----------------------------------------------------------------


def png_pixels(data: bytes) -> np.ndarray:
    """The pixels of a greyscale PNG (any bit depth up to 8, no interlace), 0-255."""
    assert data.startswith(PNG_SIGNATURE)
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    assert header is not None, "no IHDR chunk"
    width, height, depth, color, _, _, interlace = header
    assert color == 0 and interlace == 0 and depth <= 8, header
    raw = zlib.decompress(idat)
    stride = (width * depth + 7) // 8
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1 : at + 1 + stride])
        at += 1 + stride
        for i in range(stride):  # PNG filters, one byte per pixel group (bpp rounds up to 1)
            left = line[i - 1] if i else 0
            up, up_left = prev[i], prev[i - 1] if i else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        prev = line
    bits = np.unpackbits(np.frombuffer(b"".join(rows), np.uint8).reshape(height, stride), axis=1)
    if depth == 1:
        return (bits[:, :width] * 255).astype(np.uint8)
    return np.frombuffer(b"".join(rows), np.uint8).reshape(height, stride)[:, :width]


def decode_png(data: bytes) -> str:
    """The text of the one QR code in a PNG image."""
    results = zxingcpp.read_barcodes(
        png_pixels(data), formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    assert len(results) == 1, results
    return results[0].text


def spanish(msgid: str) -> str:
    """The Spanish catalog's text of ``msgid``; skips the test while it has none (the
    .po files are another engineer's: new texts wait in .state/qr-strings.tsv)."""
    catalog = Translations.load(str(I18N), ["es"], domain="ckanext-pe_catalog")
    text = catalog.gettext(msgid)
    if text == msgid:
        pytest.skip(f"no Spanish text yet for {msgid!r}")
    return text


def without_tokens(response: Any) -> str:
    """A page's HTML without its per-request CSRF token."""
    return _TOKEN.sub("", response.get_data(as_text=True))


@pytest.fixture
def create(editor_org):
    """``create(type, name, **overrides)``: a dataset of that type made by the editor."""

    def make(dataset_type: str, name: str, **overrides: Any) -> dict[str, Any]:
        data = dataset_dict(dataset_type, editor_org["org"]["id"], name=name, **overrides)
        data = {k: v for k, v in data.items() if v is not None}
        if dataset_type == "hta-report":
            data["report_code"] = f"RC {name}"  # unique in the catalog
        if dataset_type == "environmental-data":
            data["spatial"] = json.dumps(CUSCO_POLYGON)
        context = {"user": editor_org["user"]["name"], "ignore_auth": False}
        return call_action("package_create", context=context, **data)

    return make


@pytest.fixture
def editor_token(editor_org) -> str:
    user = editor_org["user"]["name"]
    return call_action("api_token_create", context={"user": user}, user=user, name="qr")["token"]


# --- the module ---------------------------------------------------------------


def test_codes_are_level_q_with_a_quiet_zone_and_print_size():
    url = f"{SITE}/scholarship/beca-18"
    code = qr.qr_code(url)
    assert code.error == "Q" and not code.is_micro
    png = qr.qr_png(url)
    width = struct.unpack(">I", png[16:20])[0]
    assert width == (code.symbol_size(scale=1, border=0)[0] + 2 * qr.BORDER) * qr.PNG_SCALE
    assert width >= 400  # 3.4 cm or more at 300 dpi
    assert b"pHYs" in png  # the resolution travels with the image
    assert decode_png(png) == url
    with pytest.raises(ValueError):
        qr.qr_png("x" * 3000)  # more than a code holds


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("q=beca&page=3&vocab_region=08", "q=beca&vocab_region=08"),
        ("q=&tags=a&tags=b", "tags=a&tags=b"),
        ("q=cr%C3%A9dito+Cusco", "q=cr%C3%A9dito+Cusco"),
        ("", ""),
    ],
)
def test_canonical_query_drops_page_and_empty_values(query, kept):
    assert qr.canonical_query(query) == kept


# --- dataset codes ------------------------------------------------------------


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_dataset_png_decodes_to_its_canonical_url(app, create, dataset_type):
    pkg = create(dataset_type, "qr-demo")
    response = app.get(f"/{dataset_type}/{pkg['id']}/qr.png")  # by id: the code names it by name

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.data.startswith(PNG_SIGNATURE)
    assert decode_png(response.data) == f"{SITE}/{dataset_type}/qr-demo"


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_dataset_svg_is_xml_of_the_same_code(app, create, dataset_type):
    create(dataset_type, "qr-demo")
    response = app.get(f"/{dataset_type}/qr-demo/qr.svg")

    assert response.headers["Content-Type"].startswith("image/svg+xml")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    root = ET.fromstring(response.data)
    assert root.tag == f"{SVG_NS}svg"
    url = f"{SITE}/{dataset_type}/qr-demo"
    assert root.find(f"{SVG_NS}title").text == url
    assert response.get_data(as_text=True) == qr.qr_svg(url)  # segno's code of the expected URL


def test_english_pages_get_the_english_url(app, create):
    create("scholarship", "beca-qr")
    png = app.get("/en/scholarship/beca-qr/qr.png").data
    assert decode_png(png) == f"{SITE}/en/scholarship/beca-qr"


def test_public_codes_are_cacheable_by_anyone_with_an_etag(app, create):
    create("scholarship", "beca-qr")
    response = app.get("/scholarship/beca-qr/qr.svg")
    assert "public" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = app.get("/scholarship/beca-qr/qr.svg", headers={"If-None-Match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize("state", ["private", "draft", "deleted"])
@pytest.mark.parametrize("ext", ["svg", "png"])
def test_hidden_datasets_answer_404_like_missing_ones(
    app, create, editor_org, editor_token, state, ext
):
    extra = {"private": True} if state == "private" else {}
    if state == "draft":
        extra = {"state": "draft"}
    pkg = create("scholarship", "beca-oculta", **extra)
    if state == "deleted":
        user = editor_org["user"]["name"]
        call_action("package_delete", context={"user": user}, id=pkg["id"])
    outsider = factories.UserWithToken()

    missing = app.get(f"/scholarship/no-existe/qr.{ext}", status=404)
    for ref in ("beca-oculta", pkg["id"]):
        anonymous = app.get(f"/scholarship/{ref}/qr.{ext}", status=404)
        # the same page as for a missing dataset, but for the id in its links
        assert without_tokens(anonymous) == without_tokens(missing).replace("no-existe", ref)
        app.get(
            f"/scholarship/{ref}/qr.{ext}",
            headers={"Authorization": outsider["token"]},
            status=404,
        )
    if state != "deleted":
        member = app.get(
            f"/scholarship/beca-oculta/qr.{ext}", headers={"Authorization": editor_token}
        )
        assert member.status_code == 200
        cache = member.headers["Cache-Control"]
        assert "public" not in cache and "no-store" in cache and "private" in cache
        assert "ETag" not in member.headers


def test_a_dataset_under_another_type_is_missing(app, create):
    create("scholarship", "beca-qr")
    app.get("/hta-report/beca-qr/qr.png", status=404)
    app.get("/organization/beca-qr/qr.png", status=404)


# --- search codes -------------------------------------------------------------


@pytest.mark.parametrize(("lang", "prefix"), [("", ""), ("/en", "/en")], ids=["spanish", "english"])
def test_search_png_decodes_to_the_search_url(app, lang, prefix):
    path = "/scholarship/?q=beca&vocab_region=08&page=2"
    response = app.get(f"{lang}/qr.png", query_string={"path": path})
    assert response.headers["Content-Type"] == "image/png"
    assert "public" in response.headers["Cache-Control"]
    assert decode_png(response.data) == f"{SITE}{prefix}/scholarship/?q=beca&vocab_region=08"


def test_search_svg_and_slashless_path(app):
    response = app.get("/qr.svg", query_string={"path": "/hta-report?q=pembrolizumab"})
    root = ET.fromstring(response.data)
    assert root.find(f"{SVG_NS}title").text == f"{SITE}/hta-report/?q=pembrolizumab"


@pytest.mark.parametrize(
    "path",
    [
        None,
        "",
        "https://example.org/scholarship/",
        "//example.org/scholarship/",
        "/\\example.org/scholarship/",
        "http:/scholarship/",
        "scholarship/",
        "/user/",
        "/api/3/action/package_search?q=beca",
        "/scholarship/beca-18",  # a dataset page has its own endpoint
        "/en/scholarship/",  # the language is the endpoint's own
        "/scholarship/?q=" + "a" * 2000,
        "/scholarship/\x00",
    ],
)
def test_anything_but_a_search_page_of_this_site_is_refused(app, path):
    query = {} if path is None else {"path": path}
    app.get("/qr.png", query_string=query, status=400)
    app.get("/qr.svg", query_string=query, status=400)


# --- pages --------------------------------------------------------------------


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_dataset_page_offers_the_code(app, create, dataset_type):
    create(dataset_type, "qr-demo")
    soup = BeautifulSoup(app.get(f"/en/{dataset_type}/qr-demo").body, "html.parser")

    block = soup.select_one(".pe-qr-module")
    assert "Share with a QR code" in block.get_text(" ", strip=True)
    image = block.select_one("img.pe-qr-image")
    assert image["alt"] == f"QR code of this page: {SITE}/en/{dataset_type}/qr-demo"
    assert "QR code of this page" in block.select_one("figcaption").get_text()
    links = {a["download"]: a["href"] for a in block.select("a[download]")}
    assert set(links) == {"qr-qr-demo.svg", "qr-qr-demo.png"}
    assert decode_png(app.get(links["qr-qr-demo.png"]).data) == f"{SITE}/en/{dataset_type}/qr-demo"
    assert app.get(image["src"]).headers["Content-Type"].startswith("image/svg+xml")
    poster = block.select_one("#pronabec-print")
    assert (poster is not None) == (dataset_type == "scholarship")


def test_scholarship_page_links_the_poster(app, create):
    create("scholarship", "beca-qr")
    soup = BeautifulSoup(app.get("/en/scholarship/beca-qr").body, "html.parser")
    link = soup.select_one("#pronabec-print")
    assert "Print poster" in link.get_text()
    assert link["href"] == "/en/scholarship/beca-qr/print"


def test_search_page_offers_the_code_of_the_search(app, create):
    create("scholarship", "beca-qr")
    page = app.get("/en/scholarship/", query_string={"q": "beca", "open_now": "true", "page": "1"})
    block = BeautifulSoup(page.body, "html.parser").select_one(".pe-qr-search")

    assert "Share this search with a QR code" in block.select_one("summary").get_text()
    expected = f"{SITE}/en/scholarship/?q=beca&open_now=true"
    assert block.select_one(".pe-qr-url").get_text() == expected
    png = next(
        str(a["href"]) for a in block.select("a[download]") if str(a["download"]).endswith(".png")
    )
    assert decode_png(app.get(png).data) == expected


def test_search_page_of_every_type_has_the_block(app):
    for dataset_type in DATASET_TYPES:
        soup = BeautifulSoup(app.get(f"/{dataset_type}/").body, "html.parser")
        assert str(soup.select_one(".pe-qr-search img")["src"]).startswith("/qr.svg?path=")


# --- the poster ---------------------------------------------------------------


@pytest.fixture
def call(create):
    return create(
        "scholarship",
        "beca-cusco",
        eligible_regions=["08", "21"],
        application_open_date="2026-12-01",
        application_close_date="2026-12-15",
        contact_email="becas@pronabec.gob.pe",
    )


def test_poster_in_english(app, call):
    with freeze_time("2026-12-10T15:00:00Z"):
        page = app.get("/en/scholarship/beca-cusco/print")
    soup = BeautifulSoup(page.body, "html.parser")
    text = soup.get_text(" ", strip=True)

    assert soup.select_one(".pe-poster h1").get_text(strip=True) == "Beca 18 - Convocatoria 2026"
    deadline = soup.select_one(".pe-poster-deadline")
    assert deadline["data-state"] == "open"
    assert "Applications close on December 15, 2026" in deadline.get_text(" ", strip=True)
    assert soup.select_one(".pe-poster-regions").get_text(strip=True) == "Cusco, Puno"
    for words in ("Who can apply", "Levels of study", "Undergraduate", "Benefits", "Tuition"):
        assert words in text
    apply = soup.select_one("#pe-poster-apply-link")
    assert apply["href"] == "https://www.pronabec.gob.pe/beca-18/"
    svg = soup.select_one(".pe-poster-qr svg")
    assert svg["role"] == "img"
    assert svg["aria-label"] == f"QR code of this page: {SITE}/en/scholarship/beca-cusco"
    assert f"{SITE}/en/scholarship/beca-cusco" in text
    style = " ".join(s.get_text() for s in soup.select("style"))
    assert "@page { size: A4;" in style and "@media print" in style
    # a poster, not a portal page: no site header, footer or navigation
    assert soup.select_one("header") is None and soup.select_one(".site-footer") is None
    assert soup.select_one(".masthead") is None


def test_poster_qr_is_the_code_of_the_canonical_url(app, call):
    page = app.get("/scholarship/beca-cusco/print")
    svg = BeautifulSoup(page.body, "html.parser").select_one(".pe-poster-qr svg")
    expected = qr.qr_code(f"{SITE}/scholarship/beca-cusco").svg_inline(
        scale=qr.SVG_SCALE, border=qr.BORDER, light="#fff", omitsize=True
    )
    modules = next(p for p in ET.fromstring(expected).iter("path") if p.get("class") == "qrline")
    assert svg.select_one("path.qrline")["d"] == modules.get("d")


def test_poster_in_spanish(app, call):
    with freeze_time("2026-12-20T15:00:00Z"):
        soup = BeautifulSoup(app.get("/scholarship/beca-cusco/print").body, "html.parser")
    assert soup.html["lang"] == "es"
    deadline = soup.select_one(".pe-poster-deadline")
    assert deadline["data-state"] == "closed"
    assert "Cerró el 15 de diciembre de 2026" in deadline.get_text(" ", strip=True)
    text = soup.get_text(" ", strip=True)
    for words in ("Niveles de estudio", "Pregrado universitario", "Dónde postular", "Cusco, Puno"):
        assert words in text  # the schema's labels and the region names
    assert spanish("Who can apply") in text
    assert spanish("QR code of this page") == "Código QR de esta página"
    assert "Código QR de esta página" in soup.select_one(".pe-poster-qr").get_text()
    assert spanish("Back to the call") in soup.select_one(".pe-print-toolbar").get_text()


def test_spanish_dataset_page(app, create):
    create("scholarship", "beca-qr")
    soup = BeautifulSoup(app.get("/scholarship/beca-qr").body, "html.parser")
    assert soup.select_one(".pe-qr-url").get_text() == f"{SITE}/scholarship/beca-qr"
    assert soup.select_one("#pronabec-print")["href"] == "/scholarship/beca-qr/print"
    block = soup.select_one(".pe-qr-module").get_text(" ", strip=True)
    assert spanish("Share with a QR code") in block  # "Compartir con (un) código QR"
    assert spanish("Print poster") == "Imprimir afiche"
    assert "Imprimir afiche" in block
    assert "Código QR de esta página" in block


@pytest.mark.parametrize("state", ["private", "draft"])
def test_hidden_call_has_no_poster(app, create, editor_token, state):
    extra = {"private": True} if state == "private" else {"state": "draft"}
    create("scholarship", "beca-oculta", **extra)
    outsider = factories.UserWithToken()
    app.get("/scholarship/beca-oculta/print", status=404)
    app.get(
        "/scholarship/beca-oculta/print", headers={"Authorization": outsider["token"]}, status=404
    )
    app.get("/scholarship/no-existe/print", status=404)
    member = app.get("/scholarship/beca-oculta/print", headers={"Authorization": editor_token})
    assert member.status_code == 200
