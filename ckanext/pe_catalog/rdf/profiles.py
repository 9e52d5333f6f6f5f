"""The suite's ckanext-dcat profiles: DCAT-AP 3 (``pe_catalog``) and schema.org.

``pe_catalog`` extends ckanext-dcat's ``euro_dcat_ap_3`` profile: the base
writes and reads the core fields (title, description, keywords, publisher,
dates, distributions); this profile adds what every dataset of the catalog
carries (its type, EU data theme and PNDA topic, landing page, contact point,
language, licence document, EU file types) and then each schema field that
declares a ``dcat`` mapping (:mod:`ckanext.pe_catalog.rdf.fields`). Parsing
does the reverse and returns a dataset dict of the same type that validates
against the same schema, which is what a harvesting portal running this suite
creates.
"""

from __future__ import annotations

import functools
import json
import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import search  # not in toolkit
from ckanext.dcat.profiles import (
    DCAT,
    DCT,
    FOAF,
    GSP,
    SCHEMA,
    VCARD,
    EuropeanDCATAP3Profile,
    SchemaOrgProfile,
)
from ckanext.dcat.profiles.base import CleanedURIRef
from ckanext.dcat.utils import catalog_uri, dataset_uri, resource_uri
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ckanext.pe_catalog import access, reference_data, schema_fields, ubigeo
from ckanext.pe_catalog.rdf import fields, terms
from ckanext.pe_catalog.text import NOT_XML

log = logging.getLogger(__name__)


