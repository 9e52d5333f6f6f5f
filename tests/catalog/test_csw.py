"""OGC CSW 2.0.2 at /csw (pycsw), read with OWSLib as a GeoNetwork harvester reads it.

The portal runs under gunicorn on test.ini; pycsw runs in its own virtualenv
and process (harness/pycsw_server.py, the same script as the portal's), on the
port test.ini names. Datasets are written through the action API; CKAN's job
worker (``ckan jobs worker --burst``) keeps the CSW's repository in step.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
import lxml.etree as etree
import pytest
import requests
from ckan.tests import factories
from ckan.tests.helpers import call_action
from owslib import fes
from owslib.catalogue.csw2 import CatalogueServiceWeb
from owslib.iso import MD_Metadata
from shapely.geometry import shape

from ckanext.pe_catalog.csw import repository, sync
from harness import wsgi_server
from harness.instance import free_port
from harness.pycsw_server import PycswServer
from harness.sample import CUSCO_POLYGON

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

ROOT = Path(__file__).resolve().parents[2]
GMD = "http://www.isotc211.org/2005/gmd"
NS = {"gmd": GMD, "gco": "http://www.isotc211.org/2005/gco"}


@pytest.fixture(scope="module")
def portal(pytestconfig: pytest.Config) -> Any:
    """The portal under gunicorn on this session's configuration."""
    ini = str(Path(str(pytestconfig.getoption("ckan_ini"))).resolve())
    port = free_port()
    logs = ROOT / ".state" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / "test-csw-gunicorn.log").open("ab") as log:
        server = wsgi_server.start(ini, port, workers=2, log=log)
        try:
            wsgi_server.wait_until_up(f"http://127.0.0.1:{port}", server)
            yield f"http://127.0.0.1:{port}"
        finally:
            wsgi_server.stop(server)


@pytest.fixture(scope="module")
def pycsw(portal: str) -> Any:
    """The tests' pycsw where the configuration names it (test.ini: port 8011,
    .state/pycsw-test), a fresh repository, advertising the portal's /csw."""
    port = urlsplit(tk.config["ckanext.pe_catalog.csw.url"]).port
    state = Path(tk.config["ckanext.pe_catalog.csw.manager_token_file"]).parent
    assert port and state.name, "ckanext.pe_catalog.csw.* are not set"
    shutil.rmtree(state, ignore_errors=True)
    server = PycswServer(state, port, f"{portal}/csw")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def csw(pycsw: Any, portal: str, worker: Any) -> Any:
    """An empty repository (earlier tests' records removed); OWSLib's client of /csw."""
    for identifier in sync.stored_identifiers():
        repository.delete(identifier)
    return lambda: CatalogueServiceWeb(f"{portal}/csw", timeout=60)


@pytest.fixture
def catalog(create_as_editor: Any, editor_org: dict[str, Any], worker: Any) -> dict[str, Any]:
    """Public environmental datasets, hidden ones, and another type; the job worker run."""
    create = create_as_editor("environmental-data", "x")
    public = {
        "cusco": create(
            "monitoreo-vilcanota",
            spatial=CUSCO_POLYGON,
            ubigeo=["08", "080101"],
            crs="EPSG:32719",
            update_frequency="mensual",
            environmental_components=["agua", "aire"],
            contact_email="datos@oefa.gob.pe",
            tag_string="río Vilcanota,calidad del agua",
            resources=[
                {"url": "https://geo.example.gob.pe/wms", "name": "Capa WMS", "format": "WMS"},
                {"url": "https://example.gob.pe/datos.csv", "name": "Datos", "format": "CSV"},
            ],
        ),
        "lima": create(
            "supervision-lima",
            title="Supervisión de emisiones atmosféricas en Lima",
            information_category="supervision",
            environmental_components=["aire"],
            spatial={
                "type": "Polygon",
                "coordinates": [
                    [[-77.2, -12.3], [-76.8, -12.3], [-76.8, -11.8], [-77.2, -11.8], [-77.2, -12.3]]
                ],
            },
            ubigeo=["15"],
            temporal_start_date="2015-01-01",
            temporal_end_date="2016-12-31",
        ),
    }
    editor = {"user": editor_org["user"]["name"]}
    hidden = {
        "private": create("privado-ambiental", private=True),
        "draft": create("borrador-ambiental", state="draft"),
        "deleted": create("borrado-ambiental"),
        "report": create_as_editor("hta-report", "informe")(),
    }
    call_action("package_delete", context=editor, id=hidden["deleted"]["id"])
    worker()
    return {"public": public, "hidden": hidden, "editor": editor}


