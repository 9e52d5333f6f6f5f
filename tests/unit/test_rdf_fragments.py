"""Joining serialised RDF documents without re-serialising (ckanext/pe_catalog/rdf/fragments.py).

A catalog page is joined from the texts of its parts (the catalog, each
dataset); the joined text must parse to the union of the parts' graphs, in
every format the catalog serves, whatever the literals hold and however the
parts bind their prefixes.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, XSD

from ckanext.pe_catalog.rdf.fragments import NamespaceClash, Part, join, split

# rdflib's format names for /catalog.ttl, .n3, .jsonld and .xml / .rdf
FORMATS = {"turtle": "turtle", "n3": "n3", "json-ld": "json-ld", "pretty-xml": "xml"}
EX = Namespace("http://example.org/ns#")
OTHER = Namespace("http://example.org/other/")  # left unbound: rdflib names it ns1, ns2...

# text XML 1.0 can carry (RDF/XML cannot hold other control characters)
_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff\x85")
xml_text = st.lists(
    _chars.map(str)
    | st.sampled_from(["\n", "\t", "@prefix x: <y> .", "</rdf:RDF>", '"""', "\\", "]", "<", "&"]),
    max_size=20,
).map("".join)
literals = st.one_of(
    xml_text.map(Literal),
    st.tuples(xml_text, st.sampled_from(["es", "en", "qu"])).map(
        lambda t: Literal(t[0], lang=t[1])
    ),
    st.integers(-(10**6), 10**6).map(lambda i: Literal(i, datatype=XSD.integer)),
    st.dates().map(lambda d: Literal(d.isoformat(), datatype=XSD.date)),
)
predicates = st.sampled_from(
    [DCTERMS.title, DCTERMS.description, DCAT.keyword, EX.label, OTHER.note, OTHER.size]
)


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    """A dataset-like graph: a dataset URI, blank nodes hanging from it, literals."""
    g = Graph()
    g.bind("ex", EX)
    dataset = URIRef(f"http://example.org/dataset/{draw(st.uuids())}")
    nodes: list[URIRef | BNode] = [dataset]
    for _ in range(draw(st.integers(0, 3))):
        node = BNode()
        g.add((nodes[draw(st.integers(0, len(nodes) - 1))], DCTERMS.creator, node))
        nodes.append(node)
    for _ in range(draw(st.integers(1, 6))):
        subject = nodes[draw(st.integers(0, len(nodes) - 1))]
        g.add((subject, draw(predicates), draw(literals)))
    return g


def _joined(rdflib_format: str, parts: list[Graph]) -> Graph:
    text = join(
        rdflib_format, [split(rdflib_format, g.serialize(format=rdflib_format)) for g in parts]
    )
    return Graph().parse(data=text, format=FORMATS[rdflib_format])


def _union(parts: list[Graph]) -> Graph:
    union = Graph()
    for g in parts:
        for triple in g:
            union.add(triple)
    return union


@pytest.mark.parametrize("rdflib_format", FORMATS)
@settings(max_examples=40, deadline=None)
@given(parts=st.lists(graphs(), min_size=1, max_size=4))
def test_joined_parts_parse_to_the_union_of_their_graphs(rdflib_format, parts):
    assert isomorphic(_joined(rdflib_format, parts), _union(parts))


@pytest.mark.parametrize("rdflib_format", FORMATS)
def test_an_empty_graph_joins_as_nothing(rdflib_format):
    one = Graph()
    one.add((URIRef("http://example.org/a"), DCTERMS.title, Literal("a")))
    assert isomorphic(_joined(rdflib_format, [Graph(), one, Graph()]), one)


@pytest.mark.parametrize("rdflib_format", ["turtle", "n3"])
def test_turtle_parts_may_bind_one_prefix_to_two_namespaces(rdflib_format):
    first, second = Graph(), Graph()
    first.bind("x", EX)
    second.bind("x", OTHER)
    first.add((URIRef("http://example.org/a"), EX.label, Literal("a")))
    second.add((URIRef("http://example.org/b"), OTHER.note, Literal("b")))
    joined = _joined(rdflib_format, [first, second, first])
    assert isomorphic(joined, _union([first, second]))


def test_rdf_xml_parts_binding_one_prefix_twice_are_refused():
    first, second = Graph(), Graph()
    first.bind("x", EX)
    second.bind("x", OTHER)
    first.add((URIRef("http://example.org/a"), EX.label, Literal("a")))
    second.add((URIRef("http://example.org/b"), OTHER.note, Literal("b")))
    parts = [split("pretty-xml", g.serialize(format="pretty-xml")) for g in (first, second)]
    with pytest.raises(NamespaceClash):
        join("pretty-xml", parts)


def test_a_text_not_shaped_as_rdflib_writes_it_is_refused():
    with pytest.raises(ValueError):
        split("json-ld", '{"@graph": []}')
    with pytest.raises(ValueError):
        split("pretty-xml", "<rdf:Description/>")
    with pytest.raises(ValueError):
        split("nt", "")


def test_a_part_keeps_its_prefixes_in_order():
    part = split(
        "turtle", "@prefix a: <http://a/> .\n@prefix : <http://b/> .\n\n<http://x> a:p :o .\n"
    )
    assert part == Part((("a", "http://a/"), ("", "http://b/")), "<http://x> a:p :o .")
