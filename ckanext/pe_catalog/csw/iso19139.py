"""An environmental dataset as an ISO 19139 record (``gmd:MD_Metadata``), for the CSW.

GeoIDEP (Peru's spatial data infrastructure, a GeoNetwork catalog) harvests
ISO 19139 over CSW. The record is written by pygeometa (geopython, the
project of pycsw and OWSLib) from its metadata control file (MCF), which this
module fills from the dataset:

* ``fileIdentifier``: the dataset's id; ``dataSetURI``: its DCAT URI;
* title, abstract, dates (creation, revision), language (ISO 639-2: ``spa``);
* keywords: the tags; the environmental components and economic sectors,
  each with its vocabulary (the suite's concept scheme); the UBIGEO places
  (type ``place``, INEI);
* ``topicCategory``: the ISO 19115 ``MD_TopicCategoryCode`` of each component
  and of the information category (``iso_topic`` of the schema's choices);
* the organization as ``pointOfContact`` (name, page, contact email);
* ``EX_GeographicBoundingBox`` of the geometry (WGS 84) and the temporal extent
  (an open end as GML's ``indeterminatePosition="now"``);
* ``referenceSystemInfo``: the dataset's ``crs`` (``EPSG:32718`` as code
  ``urn:ogc:def:crs:EPSG:32718``);
* ``MD_MaintenanceFrequencyCode`` from the update frequency (``iso`` of its
  choices);
* licence as ``useLimitation``; each resource as an online resource with its
  protocol: ``OGC:WMS``/``OGC:WFS`` for OGC services, else
  ``WWW:DOWNLOAD-1.0-http--download``.
"""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
import lxml.etree as etree
from ckanext.dcat.utils import dataset_uri
from pygeometa.schemas.iso19139 import ISO19139OutputSchema
from shapely.geometry import shape

from ckanext.pe_catalog import schema_fields, ubigeo
from ckanext.pe_catalog.dcat_us.mapping import as_uri, service_type
from ckanext.pe_catalog.rdf import terms
from ckanext.pe_catalog.rdf.profiles import xml_safe

GMD = "http://www.isotc211.org/2005/gmd"
GCO = "http://www.isotc211.org/2005/gco"
NAMESPACES = {"gmd": GMD, "gco": GCO}

DATASET_TYPE = "environmental-data"

# the protocol of an OGC service's online resource (the OGC/GeoNetwork names)
PROTOCOLS = {"WMS": "OGC:WMS", "WFS": "OGC:WFS", "WMTS": "OGC:WMTS"}
DOWNLOAD = "WWW:DOWNLOAD-1.0-http--download"
# formats that say how the data is represented (MD_SpatialRepresentationTypeCode)
VECTOR_FORMATS = {"GEOJSON", "SHP", "KML", "KMZ", "WFS", "GPKG"}
GRID_FORMATS = {"TIFF", "GEOTIFF", "WMS"}

# ISO 639-1 (CKAN) -> ISO 639-2/T (ISO 19139's LanguageCode)
ISO_639_2 = {"es": "spa", "en": "eng", "qu": "que", "ay": "aym"}


def _choice(dataset_type: str, field: str, value: Any) -> dict[str, Any]:
    return next((c for c in schema_fields.choices(dataset_type, field) if c["value"] == value), {})


def _label(choice: dict[str, Any]) -> str:
    label = choice.get("label") or choice.get("value") or ""
    return str(label.get("es") or label.get("en") or "") if isinstance(label, dict) else str(label)


def _values(pkg: dict[str, Any], field: str) -> list[Any]:
    value = pkg.get(field)
    if value in (None, "", []):
        return []
    return list(value) if isinstance(value, list) else [value]


def topic_categories(pkg: dict[str, Any]) -> list[str]:
    """ISO 19115 topic categories of each component, then of the information
    category: the most specific first, since pycsw 2.6 searches
    (``apiso:TopicCategory``) a record's first topic only."""
    topics = [
        _choice(pkg["type"], field, value).get("iso_topic")
        for field in ("environmental_components", "information_category")
        for value in _values(pkg, field)
    ]
    return list(dict.fromkeys(t for t in topics if t))


def _keywords(pkg: dict[str, Any]) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    tags = [t["name"] for t in pkg.get("tags") or [] if t.get("name")]
    if tags:
        sections["etiquetas"] = {"keywords": {"spa": tags}, "keywords_type": "theme"}
    for field in ("environmental_components", "economic_sectors"):
        labels = [_label(_choice(pkg["type"], field, v)) or str(v) for v in _values(pkg, field)]
        if labels:
            definition = schema_fields.field(pkg["type"], field) or {}
            sections[field] = {
                "keywords": {"spa": labels},
                "keywords_type": "theme",
                "vocabulary": {
                    "name": _label({"label": definition.get("label"), "value": field}),
                    "url": str(terms.vocab_scheme(field)),
                },
            }
    places = _values(pkg, "ubigeo")
    if places:
        names = [
            "Perú" if code == ubigeo.NATIONAL else ubigeo.place_name(str(code)) for code in places
        ]
        sections["ubigeo"] = {
            "keywords": {"spa": names},
            "keywords_type": "place",
            "vocabulary": {"name": "UBIGEO (INEI)", "url": str(terms.UBIGEO_SCHEME)},
        }
    return sections


def bounding_box(pkg: dict[str, Any]) -> list[float] | None:
    """[west, south, east, north] of the dataset's geometry (WGS 84), None without one."""
    geometry = pkg.get("spatial")
    if not geometry:
        return None
    try:
        text = geometry if isinstance(geometry, str) else json.dumps(geometry)
        return [round(v, 6) for v in shape(json.loads(text)).bounds]
    except (ValueError, TypeError, AttributeError, KeyError):
        return None