@functools.cache
def iso19139_schema() -> etree.XMLSchema:
    """ISO 19139 (gmd with gmx, whose gmx:Anchor stands for a CharacterString),
    from the official schema files ckanext-spatial ships for its validators."""
    import ckanext.spatial

    base = Path(ckanext.spatial.__file__).parent / "validation" / "xml" / "iso19139"
    imports = "".join(
        f'<xs:import namespace="http://www.isotc211.org/2005/{ns}" '
        f'schemaLocation="{(base / ns / f"{ns}.xsd").as_uri()}"/>'
        for ns in ("gmd", "gmx")
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def iso_records(client: CatalogueServiceWeb, **kwargs: Any) -> dict[str, MD_Metadata]:
    client.getrecords2(outputschema=GMD, esn="full", maxrecords=100, **kwargs)
    return dict(client.records)


def test_capabilities_describe_a_read_only_csw_in_spanish(csw):
    client = csw()

    assert client.identification.type == "CSW"
    assert "2.0.2" in client.identification.version
    assert "Catálogo" in client.identification.title
    operations = {op.name for op in client.operations}
    assert {"GetCapabilities", "GetRecords", "GetRecordById", "DescribeRecord"} <= operations
    assert "Transaction" not in operations


def test_every_public_environmental_dataset_with_its_fields(csw, catalog):
    client = csw()
    found = iso_records(client)

    assert set(found) == {p["id"] for p in catalog["public"].values()}
    pkg = call_action("package_show", id=catalog["public"]["cusco"]["id"])
    record = found[pkg["id"]]
    identification = record.identification[0]
    assert record.identifier == pkg["id"]
    assert record.dataseturi == f"http://test.ckan.net/dataset/{pkg['id']}"
    assert identification.title == pkg["title"]
    assert identification.abstract == pkg["notes"]
    keywords = {
        k.thesaurus["title"] if k.thesaurus else None: [w.name for w in k.keywords]
        for k in identification.keywords
    }
    assert sorted(keywords[None]) == sorted(t["name"] for t in pkg["tags"])
    assert keywords["Componentes ambientales"] == ["Agua", "Aire"]
    assert keywords["UBIGEO (INEI)"] == ["Cusco", "Cusco, Cusco, Cusco"]
    # the components' topics, then the information category's
    assert identification.topiccategory == [
        "inlandWaters",
        "climatologyMeteorologyAtmosphere",
        "environment",
    ]
    (contact,) = identification.contact
    assert contact.organization == pkg["organization"]["title"]
    assert contact.email == "datos@oefa.gob.pe"
    box = identification.bbox
    assert (float(box.minx), float(box.miny), float(box.maxx), float(box.maxy)) == (
        -72.3,
        -13.8,
        -71.6,
        -13.3,
    )
    assert identification.temporalextent_start == pkg["temporal_start_date"]
    assert identification.temporalextent_end == pkg["temporal_end_date"]
    assert record.referencesystem.code == "urn:ogc:def:crs:EPSG:32719"
    assert [(o.url, o.protocol, o.name) for o in record.distribution.online] == [
        ("https://geo.example.gob.pe/wms", "OGC:WMS", "Capa WMS"),
        ("https://example.gob.pe/datos.csv", "WWW:DOWNLOAD-1.0-http--download", "Datos"),
    ]
    frequency = record.xml and etree.fromstring(record.xml).find(
        ".//gmd:resourceMaintenance//gmd:MD_MaintenanceFrequencyCode", NS
    )
    assert frequency is not None and frequency.get("codeListValue") == "monthly"


def test_dublin_core_too(csw, catalog):
    client = csw()
    client.getrecords2(esn="full", maxrecords=100)

    titles = {r.identifier: r.title for r in client.records.values()}
    assert titles == {p["id"]: p["title"] for p in catalog["public"].values()}


def test_get_record_by_id_and_never_a_hidden_one(csw, catalog):
    client = csw()
    cusco = catalog["public"]["cusco"]["id"]

    client.getrecordbyid(id=[cusco], outputschema=GMD)
    assert list(client.records) == [cusco]

    for hidden in catalog["hidden"].values():
        client.getrecordbyid(id=[hidden["id"]], outputschema=GMD)
        assert client.records == {}


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        (fes.PropertyIsLike("csw:AnyText", "%Vilcanota%"), {"cusco"}),
        (fes.PropertyIsLike("csw:AnyText", "%emisiones%"), {"lima"}),
        (fes.BBox([-13.9, -72.5, -13.0, -71.0], crs="urn:ogc:def:crs:EPSG::4326"), {"cusco"}),
        (fes.PropertyIsEqualTo("apiso:TopicCategory", "inlandWaters"), {"cusco"}),
        # pycsw 2.6 searches a record's first topic (the most specific)
        (
            fes.PropertyIsEqualTo("apiso:TopicCategory", "climatologyMeteorologyAtmosphere"),
            {"lima"},
        ),
        # every topic is in the record's text
        (
            fes.PropertyIsLike("csw:AnyText", "%climatologyMeteorologyAtmosphere%"),
            {"cusco", "lima"},
        ),
        (fes.PropertyIsLessThanOrEqualTo("apiso:TempExtent_end", "2017-01-01"), {"lima"}),
        (fes.PropertyIsGreaterThanOrEqualTo("apiso:TempExtent_begin", "2020-01-01"), {"cusco"}),
    ],
)
def test_filters(csw, catalog, constraint, expected):
    client = csw()
    found = iso_records(client, constraints=[constraint])
    assert set(found) == {catalog["public"][name]["id"] for name in expected}


