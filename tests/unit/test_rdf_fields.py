"""The codecs of schema fields <-> RDF (ckanext/pe_catalog/rdf/fields.py).

``field_maps`` reads the scheming schemas (tests/catalog/test_dcat.py covers it
with a running portal); everything else works on plain values and an rdflib
graph: each codec writes a value and reads it back, as the DCAT profile does
for every field, here with field maps built as the schema YAML declares them.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD
from shapely.geometry import MultiPoint, MultiPolygon, Point, box, shape

from ckanext.pe_catalog import ubigeo
from ckanext.pe_catalog.rdf import terms
from ckanext.pe_catalog.rdf.fields import (
    DCAT,
    DCT,
    FOAF,
    GSP,
    LOCN,
    PREFIXES,
    VCARD,
    FieldMap,
    Reader,
    Writer,
    bbox_and_centroid,
    curie,
)
from tests.unit import UNIT

SITE = "https://datos.example.pe/dataset/"
SUBJECT = URIRef(SITE + "informe-1")
X = curie("pecat:x")  # the predicate of field_map()'s default property
# the largest integer JSON and Solr carry exactly (pe_number_between's bound)
MAX_SAFE = 2**53 - 1


def _dataset_uri(name: str) -> str:
    return SITE + name


def _dataset_id(uri: str) -> str | None:
    return uri.removeprefix(SITE) if uri.startswith(SITE) else None


def field_map(kind: str, prop: str = "pecat:x", is_list: bool = False, **field: Any) -> FieldMap:
    spec = {"property": prop, "kind": kind, **field.pop("dcat", {})}
    return FieldMap({"field_name": "x", "dcat": spec, **field}, curie(prop), kind, is_list)


def write(fm: FieldMap, value: Any, g: Graph | None = None) -> Graph:
    g = Graph() if g is None else g
    Writer(g, SUBJECT, _dataset_uri).write(fm, value)
    return g


def read(fm: FieldMap, g: Graph) -> Any:
    return Reader(g, SUBJECT, _dataset_id).read(fm)


def round_trip(fm: FieldMap, value: Any) -> Any:
    return read(fm, write(fm, value))


# --- curie and FieldMap ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "uri"),
    [
        ("dct:title", "http://purl.org/dc/terms/title"),
        ("dcat:bbox", "http://www.w3.org/ns/dcat#bbox"),
        ("skos:prefLabel", "http://www.w3.org/2004/02/skos/core#prefLabel"),
        ("pecat:callYear", "https://w3id.org/pe-catalog/terms#callYear"),
        ("dct:a:b", "http://purl.org/dc/terms/a:b"),  # the first colon separates
    ],
)
def test_curie(text, uri):
    assert curie(text) == URIRef(uri)


@pytest.mark.parametrize("text", ["", "title", "DCT:title", "rdf:type", "http://x/y", ":title"])
def test_curie_of_an_unknown_prefix(text):
    with pytest.raises(ValueError, match="unknown prefix"):
        curie(text)


def test_prefixes():
    assert set(PREFIXES) == {"dct", "dcat", "adms", "foaf", "skos", "vcard", "locn", "pecat"}


def test_field_map_properties():
    fm = field_map("concept", choices=[{"value": "a"}])
    assert fm.name == "x"
    assert fm.scheme == terms.vocab_scheme("x") == URIRef(terms.VOCAB + "x")
    assert fm.choices == [{"value": "a"}]
    external = field_map("concept", dcat={"scheme": "http://id.who.int/icd/release/10"})
    assert external.scheme == URIRef("http://id.who.int/icd/release/10")
    assert external.choices == []


# --- codecs: each kind written and read back --------------------------------------


@pytest.mark.parametrize("value", [None, "", []])
def test_nothing_is_written_for_an_empty_value(value):
    fm = field_map("text")
    g = write(fm, value)
    assert len(g) == 0
    assert read(fm, g) is None
    assert read(field_map("text", is_list=True), g) is None


def test_text():
    fm = field_map("text", "dct:title")
    g = write(fm, "Informe <b>&</b> ñandú")
    assert list(g) == [(SUBJECT, DCT.title, Literal("Informe <b>&</b> ñandú"))]
    assert read(fm, g) == "Informe <b>&</b> ñandú"
    assert round_trip(field_map("text", is_list=True), ["b", "a", "c"]) == ["a", "b", "c"]


def test_date():
    fm = field_map("date", "dct:issued")
    g = write(fm, "2024-02-29T00:00:00")
    (obj,) = g.objects(SUBJECT, DCT.issued)
    assert obj == Literal("2024-02-29", datatype=XSD.date)
    assert read(fm, g) == "2024-02-29"


@pytest.mark.parametrize(
    ("value", "datatype", "literal", "back"),
    [
        (7, None, Literal(7, datatype=XSD.integer), 7),
        ("7", None, Literal(7, datatype=XSD.integer), 7),
        (7.0, None, Literal(7, datatype=XSD.integer), 7),
        (2.5, None, Literal("2.5", datatype=XSD.decimal), 2.5),
        ("0.1", None, Literal("0.1", datatype=XSD.decimal), 0.1),
        (-3, None, Literal(-3, datatype=XSD.integer), -3),
        (30, "decimal", Literal("30", datatype=XSD.decimal), 30),
        (MAX_SAFE, None, Literal(MAX_SAFE, datatype=XSD.integer), MAX_SAFE),
    ],
)
def test_number(value, datatype, literal, back):
    fm = field_map("number", dcat={"datatype": datatype} if datatype else {})
    g = write(fm, value)
    (obj,) = g.objects(SUBJECT, X)
    assert obj == literal
    assert read(fm, g) == back
    assert type(read(fm, g)) is type(back)


def test_a_number_that_is_not_one_is_not_read():
    g = Graph()
    g.add((SUBJECT, X, Literal("mucho")))
    g.add((SUBJECT, X, Literal("12")))
    assert read(field_map("number", is_list=True), g) == [12]


@UNIT
@given(st.integers(-MAX_SAFE, MAX_SAFE) | st.floats(-MAX_SAFE, MAX_SAFE, allow_nan=False))
def test_numbers_up_to_the_safe_bound_survive(number):
    back = round_trip(field_map("number"), number)
    assert back == number
    assert isinstance(back, int) == float(number).is_integer()


def test_uri():
    fm = field_map("uri", "foaf:page")
    g = write(fm, "https://example.pe/informe.pdf")
    doc = URIRef("https://example.pe/informe.pdf")
    assert (SUBJECT, FOAF.page, doc) in g
    assert (doc, RDF.type, FOAF.Document) in g
    assert read(fm, g) == "https://example.pe/informe.pdf"


CHOICES = [
    {"value": "favorable", "label": {"es": "Favorable", "en": "In favour"}},
    {"value": "condicionado", "label": {"es": "Condicionado", "en": ""}},
    {"value": "no-favorable", "label": "No favorable"},
]


def test_concept_of_a_choice_field():
    fm = field_map("concept", "dct:type", choices=CHOICES, label={"es": "Tipo", "en": "Type"})
    g = write(fm, "favorable")
    concept = terms.vocab_concept("x", "favorable")
    assert (SUBJECT, DCT.type, concept) in g
    assert (concept, SKOS.inScheme, fm.scheme) in g
    assert (concept, SKOS.notation, Literal("favorable")) in g
    assert set(g.objects(concept, SKOS.prefLabel)) == {
        Literal("Favorable", lang="es"),
        Literal("In favour", lang="en"),
    }
    assert set(g.objects(fm.scheme, DCT.title)) == {
        Literal("Tipo", lang="es"),
        Literal("Type", lang="en"),
    }
    assert read(fm, g) == "favorable"


def test_concept_labels_leave_out_empty_texts_and_plain_labels_have_no_language():
    fm = field_map("concept", choices=CHOICES, is_list=True)
    g = write(fm, ["condicionado", "no-favorable"])
    assert set(g.objects(terms.vocab_concept("x", "condicionado"), SKOS.prefLabel)) == {
        Literal("Condicionado", lang="es")
    }
    assert set(g.objects(terms.vocab_concept("x", "no-favorable"), SKOS.prefLabel)) == {
        Literal("No favorable")
    }


def test_concepts_come_back_in_the_schemas_order():
    fm = field_map("concept", choices=CHOICES, is_list=True)
    assert round_trip(fm, ["no-favorable", "favorable"]) == ["favorable", "no-favorable"]
    # a value that is not a choice is not read back
    assert round_trip(fm, ["otro", "favorable"]) == ["favorable"]


def test_a_concept_is_described_once_per_graph():
    fm = field_map("concept", choices=CHOICES)
    g = write(fm, "favorable")
    size = len(g)
    other = URIRef(SITE + "informe-2")
    Writer(g, other, _dataset_uri).write(fm, "favorable")
    assert len(g) == size + 1  # only the new dataset's link
    assert (other, X, terms.vocab_concept("x", "favorable")) in g


def test_codes_of_two_external_schemes_on_one_property_are_read_apart():
    atc = field_map("concept", "dct:subject", True, dcat={"scheme": "https://www.whocc.no/atc"})
    icd = field_map(
        "concept", "dct:subject", True, dcat={"scheme": "http://id.who.int/icd/release/10"}
    )
    g = write(atc, ["L01FF02", "A10"])
    write(icd, ["C50.9", "A00"], g)
    # an external code keeps the dataset's order (pecat:order), not an alphabetical one
    assert read(atc, g) == ["L01FF02", "A10"]
    assert read(icd, g) == ["C50.9", "A00"]


def test_identifier():
    fm = field_map("identifier", "adms:identifier", is_list=True)
    assert round_trip(fm, ["N° 2", "N° 1"]) == ["N° 1", "N° 2"]


@UNIT
@given(st.lists(st.text(min_size=1), min_size=1, max_size=6))
def test_agents_keep_their_order(names):
    fm = field_map("agent", "dct:creator", is_list=True)
    g = write(fm, names)
    back = read(fm, g)
    assert back == names
    assert all((node, RDF.type, FOAF.Agent) in g for node in g.objects(SUBJECT, DCT.creator))


def test_datasets():
    fm = field_map("datasets", "dct:relation", is_list=True)
    g = write(fm, ["b-informe", "a-informe"])
    assert (SUBJECT, DCT.relation, URIRef(SITE + "a-informe")) in g
    g.add((SUBJECT, DCT.relation, URIRef("https://elsewhere.org/x")))  # not this catalog's
    assert read(fm, g) == ["a-informe", "b-informe"]


def test_language():
    fm = field_map("language", "dct:language", is_list=True)
    g = write(fm, ["es", "qu", "fr", ""])
    assert set(g.objects(SUBJECT, DCT.language)) == {terms.LANGUAGE.SPA, terms.LANGUAGE.QUE}
    assert read(fm, g) == ["es", "qu"]


def test_frequency():
    choices = [
        {
            "value": "anual",
            "uri": "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
        },
        {"value": "irregular"},
    ]
    fm = field_map("frequency", "dct:accrualPeriodicity", choices=choices)
    g = write(fm, "anual")
    uri = URIRef(choices[0]["uri"])
    assert (uri, RDF.type, DCT.Frequency) in g
    assert read(fm, g) == "anual"
    assert len(write(fm, "irregular")) == 0  # no URI: nothing to publish
    assert len(write(fm, "semanal")) == 0


@pytest.mark.parametrize(
    ("crs", "back"), [("EPSG:4326", "EPSG:4326"), ("epsg:32718", "EPSG:32718")]
)
def test_crs(crs, back):
    fm = field_map("crs", "dct:conformsTo")
    assert round_trip(fm, crs) == back


@pytest.mark.parametrize("crs", ["WGS84", "EPSG:", "EPSG:43x6", "ESRI:102033"])
def test_crs_other_than_epsg_is_not_published(crs):
    assert len(write(field_map("crs"), crs)) == 0


def test_period_start_and_end_share_one_period():
    start = field_map("period_start", "dct:temporal")
    end = field_map("period_end", "dct:temporal")
    g = Graph()
    writer = Writer(g, SUBJECT, _dataset_uri)
    writer.write(start, "2020-01-01T00:00:00")
    writer.write(end, "2020-12-31")
    (period,) = g.objects(SUBJECT, DCT.temporal)
    assert (period, RDF.type, DCT.PeriodOfTime) in g
    assert (period, DCAT.startDate, Literal("2020-01-01", datatype=XSD.date)) in g
    assert (period, DCAT.endDate, Literal("2020-12-31", datatype=XSD.date)) in g
    assert (read(start, g), read(end, g)) == ("2020-01-01", "2020-12-31")


def test_places():
    fm = field_map("places", "dct:spatial", is_list=True)
    g = write(fm, ["080901", "15"])
    labels = {
        str(label)
        for node in g.objects(SUBJECT, DCT.spatial)
        for label in g.objects(node, SKOS.prefLabel)
    }
    assert labels == {"Santa Ana, La Convención, Cusco", "Lima"}
    assert read(fm, g) == ["080901", "15"]


def test_national_place_is_peru():
    fm = field_map("places", "dct:spatial", is_list=True)
    g = write(fm, [ubigeo.NATIONAL])
    assert (SUBJECT, DCT.spatial, terms.PERU) in g
    assert set(g.objects(terms.PERU, SKOS.prefLabel)) == {
        Literal("Perú", lang="es"),
        Literal("Peru", lang="en"),
    }
    assert read(fm, g) == [ubigeo.NATIONAL]


@UNIT
@given(
    st.lists(
        st.sampled_from(sorted(ubigeo._names("province"))), min_size=1, max_size=5, unique=True
    )
)
def test_places_keep_their_order(codes):
    assert round_trip(field_map("places", "dct:spatial", is_list=True), codes) == codes


def test_geometry():
    fm = field_map("geometry", "dct:spatial")
    geojson = {"type": "Polygon", "coordinates": [[[-72, -14], [-71, -14], [-71, -13], [-72, -14]]]}
    g = write(fm, geojson)
    (location,) = g.objects(SUBJECT, DCT.spatial)
    (node,) = g.objects(location, LOCN.geometry)
    wkt = g.value(node, GSP.asWKT)
    assert isinstance(wkt, Literal)
    assert wkt.datatype == GSP.wktLiteral
    assert shape(geojson).equals(_wkt(wkt))
    assert _wkt(g.value(location, DCAT.bbox)).equals(box(-72, -14, -71, -13))
    assert _wkt(g.value(location, DCAT.centroid)).equals(shape(geojson).centroid)
    text = read(fm, g)
    assert json.loads(text) == geojson
    # text is published as given
    assert read(fm, write(fm, json.dumps(geojson, indent=1))) == json.dumps(geojson, indent=1)


def _wkt(literal: Any):
    from shapely import wkt

    return wkt.loads(str(literal))


def test_contact_email_goes_on_the_profiles_contact_point():
    fm = field_map("contact_email", "dcat:contactPoint")
    assert len(write(fm, "datos@example.pe")) == 0  # no contact point yet: nothing
    g = Graph()
    contact = URIRef("https://datos.example.pe/organization/x#contact")
    g.add((SUBJECT, DCAT.contactPoint, contact))
    write(fm, "datos@example.pe", g)
    assert (contact, VCARD.hasEmail, URIRef("mailto:datos@example.pe")) in g
    assert read(fm, g) == "datos@example.pe"


# --- bbox_and_centroid -------------------------------------------------------------


def test_box_and_centroid_of_a_geometry_on_one_side():
    peru = box(-81.3, -18.4, -68.7, -0.04)
    bbox, centroid = bbox_and_centroid(peru)
    assert bbox.equals(peru)
    assert centroid.equals(peru.centroid)


def test_a_geometry_across_the_prime_meridian_keeps_its_plain_box():
    across_greenwich = MultiPoint([(-10, 50), (10, 52)])
    bbox, centroid = bbox_and_centroid(across_greenwich)
    assert bbox.equals(box(-10, 50, 10, 52))
    assert centroid.equals(Point(0, 51))


def test_a_geometry_cut_at_the_antimeridian_gets_a_box_across_it():
    # Fiji-like: parts just east of 180°W and just west of 180°E
    fiji = MultiPolygon([box(177, -19, 180, -16), box(-180, -17, -178, -15)])
    bbox, centroid = bbox_and_centroid(fiji)
    assert bbox.geom_type == "MultiPolygon"
    assert bbox.equals(MultiPolygon([box(177, -19, 180, -15), box(-180, -19, -178, -15)]))
    # between the parts, not on the other side of the world
    assert isinstance(centroid, Point)
    assert abs(centroid.x) > 178
    assert -19 < centroid.y < -15


def test_centroid_across_the_antimeridian_is_put_back_in_range():
    _, centroid = bbox_and_centroid(MultiPoint([(179, 0), (-177, 0)]))
    assert centroid.equals(Point(-179, 0))
    _, centroid = bbox_and_centroid(MultiPoint([(-179, 0), (177, 0)]))
    assert centroid.equals(Point(179, 0))


positions = st.tuples(
    st.floats(-180, 180, allow_nan=False, allow_subnormal=False),
    st.floats(-90, 90, allow_nan=False, allow_subnormal=False),
)


@UNIT
@given(st.lists(positions, min_size=1, max_size=6))
def test_the_box_holds_every_position_and_is_never_wider(points):
    geometry = MultiPoint(points)
    bbox, centroid = bbox_and_centroid(geometry)
    west, south, east, north = geometry.bounds
    assert isinstance(centroid, Point)
    assert -180 <= centroid.x <= 180 and south <= centroid.y <= north
    width = sum(part.bounds[2] - part.bounds[0] for part in getattr(bbox, "geoms", [bbox]))
    assert width <= east - west + 1e-9
    # within a nanodegree (see the xfail below for the exact bound)
    assert all(bbox.distance(Point(p)) < 1e-9 for p in points)
    assert math.isclose(bbox.bounds[1], south) and math.isclose(bbox.bounds[3], north)


def test_the_box_across_the_antimeridian_holds_its_positions_exactly():
    # -95.83711278804644 + 360 - 360 rounds to ...45, just west of the position
    points = [(-95.83711278804644, 0.5), (170.0, 1.0)]
    bbox, _ = bbox_and_centroid(MultiPoint(points))
    assert bbox.geom_type == "MultiPolygon"
    assert all(bbox.covers(Point(p)) for p in points)
