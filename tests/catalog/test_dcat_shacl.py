"""The sample catalog, as harvesters read it, conforms to the DCAT-AP 3.0.1 SHACL shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pyshacl
import pytest
import rdflib
from ckan.cli.cli import ckan
from rdflib.namespace import DCAT, RDF, SH

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

SHAPES = Path(__file__).resolve().parents[1] / "data" / "dcat-ap"
HYDRA = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")


def shapes_graph(*names: str) -> rdflib.Graph:
    """The official shapes; references to property shapes no file defines are
    dropped (pySHACL refuses them; see data/dcat-ap/README.md)."""
    shapes = rdflib.Graph()
    for name in names:
        shapes.parse(SHAPES / name)
    for shape, prop in list(shapes.subject_objects(SH.property)):
        if (prop, SH.path, None) not in shapes:
            shapes.remove((shape, SH.property, prop))
    return shapes


def harvest_catalog(app) -> rdflib.Graph:
    """Every page of /catalog.ttl, following hydra:next as a harvester does."""
    graph = rdflib.Graph()
    url = "/catalog.ttl"
    while url:
        page = rdflib.Graph().parse(data=app.get(url).body, format="turtle")
        graph += page
        following = list(page.objects(None, HYDRA.next))
        url = str(following[0]).split("test.ckan.net", 1)[-1] if following else None
    return graph


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "40")
def test_sample_catalog_has_no_shacl_violations(cli, app):
    result = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert result.exit_code == 0, result.output

    catalog = harvest_catalog(app)

    assert len(set(catalog.subjects(RDF.type, DCAT.Dataset))) >= 80
    for names in [
        ("dcat-ap-3.0.1-SHACL.ttl",),
        ("dcat-ap-3.0.1-SHACL.ttl", "dcat-ap-3.0.1-ranges.ttl"),
    ]:
        # one data graph gives (conforms, report graph, report text); validate's return
        # is unannotated and pyright also infers validate_each's dict from it
        conforms, _report, text = cast(
            "tuple[bool, Any, str]",
            pyshacl.validate(catalog, shacl_graph=shapes_graph(*names)),
        )
        assert conforms, text[:5000]


def test_the_shapes_catch_a_violation():
    """The check is not vacuous: a dataset without a title breaks the shapes."""
    data = rdflib.Graph()
    dataset = rdflib.URIRef("http://example.org/dataset/1")
    data.add((dataset, RDF.type, DCAT.Dataset))

    conforms, _report, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph("dcat-ap-3.0.1-SHACL.ttl")
    )

    assert not conforms