def xml_safe(value: Any) -> Any:
    """``value`` with every string cleared of characters XML cannot carry."""
    if isinstance(value, str):
        return NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {k: xml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [xml_safe(v) for v in value]
    return value


# the resource keys a parsed distribution keeps (the rest are DCAT details
# that the schema has no field for)
_RESOURCE_IDENTITY = ("uri",)


def site_url() -> str:
    return tk.config.get("ckan.site_url", "").rstrip("/")


@functools.cache
def pnda_topics() -> dict[str, str]:
    """Titles of the PNDA topics, by group name (the catalog's reference data)."""
    return {group["name"]: group["title"] for group in reference_data.groups()}


def _schema(dataset_type: str | None) -> dict[str, Any] | None:
    return schema_fields.schema_of(dataset_type)


class _TypeAwareInit:
    """ckanext-dcat 2.4.4 builds every profile with the schema of type ``dataset``
    and fails when, as here, scheming has no such type. The suite's profiles
    look the schema up per dataset instead (``_schema``)."""

    def __init__(
        self, graph: Any, dataset_type: str | None = None, compatibility_mode: bool = False
    ):
        self.g = graph
        self.compatibility_mode = compatibility_mode
        self._default_lang = tk.config.get("ckan.locale_default", "en")
        self._default_locale_lang = None
        self._dataset_schema = None
        self._form_languages = None


def _remove(g: Any, subject: Node, predicate: URIRef) -> None:
    """Remove a property and the blank nodes only it used."""
    for obj in list(g.objects(subject, predicate)):
        g.remove((subject, predicate, obj))
        if isinstance(obj, BNode) and (None, None, obj) not in g:
            for p in set(g.predicates(obj)):
                _remove(g, obj, p)


def _local_dataset_id(uri: str) -> str | None:
    """The id, in this portal, of the dataset a DCAT URI names: one of ours, or
    one harvested from another catalog (its ``uri`` extra)."""
    prefix = f"{catalog_uri().rstrip('/')}/dataset/"
    if uri.startswith(prefix):
        return uri[len(prefix) :]
    found = tk.get_action("package_search")(
        {"ignore_auth": True}, {"fq": f'extras_uri:"{uri}"', "rows": 1, "fl": "id"}
    )
    return found["results"][0]["id"] if found["results"] else None


def catalog_modified() -> str | None:
    """The catalog's ``dct:modified``: the latest ``metadata_modified`` of a
    public, active dataset (``2026-11-30T14:00:00.123456``), None for none.

    ckanext-dcat asks ``package_search`` (as a sysadmin) for it on every
    catalog page, through every chained action and plugin hook (about 2.5 ms);
    this asks the search index the same question directly.
    """
    query = search.query_for(model.Package)
    query.run(
        {
            "q": "*:*",
            "fq": "+capacity:public",  # run() adds this site and active datasets
            "fl": "validated_data_dict",
            "sort": "metadata_modified desc",
            "rows": 1,
        },
        permission_labels=None,
    )
    if not query.results:
        return None
    return json.loads(query.results[0]["validated_data_dict"])["metadata_modified"]


class PeCatalogProfile(_TypeAwareInit, EuropeanDCATAP3Profile):
    # --- CKAN -> RDF --------------------------------------------------------

    def _last_catalog_modification(self) -> str | None:
        # ckanext-dcat's hook for the catalog's dct:modified
        return catalog_modified()

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """Describe one dataset; one that cannot be described never fails the page.

        Validation keeps bad values out, but a catalog page carries 100
        datasets, some stored before a rule existed: a dataset whose
        description fails is logged and published with its core fields only
        (type, title, description, landing page), so harvesters still get
        the other 99 and a well-formed document.
        """
        dataset_dict = xml_safe(dataset_dict)
        # ckanext-dcat 2.4.4 names the publisher from organization_show answers
        # kept in a dict every profile of the process shares and never
        # refreshes: a renamed organization kept its old name in each web
        # worker. The dataset carries its organization (indexed again when it
        # is renamed: logic/group_index.py), which is all the name needs.
        org = dataset_dict.get("organization")
        self._org_cache = {org["id"]: org} if isinstance(org, dict) and org.get("id") else {}
        try:
            self._describe(dataset_dict, dataset_ref)
        except Exception:
            log.exception("DCAT: dataset %s published with its core fields only", dataset_ref)
            g = self.g
            for distribution in list(g.objects(dataset_ref, DCAT.distribution)):
                for predicate in set(g.predicates(distribution)):
                    _remove(g, distribution, predicate)
            for predicate in set(g.predicates(dataset_ref)):
                _remove(g, dataset_ref, predicate)
            self._core_only(dataset_dict, dataset_ref)

    def _core_only(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        g = self.g
        g.add((dataset_ref, RDF.type, DCAT.Dataset))
        g.add((dataset_ref, DCT.title, Literal(dataset_dict.get("title") or "")))
        g.add((dataset_ref, DCT.description, Literal(dataset_dict.get("notes") or "")))
        g.add((dataset_ref, DCT.identifier, Literal(dataset_dict.get("id") or "")))
        landing = f"{site_url()}/{dataset_dict.get('type')}/{dataset_dict.get('name')}"
        g.add((dataset_ref, DCAT.landingPage, URIRef(landing)))
        g.add((URIRef(landing), RDF.type, FOAF.Document))

    def _describe(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        super().graph_from_dataset(dataset_dict, dataset_ref)
        schema = _schema(dataset_dict.get("type"))
        if not schema:
            return
        g = self.g
        g.bind("pecat", terms.PECAT)
        maps = fields.field_maps(dataset_dict["type"])
        # this profile's mapping replaces the base's reading of same-named keys
        # (language, spatial, contact_email...) and CKAN's own dates where a
        # field says so (an HTA report's dct:issued is its publication date)
        for predicate in {fm.predicate for fm in maps} | {DCAT.contactPoint, DCT.language}:
            _remove(g, dataset_ref, predicate)

        g.add((dataset_ref, terms.PECAT.datasetType, Literal(dataset_dict["type"])))
        self._themes(dataset_ref, schema.get("dcat") or {})
        landing = URIRef(f"{site_url()}/{dataset_dict['type']}/{dataset_dict['name']}")
        g.add((dataset_ref, DCAT.landingPage, landing))
        g.add((landing, RDF.type, FOAF.Document))
        self._contact_point(dataset_dict, dataset_ref)
        if not any(fm.kind == "language" for fm in maps):
            self._language(dataset_ref, self._default_lang)

        writer = fields.Writer(g, dataset_ref, lambda id_: dataset_uri({"id": id_}))
        for fm in maps:
            value = dataset_dict.get(fm.name)
            if fm.kind == "datasets":
                value = self._relations(fm, dataset_ref, value or [])
            writer.write(fm, value)

        resource_maps = fields.field_maps(dataset_dict["type"], "resource")
        for position, resource in enumerate(dataset_dict.get("resources", [])):
            distribution = CleanedURIRef(resource_uri(resource))
            self._distribution(dataset_dict, resource, distribution)
            # distributions have no order in RDF; CKAN's resource list does
            g.add((distribution, terms.PECAT.order, Literal(position, datatype=XSD.integer)))
            resource_writer = fields.Writer(g, distribution, lambda id_: dataset_uri({"id": id_}))
            for fm in resource_maps:
                _remove(g, distribution, fm.predicate)
                resource_writer.write(fm, resource.get(fm.name))

    def _themes(self, dataset_ref: URIRef, spec: dict[str, Any]) -> None:
        g = self.g
        theme = spec.get("theme")
        if theme:
            concept = terms.DATA_THEME[theme]
            scheme = URIRef(str(terms.DATA_THEME).rstrip("/"))
            self._concept(concept, scheme, terms.EU_THEMES.get(theme, {"": theme}))
            g.add((scheme, DCT.title, Literal("Data theme", lang="en")))
            g.add((dataset_ref, DCAT.theme, concept))
        topic = spec.get("pnda_topic")
        if topic:
            scheme = URIRef(f"{site_url()}/group")
            concept = URIRef(f"{site_url()}/group/{topic}")
            self._concept(concept, scheme, {"es": pnda_topics().get(topic) or str(topic)})
            g.add(
                (
                    scheme,
                    DCT.title,
                    Literal("Temas de la Plataforma Nacional de Datos Abiertos", lang="es"),
                )
            )
            g.add((dataset_ref, DCAT.theme, concept))

    def _concept(self, concept: URIRef, scheme: URIRef, labels: dict[str, str]) -> None:
        g = self.g
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, scheme))
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        for lang, text in labels.items():
            g.add((concept, SKOS.prefLabel, Literal(text, lang=lang or None)))

    def _language(self, subject: URIRef, code: str) -> None:
        uri = terms.language_uri(code)
        if uri is not None:
            self.g.add((subject, DCT.language, uri))
            self.g.add((uri, RDF.type, DCT.LinguisticSystem))

    def _contact_point(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """The publishing institution, by name and page; an email field adds its address."""
        org = dataset_dict.get("organization")
        if not org:
            return
        contact = BNode()
        # vcard:Kind too: SHACL checks the class named by DCAT-AP, without inference
        self.g.add((contact, RDF.type, VCARD.Kind))
        self.g.add((contact, RDF.type, VCARD.Organization))
        self.g.add((contact, VCARD.fn, Literal(org["title"])))
        self.g.add((contact, VCARD.hasURL, URIRef(f"{site_url()}/organization/{org['name']}")))
        self.g.add((dataset_ref, DCAT.contactPoint, contact))

    def _relations(self, fm: fields.FieldMap, dataset_ref: URIRef, ids: list[str]) -> list[str]:
        """Related datasets anyone may see; those whose status the field names
        (an HTA report's ``reemplazado``) are also ``dct:replaces``."""
        replaced_status = fm.field["dcat"].get("replaces_status")
        visible = []
        for id_ in ids:
            related = access.public_dataset(id_)
            if related is None:
                continue
            visible.append(related["id"])
            if replaced_status and related.get("status") == replaced_status:
                self.g.add((dataset_ref, DCT.replaces, URIRef(dataset_uri(related))))
        return visible

    def _distribution(
        self, dataset_dict: dict[str, Any], resource: dict[str, Any], distribution: URIRef
    ) -> None:
        g = self.g
        # EU file types instead of the base's literal formats (DCAT-AP 3 wants a
        # dct:MediaTypeOrExtent)
        for predicate in (DCT["format"], DCAT.mediaType):
            _remove(g, distribution, predicate)
        fmt = resource.get("format")
        if fmt:
            node: URIRef | BNode | None = terms.file_type_uri(fmt)
            if node is None:
                node = BNode()
                g.add((node, RDFS.label, Literal(fmt)))
            g.add((node, RDF.type, DCT.MediaTypeOrExtent))
            g.add((distribution, DCT["format"], node))
        license_url = dataset_dict.get("license_url")
        if license_url and not resource.get("license"):
            licence = URIRef(license_url)
            g.add((distribution, DCT.license, licence))
            g.add((licence, RDF.type, DCT.LicenseDocument))
            if dataset_dict.get("license_title"):
                g.add((licence, DCT.title, Literal(dataset_dict["license_title"])))

    def graph_from_catalog(self, catalog_dict: dict[str, Any] | None, catalog_ref: URIRef) -> None:
        super().graph_from_catalog(catalog_dict, catalog_ref)
        g = self.g
        _remove(g, catalog_ref, DCT.language)
        for homepage in g.objects(catalog_ref, FOAF.homepage):
            g.add((homepage, RDF.type, FOAF.Document))
        for code in tk.aslist(tk.config.get("ckan.locales_offered")) or [self._default_lang]:
            self._language(catalog_ref, code)
        publisher = URIRef(tk.config.get("ckanext.pe_catalog.catalog_publisher_uri"))
        g.add((publisher, RDF.type, FOAF.Agent))
        name = tk.config.get("ckanext.pe_catalog.catalog_publisher_name")
        g.add((publisher, FOAF.name, Literal(name)))
        g.add((catalog_ref, DCT.publisher, publisher))
        scheme = URIRef(str(terms.DATA_THEME).rstrip("/"))
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, DCT.title, Literal("Data theme", lang="en")))
        g.add((catalog_ref, DCAT.themeTaxonomy, scheme))

    # --- RDF -> CKAN --------------------------------------------------------

    def _parse_geodata(self, spatial: Node, datatype: URIRef, cur_value: str | None) -> Any:
        """ckanext-dcat 2.4.4 reads only literal geometries; DCAT-AP 3 has a
        locn:Geometry node, whose GeoSPARQL literals it can read."""
        nodes = [o for o in self.g.objects(spatial, datatype) if not isinstance(o, Literal)]
        if not nodes:
            return super()._parse_geodata(spatial, datatype, cur_value)
        for node in nodes:
            geojson = self.g.value(node, GSP.asGeoJSON)
            if geojson is not None:
                return str(geojson)
        return cur_value

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> dict[str, Any]:
        dataset_dict = super().parse_dataset(dataset_dict, dataset_ref)
        dataset_type = self.g.value(dataset_ref, terms.PECAT.datasetType)
        schema = _schema(str(dataset_type)) if dataset_type else None
        if not schema:
            return dataset_dict
        dataset_dict["type"] = str(dataset_type)
        # the landing page is the source portal's page, not a field; of the
        # base's extras only the dataset URI is kept (the schema has the rest)
        dataset_dict.pop("url", None)
        dataset_dict["extras"] = [e for e in dataset_dict["extras"] if e["key"] == "uri"]

        reader = fields.Reader(self.g, dataset_ref, _local_dataset_id)
        for fm in fields.field_maps(dataset_dict["type"]):
            value = reader.read(fm)
            if value is not None:
                dataset_dict[fm.name] = value

        resource_maps = fields.field_maps(dataset_dict["type"], "resource")
        resource_names = set(schema_fields.field_names(schema, "resource"))
        dataset_dict["resources"].sort(key=self._position)
        for resource in dataset_dict["resources"]:
            distribution = _node(resource["distribution_ref"])
            fmt = self.g.value(distribution, DCT["format"])
            if isinstance(fmt, URIRef):
                resource["format"] = terms.format_of_file_type(str(fmt)) or str(fmt)
            elif fmt is not None and self.g.value(fmt, RDFS.label) is not None:
                resource["format"] = str(self.g.value(fmt, RDFS.label))
            resource_reader = fields.Reader(self.g, distribution, _local_dataset_id)
            for fm in resource_maps:
                value = resource_reader.read(fm)
                if value is not None:
                    resource[fm.name] = value
            for key in list(resource):
                if key not in resource_names and key not in _RESOURCE_IDENTITY:
                    del resource[key]
        return dataset_dict

    def _position(self, resource: dict[str, Any]) -> int:
        order = self.g.value(_node(resource["distribution_ref"]), terms.PECAT.order)
        return int(order) if order is not None else 0