def _representation(pkg: dict[str, Any]) -> str:
    formats = {str(r.get("format") or "").upper() for r in pkg.get("resources") or []}
    if formats & VECTOR_FORMATS:
        return "vector"
    if formats & GRID_FORMATS:
        return "grid"
    return "textTable"


def _distribution(pkg: dict[str, Any]) -> dict[str, Any]:
    online = {}
    for position, resource in enumerate(pkg.get("resources") or []):
        url = as_uri(resource.get("url"))
        if not url:
            continue
        fmt = str(resource.get("format") or "").strip()
        service = service_type(fmt)
        protocol = PROTOCOLS[service] if service else None
        online[f"r{position}"] = {
            "url": url,
            "type": protocol or DOWNLOAD,
            "name": str(resource.get("name") or fmt or url),
            "description": str(resource.get("description") or "") or None,
            "function": "information" if protocol else "download",
            "format": fmt or None,
        }
    return online


def mcf(pkg: dict[str, Any]) -> dict[str, Any]:
    """pygeometa's metadata control file of ``pkg`` (a ``package_show`` dict)."""
    site = tk.config["ckan.site_url"].rstrip("/")
    org = pkg.get("organization") or {}
    language = ISO_639_2.get(tk.config.get("ckan.locale_default") or "es", "spa")
    identification: dict[str, Any] = {
        "language": language,
        "charset": "utf8",
        "title": {language: pkg.get("title") or pkg["name"]},
        "abstract": {language: pkg.get("notes") or pkg.get("title") or pkg["name"]},
        "dates": {
            "creation": pkg["metadata_created"][:10],
            "revision": pkg["metadata_modified"][:10],
        },
        "keywords": _keywords(pkg),
        "topiccategory": topic_categories(pkg) or ["environment"],
        "extents": {"spatial": [], "temporal": []},
        "url": f"{site}/{pkg['type']}/{pkg['name']}",
    }
    box = bounding_box(pkg)
    if box:
        identification["extents"]["spatial"].append({"bbox": box, "crs": 4326})
    start, end = pkg.get("temporal_start_date"), pkg.get("temporal_end_date")
    if start:
        # a coverage with no end runs to the present, as the portal reads it
        # (its coverage-year facet): GML's indeterminate position "now"
        identification["extents"]["temporal"].append(
            {"begin": str(start)[:10], "end": str(end)[:10] if end else "now"}
        )
    frequency = _choice(pkg["type"], "update_frequency", pkg.get("update_frequency")).get("iso")
    # mandatory in MD_MaintenanceInformation, which pygeometa always writes
    identification["maintenancefrequency"] = frequency or "unknown"
    # MD_ProgressCode: a dataset that will not be updated is complete
    identification["status"] = "completed" if frequency == "notPlanned" else "onGoing"
    if pkg.get("license_title") or pkg.get("license_url"):
        identification["rights"] = {
            language: " ".join(filter(None, [pkg.get("license_title"), pkg.get("license_url")]))
        }
        identification["accessconstraints"] = "otherRestrictions"
    contact = {
        "organization": org.get("title") or org.get("name") or tk.config["ckan.site_title"],
        "url": f"{site}/organization/{org.get('name')}" if org.get("name") else site,
        "email": pkg.get("contact_email") or tk.config.get("ckanext.pe_catalog.contact_email"),
        "country": "Perú",
    }
    return xml_safe(
        {
            "mcf": {"version": "1.0"},
            "metadata": {
                "identifier": pkg["id"],
                "language": language,
                "charset": "utf8",
                "hierarchylevel": "dataset",
                "datestamp": pkg["metadata_modified"],
                "dataseturi": dataset_uri(pkg),
            },
            "spatial": {"datatype": _representation(pkg), "geomtype": "composite"},
            "identification": identification,
            # "publisher" is written as the record's gmd:contact (mandatory), with
            # that role; pointOfContact and distributor where ISO puts them
            "contact": {"publisher": contact, "pointOfContact": contact, "distributor": contact},
            "distribution": _distribution(pkg),
        }
    )


def _fixed(xml: str, crs: str | None) -> str:
    """pygeometa's record, made what ISO 19139 asks for:

    * the reference system is the dataset's own (``crs``, e.g. ``EPSG:32718``):
      pygeometa writes the bounding box's (WGS 84, as ``EX_GeographicBoundingBox``
      always is);
    * a distribution format's name is a ``gco:CharacterString`` (pygeometa 0.19
      writes bare text there, which the schema refuses and OWSLib cannot read).
    """
    root = etree.fromstring(xml.encode("utf-8"))
    authority, _, number = str(crs or "").partition(":")
    if authority.upper() == "EPSG" and number.isdigit():
        for code in root.iterfind(
            "gmd:referenceSystemInfo//gmd:RS_Identifier/gmd:code/gco:CharacterString", NAMESPACES
        ):
            code.text = f"urn:ogc:def:crs:EPSG:{number}"
    for name in root.iterfind(".//gmd:MD_Format/gmd:name", NAMESPACES):
        if len(name) == 0:
            text, name.text = name.text, None
            etree.SubElement(name, f"{{{GCO}}}CharacterString").text = text
    return etree.tostring(root, encoding="unicode")


def record(pkg: dict[str, Any]) -> str:
    """``pkg`` (an ``environmental-data`` dataset dict) as ISO 19139 XML text."""
    xml = ISO19139OutputSchema().write(mcf(pkg))  # text, as stringify defaults to True
    return _fixed(str(xml), pkg.get("crs"))
