"""The DataStore as a user meets it: a CSV uploaded to an environmental dataset
is loaded by CKAN's job worker (ckanext-xloader), answers datastore_search and
datastore_search_sql with typed columns, previews as a table; PDF and GeoJSON
resources preview in the page; a private dataset's rows stay private.

The portal runs under gunicorn on a free port (xloader downloads the file from
it and reports back to its API), and the worker is ``ckan jobs worker --burst``
on the same configuration: no part of the loading is simulated.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from harness import wsgi_server
from harness.instance import free_port
from harness.sample import dataset_dict

ROOT = Path(__file__).resolve().parents[2]
CKAN = str(Path(sys.executable).with_name("ckan"))

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

MONITORING_CSV = (
    "estacion,fecha,parametro,valor,unidad\n"
    "RIM-01,2024-01-15,Plomo total,0.012,mg/L\n"
    "RIM-01,2024-02-15,Plomo total,0.0305,mg/L\n"
    "RIM-02,2024-01-16,pH,7.41,unidad de pH\n"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GEOJSON = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-77.03, -12.05]},
                "properties": {"estacion": "RIM-01"},
            }
        ],
    }
)


@dataclass
class Portal:
    url: str
    ini: Path
    token: str  # a sysadmin's
    outsider: str  # a signed-in user of no organization

    def api(self, action: str, token: str | None = None, **data: Any) -> requests.Response:
        headers = {"Authorization": token} if token else {}
        return requests.post(
            f"{self.url}/api/3/action/{action}", json=data, headers=headers, timeout=30
        )

    def upload(
        self, package_id: str, name: str, fmt: str, filename: str, content: bytes | str
    ) -> dict:
        body = content.encode() if isinstance(content, str) else content
        response = requests.post(
            f"{self.url}/api/3/action/resource_create",
            data={"package_id": package_id, "name": name, "format": fmt},
            files={"upload": (filename, io.BytesIO(body))},
            headers={"Authorization": self.token},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return response.json()["result"]

    def run_worker(self) -> str:
        """Run the job worker until the queue is empty; its log."""
        done = subprocess.run(
            [CKAN, "-c", str(self.ini), "jobs", "worker", "--burst"],
            capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout + done.stderr


def _token(user: str) -> str:
    return call_action(
        "api_token_create", {"user": user, "ignore_auth": True}, user=user, name="t"
    )["token"]


@pytest.fixture
def portal(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Portal]:
    sysadmin = factories.Sysadmin()
    outsider = factories.User()
    site_user = call_action("get_site_user", {"ignore_auth": True})["name"]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    ini = tmp_path / "datastore.ini"
    ini.write_text(
        "[app:main]\n"
        # the configuration this test session runs with (its database, Solr, Redis)
        f"use = config:{Path(str(request.config.getoption('ckan_ini'))).resolve()}\n"
        f"ckan.site_url = {url}\n"
        f"ckanext.xloader.api_token = {_token(site_user)}\n"
    )
    log = (tmp_path / "gunicorn.log").open("w")
    server = wsgi_server.start(ini, port, workers=2, log=log)
    try:
        wsgi_server.wait_until_up(url, server)
        yield Portal(url, ini, _token(sysadmin["name"]), _token(outsider["name"]))
    finally:
        wsgi_server.stop(server)
        log.close()


def _dataset(portal: Portal, name: str, **overrides: object) -> dict:
    org = factories.Organization(name=f"org-{name}")
    response = portal.api(
        "package_create",
        portal.token,
        **dataset_dict("environmental-data", org["id"], name, **overrides),
    )
    assert response.status_code == 200, response.text
    return response.json()["result"]


def _loaded_table(portal: Portal, name: str, private: bool = False) -> dict:
    dataset = _dataset(portal, name, private=private)
    resource = portal.upload(
        dataset["id"], "Resultados de monitoreo", "CSV", "resultados.csv", MONITORING_CSV
    )
    log = portal.run_worker()
    assert "Finished loading with tabulator" in log, log[-3000:]
    return resource


def test_uploaded_csv_is_loaded_by_the_worker_with_types_and_previews_as_a_table(portal):
    resource = _loaded_table(portal, "rimac-monitoreo")

    search = portal.api("datastore_search", resource_id=resource["id"], sort="_id")
    assert search.status_code == 200, search.text
    result = search.json()["result"]
    assert result["total"] == 3
    types = {f["id"]: f["type"] for f in result["fields"]}
    assert types == {
        "_id": "int",
        "estacion": "text",
        "fecha": "timestamp",
        "parametro": "text",
        "valor": "numeric",
        "unidad": "text",
    }
    first = result["records"][0]
    assert (
        first["valor"] == 0.012
        and first["fecha"].startswith("2024-01-15")
        and first["estacion"] == "RIM-01"
    )

    # as a link: GET, as CKAN's API documentation shows it
    linked = requests.get(
        f"{portal.url}/api/3/action/datastore_search?resource_id={resource['id']}&limit=1",
        timeout=30,
    )
    assert (
        linked.status_code == 200 and linked.json()["result"]["records"][0]["estacion"] == "RIM-01"
    )
    sql_link = requests.get(
        f"{portal.url}/api/3/action/datastore_search_sql",
        params={"sql": f'SELECT COUNT(*) AS n FROM "{resource["id"]}"'},
        timeout=30,
    )
    assert sql_link.status_code == 200 and sql_link.json()["result"]["records"] == [{"n": 3}]

    numeric_filter = portal.api(
        "datastore_search", resource_id=resource["id"], filters={"parametro": "Plomo total"}
    )
    assert numeric_filter.json()["result"]["total"] == 2
    # a link's filters are JSON text, as CKAN documents them
    linked_filter = requests.get(
        f"{portal.url}/api/3/action/datastore_search",
        params={"resource_id": resource["id"], "filters": '{"parametro": "Plomo total"}'},
        timeout=30,
    )
    assert linked_filter.status_code == 200, linked_filter.text[:300]
    assert linked_filter.json()["result"]["total"] == 2
    table = resource["id"]
    sql = f'SELECT estacion, MAX(valor) AS maximo FROM "{table}" GROUP BY estacion ORDER BY 1'
    answer = portal.api("datastore_search_sql", sql=sql)
    assert answer.status_code == 200, answer.text
    assert answer.json()["result"]["records"] == [
        {"estacion": "RIM-01", "maximo": 0.0305},
        {"estacion": "RIM-02", "maximo": 7.41},
    ]

    shown = portal.api("resource_show", id=resource["id"]).json()["result"]
    assert shown["datastore_active"] is True
    views = portal.api("resource_view_list", id=resource["id"]).json()["result"]
    assert [v["view_type"] for v in views] == ["datatables_view"]
    page = requests.get(
        f"{portal.url}/dataset/{resource['package_id']}/resource/{resource['id']}", timeout=30
    )
    assert page.status_code == 200 and views[0]["id"] in page.text
    browser = requests.Session()  # the table's script asks for rows as the page's visitor
    view = browser.get(
        f"{portal.url}/dataset/{resource['package_id']}/resource/{resource['id']}/view/{views[0]['id']}",
        timeout=30,
    )
    soup = BeautifulSoup(view.text, "html.parser")
    headers = [th.get_text(strip=True) for th in soup.select("table thead th")]
    assert {"estacion", "fecha", "parametro", "valor", "unidad"} <= set(headers), headers
    csrf = soup.select_one('meta[name="_csrf_token"]')["content"]
    rows = browser.post(
        f"{portal.url}/datatables/ajax/{views[0]['id']}",
        data={"draw": "1", "start": "0", "length": "10", "search[value]": "", "_csrf_token": csrf},
        timeout=30,
    )
    assert rows.status_code == 200, rows.text[:500]
    assert rows.json()["recordsTotal"] == 3


def test_pdf_and_geojson_resources_preview_in_the_page(portal):
    dataset = _dataset(portal, "rimac-informes")
    pdf = portal.upload(dataset["id"], "Informe técnico", "PDF", "informe.pdf", PDF)
    geojson = portal.upload(dataset["id"], "Estaciones", "GeoJSON", "estaciones.geojson", GEOJSON)
    view_ids = {}
    for resource, view_type, marker in [
        (pdf, "pe_pdf_view", 'type="application/pdf"'),
        (geojson, "geojson_view", 'data-module="geojsonpreview"'),
    ]:
        views = portal.api("resource_view_list", id=resource["id"]).json()["result"]
        assert [v["view_type"] for v in views] == [view_type]
        view_ids[view_type] = views[0]["id"]
        for lang in ("", "/en"):
            view = requests.get(
                f"{portal.url}{lang}/dataset/{dataset['id']}/resource/{resource['id']}/view/{views[0]['id']}",
                timeout=30,
            )
            assert view.status_code == 200 and marker in view.text
            if view_type == "geojson_view":  # larger files are offered for download
                assert 'data-module-max_file_size="5000000"' in view.text
        download = requests.get(
            resource["url"].replace("http://test.ckan.net", portal.url), timeout=30
        )
        assert download.status_code == 200
    view = requests.get(
        f"{portal.url}/dataset/{dataset['id']}/resource/{pdf['id']}/view/{view_ids['pe_pdf_view']}",
        timeout=30,
    )
    soup = BeautifulSoup(view.text, "html.parser")
    assert str(soup.select_one("object")["data"]).endswith("/download/informe.pdf")
    assert "Descargar el PDF" in soup.select_one("object").get_text()


def test_a_private_datasets_rows_are_refused_to_whoever_cannot_see_it(portal):
    resource = _loaded_table(portal, "rimac-reservado", private=True)
    table = resource["id"]
    assert portal.api("datastore_search", portal.token, resource_id=table).status_code == 200
    for token in (None, portal.outsider):
        assert portal.api("datastore_search", token, resource_id=table).status_code == 403
        sql = portal.api("datastore_search_sql", token, sql=f'SELECT * FROM "{table}"')
        assert sql.status_code == 403, sql.text
        info = portal.api("datastore_info", token, id=table)
        assert info.status_code == 403, info.text
        page = requests.get(
            f"{portal.url}/dataset/{resource['package_id']}/resource/{table}",
            headers={"Authorization": token or ""},
            timeout=30,
        )
        assert page.status_code == 404
    # nor through SQL on the catalog's own tables: the read-only role cannot reach them
    leak = portal.api("datastore_search_sql", sql='SELECT name, private FROM "package"')
    assert leak.status_code in (403, 404, 409) and "rimac-reservado" not in leak.text


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=st.text(max_size=40),
    field=st.sampled_from(["estacion", "valor", "fecha", "nope", "_id", ""]),
    value=st.one_of(
        st.text(max_size=20), st.integers(), st.floats(allow_nan=False, allow_infinity=False)
    ),
    sort=st.text(max_size=20),
)
# a colon SQLAlchemy's text() took for a bind parameter (found by this test)
@example(q=":0", field="estacion", value="", sort="")
@example(q="agua :ab:cd", field="valor", value=1, sort="")
def test_hostile_datastore_queries_get_an_answer_never_a_server_error(
    portal, q, field, value, sort
):
    if not hasattr(portal, "table"):
        portal.table = _loaded_table(portal, "rimac-hostil")["id"]  # type: ignore[attr-defined]
    table = portal.table  # type: ignore[attr-defined]
    for data in (
        {"q": q},
        {"filters": {field: value}},
        {"sort": sort},
        {"q": {field: q}},
    ):
        response = portal.api("datastore_search", resource_id=table, **data)
        assert response.status_code in (200, 400, 409), (
            data,
            response.status_code,
            response.text[:300],
        )
    sql = portal.api(
        "datastore_search_sql", sql=f"SELECT * FROM \"{table}\" WHERE estacion = '{q}'"
    )
    assert sql.status_code in (200, 400, 403, 409), (q, sql.status_code, sql.text[:300])


def test_a_removed_resources_rows_go_with_it(portal):
    resource = _loaded_table(portal, "rimac-retirado")
    table = resource["id"]
    assert portal.api("datastore_search", resource_id=table).status_code == 200
    # a dataset update that leaves the resource out (as an import does)
    patched = portal.api("package_patch", portal.token, id=resource["package_id"], resources=[])
    assert patched.status_code == 200, patched.text
    for token in (None, portal.token):
        assert portal.api("datastore_search", token, resource_id=table).status_code == 404
        sql = portal.api("datastore_search_sql", token, sql=f'SELECT * FROM "{table}"')
        assert sql.status_code in (403, 404, 409) and "does not exist" in sql.text, sql.text
    # the table itself is gone, not only hidden
    assert portal.api("datastore_info", portal.token, id=table).status_code == 404


def test_bad_parameters_of_the_datastore_pages_and_api_are_the_requests_fault(portal):
    resource = _loaded_table(portal, "rimac-parametros")
    table = resource["id"]
    for action, data in [
        ("datastore_search", {"resource_id": table, "limit": [1]}),
        ("datastore_search", {"resource_id": table, "offset": "x"}),
        ("datastore_search", {"resource_id": table, "sort": {"a": 1}}),
        ("datastore_search", {"resource_id": table, "filters": "estacion"}),
        ("datastore_search", {"resource_id": table, "filters": "[1]"}),
        ("datastore_search_sql", {"sql": 123}),
        ("datastore_search_sql", {"sql": None}),
    ]:
        answer = portal.api(action, **data)
        assert answer.status_code == 409, (action, data, answer.status_code, answer.text[:300])
        assert answer.json()["error"]["__type"] == "Validation Error"
    slow = portal.api("datastore_search_sql", sql="SELECT pg_sleep(20)")
    assert slow.status_code in (403, 409), slow.text[:300]  # refused or stopped, never hung

    views = portal.api("resource_view_list", id=table).json()["result"]
    browser = requests.Session()
    page = browser.get(
        f"{portal.url}/dataset/{resource['package_id']}/resource/{table}/view/{views[0]['id']}",
        timeout=30,
    )
    csrf = BeautifulSoup(page.text, "html.parser").select_one('meta[name="_csrf_token"]')["content"]
    for form in (
        {"draw": "1", "start": "0", "length": "abc"},
        {"draw": "x", "start": "0", "length": "10"},
        {"draw": "1", "start": "0", "length": "10", "order[0][column]": "99"},
        {"draw": "1", "start": "0", "length": "10", "order[0][column]": "x"},
    ):
        answer = browser.post(
            f"{portal.url}/datatables/ajax/{views[0]['id']}",
            data={**form, "_csrf_token": csrf},
            timeout=30,
        )
        assert answer.status_code == 400, (form, answer.status_code)
        assert "La tabla no se puede leer con estos parámetros" in answer.text
    for query in ("format=bad", "fields=nope", "sort=nope", "language=klingon&q=x"):
        dump = requests.get(f"{portal.url}/datastore/dump/{table}?{query}", timeout=30)
        assert dump.status_code == 400, (query, dump.status_code)


def test_a_file_that_is_not_a_pdf_is_neither_previewed_nor_run_as_a_page(portal):
    dataset = _dataset(portal, "rimac-html")
    page = b"<html><body><script>alert(document.domain)</script></body></html>"
    html = portal.upload(dataset["id"], "Informe", "PDF", "informe.html", page)
    assert portal.api("resource_view_list", id=html["id"]).json()["result"] == []
    svg = portal.upload(
        dataset["id"],
        "Logo",
        "SVG",
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    )
    for resource in (html, svg):
        download = requests.get(
            resource["url"].replace("http://test.ckan.net", portal.url), timeout=30
        )
        assert download.status_code == 200
        assert download.headers["Content-Disposition"].startswith("attachment")
        assert download.headers["Content-Security-Policy"].startswith("sandbox")
        assert download.headers["X-Content-Type-Options"] == "nosniff"
    pdf = portal.upload(dataset["id"], "Informe real", "PDF", "informe.pdf", PDF)
    download = requests.get(pdf["url"].replace("http://test.ckan.net", portal.url), timeout=30)
    # a PDF still opens in the browser (the preview embeds it)
    assert download.headers["Content-Type"] == "application/pdf"
    assert not download.headers.get("Content-Disposition", "").startswith("attachment")


def test_an_empty_file_is_refused_with_a_clear_error(portal):
    dataset = _dataset(portal, "rimac-vacio")
    for language, message in [("", "El archivo está vacío"), ("/en", "The file is empty")]:
        response = requests.post(
            f"{portal.url}{language}/api/3/action/resource_create",
            data={"package_id": dataset["id"], "name": "Vacío", "format": "CSV"},
            files={"upload": ("vacio.csv", io.BytesIO(b""))},
            headers={"Authorization": portal.token},
            timeout=30,
        )
        assert response.status_code == 409, response.text
        assert message in response.json()["error"]["upload"][0]
    shown = portal.api("package_show", id=dataset["id"]).json()["result"]
    assert shown["resources"] == []  # nothing half-written