def test_text_and_box_together(csw, catalog):
    client = csw()
    both = fes.And(
        [
            fes.PropertyIsLike("csw:AnyText", "%agua%"),
            fes.BBox([-13.9, -72.5, -13.0, -71.0], crs="urn:ogc:def:crs:EPSG::4326"),
        ]
    )
    assert set(iso_records(client, constraints=[both])) == {catalog["public"]["cusco"]["id"]}


def test_paging(csw, catalog):
    client = csw()
    pages = []
    for position in (1, 2):
        client.getrecords2(
            esn="brief",
            maxrecords=1,
            startposition=position,
            sortby=fes.SortBy([fes.SortProperty("dc:title", "ASC")]),
        )
        assert client.results["matches"] == 2 and client.results["returned"] == 1
        assert client.results["nextrecord"] == (2 if position == 1 else 0)
        pages.append(list(client.records))
    assert pages[0] != pages[1]
    assert set(pages[0] + pages[1]) == {p["id"] for p in catalog["public"].values()}


def test_follows_edits_privacy_deletion_and_purge_within_one_worker_cycle(csw, catalog, worker):
    client = csw()
    cusco, lima = catalog["public"]["cusco"]["id"], catalog["public"]["lima"]["id"]
    sysadmin = {"user": factories.Sysadmin()["name"]}

    call_action("package_patch", sysadmin, id=cusco, title="Monitoreo con título nuevo")
    call_action("package_patch", sysadmin, id=lima, private=True)
    worker()
    found = iso_records(client)
    assert {k: v.identification[0].title for k, v in found.items()} == {
        cusco: "Monitoreo con título nuevo"
    }

    call_action("package_patch", sysadmin, id=lima, private=False)
    call_action("package_delete", sysadmin, id=cusco)
    worker()
    assert set(iso_records(client)) == {lima}

    call_action("dataset_purge", sysadmin, id=lima)
    worker()
    assert iso_records(client) == {}


def test_an_organization_renamed_reaches_the_records(csw, catalog, worker):
    org = catalog["public"]["cusco"]["organization"]
    call_action(
        "organization_patch",
        {"user": factories.Sysadmin()["name"]},
        id=org["id"],
        title="OEFA renombrado",
    )
    worker()  # the organization's datasets indexed again, then their records

    found = iso_records(csw())
    assert {r.identification[0].contact[0].organization for r in found.values()} == {
        "OEFA renombrado"
    }


def test_transactions_are_refused_at_the_public_endpoint(csw, catalog, portal):
    record = etree.tostring(
        etree.fromstring(
            requests.get(
                f"{portal}/csw",
                params={
                    "service": "CSW",
                    "version": "2.0.2",
                    "request": "GetRecordById",
                    "id": catalog["public"]["cusco"]["id"],
                    "outputschema": GMD,
                    "elementsetname": "full",
                },
                timeout=30,
            ).content
        ).find(f"{{{GMD}}}MD_Metadata"),
        encoding="unicode",
    )
    forged = record.replace(catalog["public"]["cusco"]["id"], "forjado")
    body = (
        '<csw:Transaction xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" '
        'service="CSW" version="2.0.2">'
        f"<csw:Insert>{forged}</csw:Insert></csw:Transaction>"
    )
    answer = requests.post(
        f"{portal}/csw", data=body.encode(), headers={"Content-Type": "application/xml"}, timeout=30
    )

    assert b"ExceptionReport" in answer.content
    assert "forjado" not in sync.stored_identifiers()


@pytest.mark.ckan_config("ckanext.pe_catalog.csw.url", "http://127.0.0.1:9")
def test_pycsw_down_is_a_503_a_client_can_read(app):
    response = app.get("/csw?service=CSW&request=GetCapabilities", status=503)
    assert "ows:ExceptionReport" in response.body
    assert "no responde" in response.body


