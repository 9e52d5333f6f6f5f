"""Schema fields <-> RDF, as each field's ``dcat`` key in the schema YAML declares.

A field is published when its schema entry says how, e.g.::

    - field_name: report_type
      dcat: {property: dct:type, kind: concept}

``property`` is a CURIE of the namespaces below; ``kind`` chooses the codec.
Each codec writes a value to the graph and reads it back, so the profile's
round trip (CKAN -> RDF -> CKAN) is one table of pairs, not per-type code.

RDF has no order, so list values carry ``pecat:order`` on their own node where
they have one (codes, places, authors); choices come back in the schema's order.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import shapely
from ckanext.dcat.profiles import ADMS, DCAT, DCT, FOAF, GSP, LOCN, VCARD
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from shapely.geometry import MultiPolygon, box, shape
from shapely.geometry.base import BaseGeometry

from ckanext.pe_catalog import schema_fields, ubigeo
from ckanext.pe_catalog.rdf import terms
from ckanext.pe_catalog.schema_fields import list_fields

PREFIXES = {
    "dct": DCT,
    "dcat": DCAT,
    "adms": ADMS,
    "foaf": FOAF,
    "skos": SKOS,
    "vcard": VCARD,
    "locn": LOCN,
    "pecat": terms.PECAT,
}


def curie(value: str) -> URIRef:
    prefix, _, local = value.partition(":")
    if prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in dcat property {value!r}")
    return PREFIXES[prefix][local]


@dataclass
class FieldMap:
    """How one schema field is published: the field's dict, the RDF predicate
    of its ``dcat.property`` (e.g. ``dct:spatial``), its codec ``kind`` and
    whether it holds a list."""

    field: dict[str, Any]
    predicate: URIRef
    kind: str
    is_list: bool

    @property
    def name(self) -> str:
        return self.field["field_name"]

    @property
    def scheme(self) -> URIRef:
        declared = self.field["dcat"].get("scheme")
        return URIRef(declared) if declared else terms.vocab_scheme(self.name)

    @property
    def choices(self) -> list[dict[str, Any]]:
        return self.field.get("choices") or []


@functools.cache
def field_maps(dataset_type: str, entity: schema_fields.Entity = "dataset") -> tuple[FieldMap, ...]:
    """The published fields of a type's datasets or resources, read once per
    process: the catalog serializes and parses them for every dataset."""
    lists = set(list_fields(dataset_type))
    maps = []
    for field in schema_fields.fields(dataset_type, entity):
        spec = field.get("dcat")
        if spec:
            maps.append(
                FieldMap(field, curie(spec["property"]), spec["kind"], field["field_name"] in lists)
            )
    return tuple(maps)


class Writer:
    """Writes field values of one subject (a dataset or a distribution)."""

    def __init__(self, g: Graph, subject: URIRef | BNode, dataset_uri: Callable[[str], str]):
        self.g = g
        self.subject = subject
        self.dataset_uri = dataset_uri
        self._periods: dict[URIRef, BNode] = {}

    def write(self, fm: FieldMap, value: Any) -> None:
        if value in (None, "", []):
            return
        values = value if isinstance(value, list) else [value]
        for position, item in enumerate(values):
            getattr(self, f"_{fm.kind}")(fm, item, position)

    def _add(self, fm: FieldMap, obj: Any) -> None:
        self.g.add((self.subject, fm.predicate, obj))

    def _order(self, node: BNode, position: int) -> None:
        self.g.add((node, terms.PECAT.order, Literal(position, datatype=XSD.integer)))

    def _text(self, fm: FieldMap, value: Any, position: int) -> None:
        self._add(fm, Literal(str(value)))

    def _date(self, fm: FieldMap, value: Any, position: int) -> None:
        self._add(fm, Literal(str(value)[:10], datatype=XSD.date))

    def _number(self, fm: FieldMap, value: Any, position: int) -> None:
        datatype = fm.field["dcat"].get("datatype")
        if datatype == "decimal" or (datatype is None and not float(value).is_integer()):
            self._add(fm, Literal(Decimal(str(value)), datatype=XSD.decimal))
        else:
            self._add(fm, Literal(int(float(value)), datatype=XSD.integer))

    def _uri(self, fm: FieldMap, value: Any, position: int) -> None:
        self._add(fm, URIRef(str(value)))
        self.g.add((URIRef(str(value)), RDF.type, FOAF.Document))

    def _scheme(self, fm: FieldMap) -> URIRef:
        scheme = fm.scheme
        if (scheme, RDF.type, SKOS.ConceptScheme) in self.g:
            return scheme  # described by an earlier dataset of the catalog page
        self.g.add((scheme, RDF.type, SKOS.ConceptScheme))
        title = fm.field["dcat"].get("scheme_title") or fm.field.get("label") or fm.name
        for lang, text in _texts(title).items():
            self.g.add((scheme, DCT.title, Literal(text, lang=lang)))
        return scheme

    def _concept(self, fm: FieldMap, value: Any, position: int) -> None:
        scheme = self._scheme(fm)
        value = str(value)
        if fm.field["dcat"].get("scheme"):
            # an external code list: the code is the concept, ordered per dataset
            node: URIRef | BNode = BNode()
            self._order(node, position)
            labels = {"": value}
        else:
            node = terms.vocab_concept(fm.name, value)
            if (node, RDF.type, SKOS.Concept) in self.g:
                self._add(fm, node)
                return
            label = next((c.get("label") for c in fm.choices if c["value"] == value), value)
            labels = _texts(label)
        self.g.add((node, RDF.type, SKOS.Concept))
        self.g.add((node, SKOS.notation, Literal(value)))
        self.g.add((node, SKOS.inScheme, scheme))
        for lang, text in labels.items():
            self.g.add((node, SKOS.prefLabel, Literal(text, lang=lang or None)))
        self._add(fm, node)

    def _identifier(self, fm: FieldMap, value: Any, position: int) -> None:
        node = BNode()
        self.g.add((node, RDF.type, ADMS.Identifier))
        self.g.add((node, SKOS.notation, Literal(str(value))))
        self._add(fm, node)

    def _agent(self, fm: FieldMap, value: Any, position: int) -> None:
        node = BNode()
        self.g.add((node, RDF.type, FOAF.Agent))
        self.g.add((node, FOAF.name, Literal(str(value))))
        self._order(node, position)
        self._add(fm, node)

    def _datasets(self, fm: FieldMap, value: Any, position: int) -> None:
        self._add(fm, URIRef(self.dataset_uri(str(value))))

    def _language(self, fm: FieldMap, value: Any, position: int) -> None:
        uri = terms.language_uri(str(value))
        if uri is not None:
            self._add(fm, uri)
            self.g.add((uri, RDF.type, DCT.LinguisticSystem))

    def _frequency(self, fm: FieldMap, value: Any, position: int) -> None:
        choice = next((c for c in fm.choices if c["value"] == value), None)
        if choice and choice.get("uri"):
            uri = URIRef(choice["uri"])
            self._add(fm, uri)
            self.g.add((uri, RDF.type, DCT.Frequency))

    def _crs(self, fm: FieldMap, value: Any, position: int) -> None:
        uri = terms.crs_uri(str(value))
        if uri is not None:
            self._add(fm, uri)
            self.g.add((uri, RDF.type, DCT.Standard))
            self.g.add((uri, RDFS.label, Literal(str(value))))

    def _period(self, fm: FieldMap) -> BNode:
        if fm.predicate not in self._periods:
            node = BNode()
            self.g.add((node, RDF.type, DCT.PeriodOfTime))
            self.g.add((self.subject, fm.predicate, node))
            self._periods[fm.predicate] = node
        return self._periods[fm.predicate]

    def _period_start(self, fm: FieldMap, value: Any, position: int) -> None:
        date = Literal(str(value)[:10], datatype=XSD.date)
        self.g.add((self._period(fm), DCAT.startDate, date))

    def _period_end(self, fm: FieldMap, value: Any, position: int) -> None:
        date = Literal(str(value)[:10], datatype=XSD.date)
        self.g.add((self._period(fm), DCAT.endDate, date))

    def _places(self, fm: FieldMap, value: Any, position: int) -> None:
        value = str(value)
        if value == ubigeo.NATIONAL:
            node: URIRef | BNode = terms.PERU
            labels = {"es": "Perú", "en": "Peru"}
        else:
            node = BNode()
            labels = {"es": ubigeo.place_name(value)}
            self.g.add((node, DCT.identifier, Literal(value)))
            self.g.add((node, SKOS.inScheme, terms.UBIGEO_SCHEME))
            self._order(node, position)
        self.g.add((node, RDF.type, DCT.Location))
        for lang, text in labels.items():
            self.g.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
        self._add(fm, node)

    def _geometry(self, fm: FieldMap, value: Any, position: int) -> None:
        # DCAT-AP 3 wants one locn:Geometry node per location; GeoSPARQL gives
        # it both serializations (WKT for GIS tools, GeoJSON as stored)
        text = value if isinstance(value, str) else json.dumps(value)
        geometry = shape(json.loads(text))
        node = BNode()
        self.g.add((node, RDF.type, DCT.Location))
        shape_node = BNode()
        self.g.add((shape_node, RDF.type, LOCN.Geometry))
        self.g.add((shape_node, GSP.asWKT, Literal(geometry.wkt, datatype=GSP.wktLiteral)))
        self.g.add((shape_node, GSP.asGeoJSON, Literal(text, datatype=GSP.geoJSONLiteral)))
        self.g.add((node, LOCN.geometry, shape_node))
        bbox, centroid = bbox_and_centroid(geometry)
        self.g.add((node, DCAT.bbox, Literal(bbox.wkt, datatype=GSP.wktLiteral)))
        self.g.add((node, DCAT.centroid, Literal(centroid.wkt, datatype=GSP.wktLiteral)))
        self._add(fm, node)

    def _contact_email(self, fm: FieldMap, value: Any, position: int) -> None:
        # the contact point node itself is the profile's (it adds the organization)
        contact = self.g.value(self.subject, DCAT.contactPoint)
        if contact is not None:
            self.g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{value}")))


def _east_of_antimeridian(coords: np.ndarray) -> np.ndarray:
    """Coordinates with western longitudes moved past 180° (x + 360)."""
    moved = coords.copy()
    moved[:, 0] = np.where(moved[:, 0] < 0, moved[:, 0] + 360, moved[:, 0])
    return moved


def bbox_and_centroid(geometry: BaseGeometry) -> tuple[BaseGeometry, shapely.Point]:
    """The bounding box (a polygon) and centroid (a point) of a WGS 84 geometry.

    A geometry cut at the antimeridian, as RFC 7946 §3.1.9 asks (parts near
    +180° and near -180°), is narrower seen across 180° than across 0°: its
    box then crosses the antimeridian (RFC 7946 §5.2), written as two boxes
    that meet at ±180°, and its centroid lies between its parts, not on the
    other side of the world.
    """
    west, south, east, north = geometry.bounds
    if not west < 0 < east:  # all on one side of the prime meridian: nothing to cross
        return box(west, south, east, north), geometry.centroid
    moved = shapely.transform(geometry, _east_of_antimeridian)
    moved_west, _, moved_east, _ = moved.bounds
    if moved_east - moved_west >= east - west:
        return box(west, south, east, north), geometry.centroid
    centroid = moved.centroid
    x = centroid.x - 360 if centroid.x > 180 else centroid.x
    # the western part's east edge from the positions themselves: x + 360 - 360
    # can round past the westernmost position
    longitudes = shapely.get_coordinates(geometry)[:, 0]
    west_part_east = float(longitudes[longitudes < 0].max())
    across = MultiPolygon(
        [box(moved_west, south, 180, north), box(-180, south, west_part_east, north)]
    )
    return across, shapely.Point(x, centroid.y)


def _texts(label: Any) -> dict[str, str]:
    """A scheming label as {lang: text}; a plain label has no language."""
    if isinstance(label, dict):
        return {lang: text for lang, text in label.items() if text}
    return {"": str(label)}


class Reader:
    """Reads field values of one subject back into CKAN values."""

    def __init__(self, g: Graph, subject: URIRef | BNode, dataset_id: Callable[[str], str | None]):
        self.g = g
        self.subject = subject
        self.dataset_id = dataset_id

    def read(self, fm: FieldMap) -> Any:
        values = getattr(self, f"_{fm.kind}")(fm)
        if fm.is_list:
            return values or None
        return values[0] if values else None

    def _objects(self, fm: FieldMap) -> list[Any]:
        return list(self.g.objects(self.subject, fm.predicate))

    def _ordered(self, nodes: list[Any], value: Callable[[Any], Any]) -> list[Any]:
        def key(node: Any) -> tuple[int, str]:
            order = self.g.value(node, terms.PECAT.order)
            return (int(str(order)) if order is not None else 0, str(value(node)))

        return [value(node) for node in sorted(nodes, key=key)]

    def _text(self, fm: FieldMap) -> list[Any]:
        return sorted(str(o) for o in self._objects(fm) if isinstance(o, Literal))

    def _date(self, fm: FieldMap) -> list[Any]:
        return sorted(str(o)[:10] for o in self._objects(fm) if isinstance(o, Literal))

    def _number(self, fm: FieldMap) -> list[Any]:
        numbers = []
        for o in self._objects(fm):
            try:
                number = float(Decimal(str(o)))
            except InvalidOperation:
                continue
            numbers.append(int(number) if number.is_integer() else number)
        return numbers

    def _uri(self, fm: FieldMap) -> list[Any]:
        return sorted(str(o) for o in self._objects(fm) if isinstance(o, URIRef))

    def _concept(self, fm: FieldMap) -> list[Any]:
        nodes = [o for o in self._objects(fm) if (o, SKOS.inScheme, fm.scheme) in self.g]
        if fm.choices:
            order = [c["value"] for c in fm.choices]
            found = {str(self.g.value(n, SKOS.notation)) for n in nodes}
            return [v for v in order if v in found]
        return self._ordered(nodes, lambda n: str(self.g.value(n, SKOS.notation)))

    def _identifier(self, fm: FieldMap) -> list[Any]:
        return sorted(
            str(self.g.value(o, SKOS.notation))
            for o in self._objects(fm)
            if self.g.value(o, SKOS.notation) is not None
        )

    def _agent(self, fm: FieldMap) -> list[Any]:
        nodes = [o for o in self._objects(fm) if self.g.value(o, FOAF.name) is not None]
        return self._ordered(nodes, lambda n: str(self.g.value(n, FOAF.name)))

    def _datasets(self, fm: FieldMap) -> list[Any]:
        return sorted(filter(None, (self.dataset_id(str(o)) for o in self._objects(fm))))

    def _language(self, fm: FieldMap) -> list[Any]:
        return sorted(filter(None, (terms.language_code(str(o)) for o in self._objects(fm))))

    def _frequency(self, fm: FieldMap) -> list[Any]:
        uris = {str(o) for o in self._objects(fm)}
        return [c["value"] for c in fm.choices if c.get("uri") in uris]

    def _crs(self, fm: FieldMap) -> list[Any]:
        return sorted(filter(None, (terms.crs_code(str(o)) for o in self._objects(fm))))

    def _period_dates(self, fm: FieldMap, predicate: URIRef) -> list[Any]:
        dates = []
        for node in self._objects(fm):
            if (node, RDF.type, DCT.PeriodOfTime) in self.g:
                dates += [str(d)[:10] for d in self.g.objects(node, predicate)]
        return sorted(dates)

    def _period_start(self, fm: FieldMap) -> list[Any]:
        return self._period_dates(fm, DCAT.startDate)

    def _period_end(self, fm: FieldMap) -> list[Any]:
        return self._period_dates(fm, DCAT.endDate)

    def _places(self, fm: FieldMap) -> list[Any]:
        objects = self._objects(fm)
        if terms.PERU in objects:
            return [ubigeo.NATIONAL]
        nodes = [o for o in objects if (o, SKOS.inScheme, terms.UBIGEO_SCHEME) in self.g]
        return self._ordered(nodes, lambda n: str(self.g.value(n, DCT.identifier)))

    def _geometry(self, fm: FieldMap) -> list[Any]:
        for node in self._objects(fm):
            for shape_node in self.g.objects(node, LOCN.geometry):
                geojson = self.g.value(shape_node, GSP.asGeoJSON)
                if geojson is not None:
                    return [str(geojson)]
        return []

    def _contact_email(self, fm: FieldMap) -> list[Any]:
        for contact in self.g.objects(self.subject, DCAT.contactPoint):
            for email in self.g.objects(contact, VCARD.hasEmail):
                return [str(email).removeprefix("mailto:")]
        return []
