"""/<type>/export.csv: one writer (ckanext/pe_catalog/export.py) for every type,
the same as `ckan pe-catalog export`, and it loads back with `pe-catalog import`."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from ckan.tests.helpers import call_action
from ckan.types import Context

from ckanext.pe_catalog import bulk, export
from harness.sample import DATASET_TYPES

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _rows(app, dataset_type: str, **query) -> tuple[list[str], list[dict[str, str]]]:
    response = app.get(f"/{dataset_type}/export.csv", query_string=query)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert f'filename="{dataset_type}.csv"' in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    header = next(csv.reader(io.StringIO(text)))
    return header, list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_every_type_exports_its_search_with_the_cli_columns(app, create_as_editor, dataset_type):
    create = create_as_editor(dataset_type, "uno")
    create("uno")
    # an HTA report's code is unique within its organization
    other = {"report_code": "INS-2024-99"} if dataset_type == "hta-report" else {}
    create("privado", private=True, **other)

    header, rows = _rows(app, dataset_type)

    assert header == export.columns(dataset_type)
    assert header[-2:] == ["private", "resources"]
    # anonymous: the private dataset is not there
    assert [r["name"] for r in rows] == ["uno"]
    assert rows[0]["private"] == "false"


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_every_search_page_links_the_export_of_its_query(app, dataset_type):
    soup = BeautifulSoup(
        app.get(f"/{dataset_type}/", query_string={"q": "agua"}).body, "html.parser"
    )
    link = soup.select_one("#pe-export-csv")
    assert link["href"] == f"/{dataset_type}/export.csv?q=agua"
    assert link.get_text(strip=True) == "Descargar estos resultados (CSV)"


def test_a_type_outside_the_suite_has_no_export(app):
    soup = BeautifulSoup(app.get("/dataset/").body, "html.parser")
    assert soup.select_one("#pe-export-csv") is None


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_the_web_export_loads_back_unchanged(
    app, create_as_editor, editor_org, tmp_path, dataset_type
):
    create = create_as_editor(dataset_type, "uno")
    before = create("uno")
    response = app.get(f"/{dataset_type}/export.csv")
    path = tmp_path / "export.csv"
    path.write_bytes(response.get_data())

    records = bulk.read(str(path), dataset_type, "csv")
    context: Context = {"user": editor_org["user"]["name"]}
    outcome = bulk.load(records, dataset_type, lambda: context.copy())

    assert (outcome.created, outcome.updated, outcome.rejections) == (0, 1, [])
    after = call_action("package_show", id="uno")
    ignored = {"metadata_modified", "revision_id", "resources"}
    assert {k: v for k, v in after.items() if k not in ignored} == {
        k: v for k, v in before.items() if k not in ignored
    }


def test_an_exported_dataset_loads_back_with_its_uploaded_file_and_its_links(
    app, create_as_editor, editor_org, tmp_path
):
    """The export names an uploaded file by its download address: loaded back,
    the resource stays the same upload (its id, file and DataStore table), and
    a link keeps its id; it became a link to a deleted file."""
    from werkzeug.datastructures import FileStorage

    create = create_as_editor("hta-report", "con-archivo")
    dataset = create("con-archivo")
    context: Context = {"user": editor_org["user"]["name"]}
    upload = FileStorage(
        io.BytesIO(b"%PDF-1.4 informe"), filename="informe.pdf", content_type="application/pdf"
    )
    uploaded = call_action(
        "resource_create",
        context.copy(),
        package_id=dataset["id"],
        name="Informe",
        format="PDF",
        upload=upload,
    )
    before = call_action("package_show", id="con-archivo")["resources"]
    assert any(r["url_type"] == "upload" for r in before)

    path = tmp_path / "export.csv"
    path.write_bytes(app.get("/hta-report/export.csv").get_data())
    outcome = bulk.load(bulk.read(str(path), "hta-report", "csv"), "hta-report", context.copy)
    assert (outcome.updated, outcome.rejections) == (1, [])

    after = call_action("package_show", id="con-archivo")["resources"]
    assert [(r["id"], r["url_type"], r["url"]) for r in after] == [
        (r["id"], r["url_type"], r["url"]) for r in before
    ]
    download = app.get(uploaded["url"].replace("http://test.ckan.net", ""))
    assert download.status_code == 200 and download.get_data() == b"%PDF-1.4 informe"