@pytest.mark.ckan_config("ckanext.pe_catalog.csw.url", "")
def test_no_csw_configured_is_a_404(app):
    app.get("/csw?service=CSW&request=GetCapabilities", status=404)


def test_the_sample_catalog_every_record_equal_to_its_dataset(csw, cli, worker):
    from ckan.cli.cli import ckan

    seeded = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert seeded.exit_code == 0, seeded.output
    worker()  # the records of what the seed indexed
    published = call_action("package_search", fq="+dataset_type:environmental-data", rows=1000)[
        "results"
    ]

    found = iso_records(csw())

    assert set(found) == {p["id"] for p in published} and len(published) >= 20
    for pkg in published:
        record, identification = found[pkg["id"]], found[pkg["id"]].identification[0]
        assert identification.title == pkg["title"]
        assert identification.abstract == pkg["notes"]
        assert identification.contact[0].organization == pkg["organization"]["title"]
        assert identification.temporalextent_start == pkg.get("temporal_start_date")
        # an open end is GML's indeterminate "now", which has no value
        assert identification.temporalextent_end == pkg.get("temporal_end_date")
        xml = record.xml or b""
        if pkg.get("temporal_start_date") and not pkg.get("temporal_end_date"):
            assert b'<gml:endPosition indeterminatePosition="now"/>' in xml
        assert b">None<" not in xml and b'"None"' not in xml
        schema = iso19139_schema()
        assert schema.validate(etree.fromstring(xml)), (pkg["name"], schema.error_log)
        assert record.referencesystem.code == f"urn:ogc:def:crs:EPSG:{pkg['crs'].split(':')[1]}"
        if pkg.get("spatial"):
            west, south, east, north = shape(json.loads(pkg["spatial"])).bounds
            box = identification.bbox
            assert [float(box.minx), float(box.miny), float(box.maxx), float(box.maxy)] == [
                pytest.approx(v, abs=1e-6) for v in (west, south, east, north)
            ]
        tags = next(k for k in identification.keywords if k.thesaurus is None)
        assert sorted(w.name for w in tags.keywords) == sorted(t["name"] for t in pkg["tags"])
        assert len(record.distribution.online) == len(pkg["resources"])


@pytest.mark.parametrize(
    "query",
    [
        "service=CSW&version=2.0.2&request=GetRecords&typenames=csw:Record"
        "&elementsetname=brief&maxrecords=abc",
        "service=CSW&version=2.0.2&request=GetRecords&typenames=csw:Record"
        "&elementsetname=brief&startposition=1.5",
        "mode=sru&operation=searchRetrieve&query=a&maximumRecords=abc",
        "mode=opensearch&service=CSW&version=3.0.0&request=GetRecords&maxrecords=abc",
        "mode=oaipmh&verb=ListRecords",
        "service=CSW&version=2.0.2&request=GetRecordById&id=x"
        "&outputschema=http://gcmd.gsfc.nasa.gov/Aboutus/xml/dif/",
    ],
)
def test_requests_pycsw_cannot_answer_get_an_exception_report(csw, portal, query):
    answer = requests.get(f"{portal}/csw?{query}", timeout=30)

    assert answer.status_code == 400
    report = etree.fromstring(answer.content)
    assert report.tag == "{http://www.opengis.net/ows}ExceptionReport"
    assert (
        report.find(".//{http://www.opengis.net/ows}Exception").get("exceptionCode")
        == "InvalidParameterValue"
    )


def test_a_body_over_the_limit_is_refused_even_without_a_length(csw, portal):
    def chunks():
        piece = b"<!-- " + b"x" * 65536 + b" -->"
        for _ in range(40):  # 2.6 MB, sent chunked (no Content-Length)
            yield piece

    answer = requests.post(
        f"{portal}/csw", data=chunks(), headers={"Content-Type": "application/xml"}, timeout=60
    )

    assert answer.status_code == 413
    assert b"ExceptionReport" in answer.content


def test_wmts_and_ogc_prefixed_formats_are_services(csw, create_as_editor, worker):
    pkg = create_as_editor("environmental-data", "capas")(
        resources=[
            {"url": "https://geo.example.gob.pe/wmts", "name": "Teselas", "format": "WMTS"},
            {"url": "https://geo.example.gob.pe/ows", "name": "Capa", "format": "OGC:WMS"},
        ]
    )
    worker()

    record = iso_records(csw())[pkg["id"]]

    assert [(o.protocol, o.function) for o in record.distribution.online] == [
        ("OGC:WMTS", "information"),
        ("OGC:WMS", "information"),
    ]
