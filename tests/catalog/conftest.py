"""Fixtures shared by the catalog tests: a Solr node of the test's own; a
published catalog with a private, a draft and a deleted dataset; a dataset of
each type with every optional field filled; CKAN's job worker, run on demand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ckan.common import config
from ckan.lib import search
from ckan.tests.helpers import call_action

from ckanext.pe_catalog.logic import index_guard
from harness.sample import CUSCO_POLYGON
from harness.solr_node import SolrNode


@pytest.fixture(scope="module")
def solr_node(tmp_path_factory):
    """A Solr node of the test module's own (harness/solr_node.py), which tests really stop."""
    node = SolrNode(tmp_path_factory.mktemp("solr"))
    node.start()
    yield node
    node.stop()


@pytest.fixture
def solr(solr_node, monkeypatch):
    """CKAN indexes into the test's own real Solr node, which starts empty and
    up (solr_url is configuration pointed at it; nothing stands in for Solr)."""
    if solr_node.process is None:
        solr_node.start()
    monkeypatch.setitem(config, "solr_url", solr_node.url)
    search.clear_all()
    yield solr_node
    if solr_node.process is None:
        solr_node.start()
    index_guard.forget_outage()


@pytest.fixture
def published(create_as_editor: Any, editor_org: dict[str, Any]) -> dict[str, Any]:
    """A public dataset of each type, plus a private, a draft and a deleted one."""
    public = {
        t: create_as_editor(t, f"publico-{t}")()
        for t in ("hta-report", "scholarship", "environmental-data")
    }
    hta = create_as_editor("hta-report", "x")
    hidden = {
        "private": hta("privado", private=True, report_code="P-1"),
        "draft": hta("borrador", state="draft", report_code="P-2"),
        "deleted": hta("borrado", report_code="P-3"),
    }
    editor = {"user": editor_org["user"]["name"]}
    call_action("package_delete", context=editor, id=hidden["deleted"]["id"])
    return {"public": public, "hidden": hidden}


@pytest.fixture
def rich(create_as_editor: Any) -> dict[str, dict[str, Any]]:
    """One dataset of each type with every optional field filled."""
    pdf = {"url": "https://example.gob.pe/informe.pdf", "name": "Informe", "format": "PDF"}
    hta = create_as_editor("hta-report", "informe-anterior")
    old = hta(status="reemplazado", report_code="IETSI-001-2020")
    report = hta(
        "informe-ets-completo",
        report_code="IETSI-002-2024",
        status="consulta-publica",
        consultation_start_date="2024-03-01",
        consultation_end_date="2024-03-31",
        valid_until_date="2027-01-01",
        atc_codes=["L01FF02", "L01XC18"],
        icd10_codes=["C34.9", "C78.0"],
        conflicts_of_interest="Ninguno declarado.",
        related_reports=[old["name"]],
        language="en",
        authors=["Zeta, Ana", "Alfa, Luis", "Medina, Rosa"],
        tag_string="cáncer,inmunoterapia",
        resources=[
            {**pdf, "description": "Texto completo", "resource_type": "informe-completo"},
            {"url": "https://example.gob.pe/datos.xyz", "name": "Datos", "format": "XYZ"},
        ],
    )
    scholarship = create_as_editor("scholarship", "credito-talento-2026")(
        program="credito-talento",
        instrument_type="credito-educativo",
        max_loan_amount=30100,
        annual_interest_rate=3.55,
        eligible_regions=["08", "03", "21"],
        eligible_institutions=["Universidad Nacional de San Antonio Abad", "PUCP"],
        legal_basis="R.D.E. N° 123-2026-MINEDU/VMGI-PRONABEC",
        contact_email="becas@pronabec.gob.pe",
        resources=[{**pdf, "name": "Bases"}],
    )
    environmental = create_as_editor("environmental-data", "monitoreo-vilcanota")(
        spatial=CUSCO_POLYGON,
        ubigeo=["08", "080101"],
        spatial_resolution_m=30.5,
        environmental_instrument="eia-d",
        contact_email="datos@oefa.gob.pe",
        resources=[{"url": "https://geo.example.gob.pe/wms", "name": "Capa", "format": "WMS"}],
    )
    return {"hta-report": report, "scholarship": scholarship, "environmental-data": environmental}


CKAN = str(Path(sys.executable).with_name("ckan"))


@pytest.fixture
def worker(request):
    """Run the queued jobs to the end, in the job worker, on this session's configuration."""
    ini = str(Path(str(request.config.getoption("ckan_ini"))).resolve())

    def run() -> None:
        done = subprocess.run(
            [CKAN, "-c", ini, "jobs", "worker", "--burst"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]

    # jobs left by earlier tests of the session are not this test's
    call_action("job_clear")
    return run
