"""The distribution works from a wheel, not only from this checkout.

The top-level schemas/ and templates/ folders are mapped into the package
``ckanext.pe_catalog`` by setup.py; this builds the real wheel and checks that
it carries them where ckanext-scheming and CKAN look for them.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from ckan.cli import load_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (path,) = out.glob("ckanext_pe_catalog-*.whl")
    return zipfile.ZipFile(path)


def _configured_schema_files() -> list[str]:
    conf = load_config(str(ROOT / "test.ini"))
    schemas, presets = conf["scheming.dataset_schemas"], conf["scheming.presets"]
    assert isinstance(schemas, str) and isinstance(presets, str)  # options of the ini file
    refs = schemas.split() + presets.split()
    return [ref.split(":", 1)[1] for ref in refs if ref.startswith("ckanext.pe_catalog.schemas:")]


def test_wheel_carries_every_configured_schema(wheel):
    names = set(wheel.namelist())
    files = _configured_schema_files()

    assert len(files) == 4  # three dataset types and the presets
    assert "ckanext/pe_catalog/schemas/__init__.py" in names
    for file_name in files:
        member = f"ckanext/pe_catalog/schemas/{file_name}"
        assert member in names
        assert yaml.safe_load(wheel.read(member))


def test_wheel_carries_templates_and_plugins(wheel):
    names = set(wheel.namelist())
    templates = {n for n in names if n.startswith("ckanext/pe_catalog/templates/")}

    assert "ckanext/pe_catalog/templates/__init__.py" in templates
    for template in (ROOT / "templates").rglob("*.html"):
        relative = template.relative_to(ROOT / "templates").as_posix()
        assert f"ckanext/pe_catalog/templates/{relative}" in templates
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    declared = wheel.read(entry_points).decode()
    for plugin in ("pe_catalog", "hta", "pronabec", "environment"):
        assert f"{plugin} = ckanext." in declared
    assert not any(n.startswith(("tests/", "harness/", "bench/")) for n in names)


def test_wheel_carries_data_files(wheel):
    names = set(wheel.namelist())
    assert "ckanext/pe_catalog/public/pe-catalog/map/peru-departments.geojson" in names
    assert "ckanext/pe_catalog/data/organizations.yaml" in names
    assert "ckanext/pe_catalog/data/licenses.json" in names
    assert "ckanext/pe_catalog/public/pe-catalog/org/oefa.svg" in names


def test_wheel_carries_compiled_translations(wheel):
    assert "ckanext/pe_catalog/i18n/es/LC_MESSAGES/ckanext-pe_catalog.mo" in wheel.namelist()