def _node(ref: str) -> URIRef | BNode:
    """ckanext-dcat keeps a distribution reference as text; blank nodes have no scheme."""
    return URIRef(ref) if ":" in ref else BNode(ref)


class PeCatalogSchemaOrgProfile(_TypeAwareInit, SchemaOrgProfile):
    """schema.org ``Dataset`` for the dataset pages (ckanext-dcat's
    ``structured_data`` plugin), with the catalog's landing page, language and
    the type's coverage in time and space."""

    def additional_fields(self, dataset_ref: URIRef, dataset_dict: dict[str, Any]) -> None:
        schema = _schema(dataset_dict.get("type"))
        if not schema:
            return
        g = self.g
        # the type's own page, not CKAN's generic /dataset/<name>
        page = f"{site_url()}/{schema['dataset_type']}/{dataset_dict['name']}"
        _remove(g, dataset_ref, SCHEMA.url)
        g.add((dataset_ref, SCHEMA.url, URIRef(page)))
        g.add((dataset_ref, SCHEMA.isAccessibleForFree, Literal(True)))
        g.add((dataset_ref, SCHEMA.inLanguage, Literal(dataset_dict.get("language") or "es")))
        by_kind = {fm.kind: fm for fm in fields.field_maps(schema["dataset_type"])}
        start, end = by_kind.get("period_start"), by_kind.get("period_end")
        if start and dataset_dict.get(start.name):
            until = (dataset_dict.get(end.name) if end else None) or ".."
            coverage = f"{dataset_dict[start.name]}/{until}"
            g.add((dataset_ref, SCHEMA.temporalCoverage, Literal(coverage)))
        places = by_kind.get("places")
        for code in (dataset_dict.get(places.name) or []) if places else []:
            place = BNode()
            g.add((place, RDF.type, SCHEMA.Place))
            g.add((place, SCHEMA.name, Literal(ubigeo.place_name(code))))
            g.add((dataset_ref, SCHEMA.spatialCoverage, place))
