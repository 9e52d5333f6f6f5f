"""A dataset of the catalog as a DCAT-US 1.1 (Project Open Data v1.1) dataset.

The format of ``data.json``, which DKAN (Peru's national open-data platform)
publishes and harvests. Each field comes from where the DCAT-AP 3 profile
takes it: the schema fields' ``dcat`` declarations (:mod:`..rdf.fields`) say
which field is a dataset's temporal coverage (``dct:temporal``), spatial
coverage (``dct:spatial``), update frequency (``dct:accrualPeriodicity``),
release date (``dct:issued``), language and contact email, so a new field
declared there is published here too.

Shapes follow the official JSON Schema (``tests/data/dcat-us-1.1/``):

* ``temporal``: ``start/end`` (ISO 8601 interval of two dates), only when
  both ends are known: the schema has no open interval;
* ``spatial``: a bounding box ``"west,south,east,north"`` (decimal degrees,
  WGS 84) from the dataset's geometry, else the names of its UBIGEO places
  (INEI), ``; ``-separated;
* ``accrualPeriodicity``: an ISO 8601 repeating duration (``R/P1M``) or
  ``irregular``, from the EU frequency of the field's choice;
* ``bureauCode`` and ``programCode``: US OMB codes, which the schema makes
  mandatory. A Peruvian institution has none: the configured codes, by
  default ``000:00`` and ``000:000``, which data.gov itself adopted for
  "not applicable" (GSA/data.gov#5164).
"""

from __future__ import annotations

import json
import mimetypes
import re
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import ckan.plugins.toolkit as tk
from ckanext.dcat.profiles import DCAT, DCT, FOAF
from ckanext.dcat.utils import dataset_uri
from shapely.geometry import shape

from ckanext.pe_catalog import schema_fields, ubigeo
from ckanext.pe_catalog.rdf import fields, terms
from ckanext.pe_catalog.rdf.profiles import pnda_topics

CONFORMS_TO = "https://project-open-data.cio.gov/v1.1/schema"
CONTEXT = f"{CONFORMS_TO}/catalog.jsonld"
DESCRIBED_BY = f"{CONFORMS_TO}/catalog.json"

# EU frequency authority code -> ISO 8601 repeating duration, as the Project
# Open Data schema lists them (v1.1 "accrualPeriodicity"); NEVER has no
# counterpart and is left out
FREQUENCIES = {
    "CONT": "R/PT1S",
    "DAILY": "R/P1D",
    "WEEKLY": "R/P1W",
    "MONTHLY": "R/P1M",
    "QUARTERLY": "R/P3M",
    "ANNUAL_2": "R/P6M",
    "ANNUAL": "R/P1Y",
    "IRREG": "irregular",
}
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"

# OGC services: a distribution to access, not a file to download
SERVICE_STANDARDS = {
    "WMS": "http://www.opengis.net/def/serviceType/ogc/wms",
    "WFS": "http://www.opengis.net/def/serviceType/ogc/wfs",
    "WMTS": "http://www.opengis.net/def/serviceType/ogc/wmts",
}


def service_type(fmt: str) -> str | None:
    """``WMS``, ``WFS`` or ``WMTS`` for a format naming that OGC service
    (``WMS``, ``OGC:WMS``, ``wms``), else None."""
    name = fmt.strip().upper().removeprefix("OGC:")
    return name if name in SERVICE_STANDARDS else None


# the schema's own patterns (vcard.json hasEmail, distribution.json mediaType)
_EMAIL = re.compile(r"^[\w\_\~\!\$\&\'\(\)\*\+\,\;\=\:.-]+@[\w.-]+\.[\w.-]+?$")
_MEDIA_TYPE = re.compile(r"^[-\w]+/[-\w]+(\.[-\w]+)*([+][-\w]+)?$")
# the URL schemes a resource may have (CKAN accepts these)
SCHEMES = ("http", "https", "ftp")
# RFC 3986 §2.2 sub-delimiters, allowed unencoded in every part of a URI
_SUB_DELIMS = "!$&'()*+,;="
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# [userinfo@] host [:port], the host an IP literal in brackets or a name
_NETLOC = re.compile(r"^(?:[^@\[\]]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^@\[\]:]+)(?::\d*)?$")


def _ascii_host(netloc: str) -> str:
    """The netloc with an internationalised host name in its ASCII (IDNA) form,
    ``münchen.example`` -> ``xn--mnchen-3ya.example``, which resolves, where its
    percent-encoding would not."""
    userinfo, at, hostport = netloc.rpartition("@")
    host, colon, port = (
        hostport.partition(":") if not hostport.startswith("[") else (hostport, "", "")
    )
    if host.isascii():
        return netloc
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return netloc  # percent-encoded below: a URI still, if not a reachable one
    return f"{userinfo}{at}{host}{colon}{port}"


def as_uri(value: Any) -> str | None:
    """A URL as an RFC 3986 URI (the schema's ``format: uri``), None for a value
    that is not an absolute http(s) or ftp URL with a host (CKAN's own resource
    URL rule).

    Characters a URI cannot carry (non-ASCII, spaces, brackets outside the
    host, a ``%`` that starts no escape) are percent-encoded, each part with
    what RFC 3986 §3 allows in it; Python's parser rejects a malformed IPv6
    host or a port that is not a number.
    """
    text = str(value or "").strip()
    try:
        parts = urlsplit(_LONE_PERCENT.sub("%25", text))
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return None
    if not _NETLOC.match(parts.netloc):
        return None
    return urlunsplit(
        (
            parts.scheme.lower(),
            quote(_ascii_host(parts.netloc), safe=_SUB_DELIMS + ":@[]%"),
            quote(parts.path, safe=_SUB_DELIMS + ":@/%"),
            quote(parts.query, safe=_SUB_DELIMS + ":@/?%"),
            quote(parts.fragment, safe=_SUB_DELIMS + ":@/?%"),
        )
    )


def _maps(dataset_type: str, predicate: Any) -> list[fields.FieldMap]:
    return [fm for fm in fields.field_maps(dataset_type) if fm.predicate == predicate]


def _first(pkg: dict[str, Any], dataset_type: str, predicate: Any, kind: str) -> Any:
    for fm in _maps(dataset_type, predicate):
        if fm.kind == kind and pkg.get(fm.name) not in (None, "", []):
            return pkg[fm.name]
    return None


def themes(dataset_type: str) -> list[str]:
    """The type's EU data theme (in Spanish) and PNDA topic, as the DCAT
    profile publishes them (the schema's ``dcat.theme``, ``dcat.pnda_topic``)."""
    spec = (schema_fields.schema_of(dataset_type) or {}).get("dcat") or {}
    found = []
    if spec.get("theme"):
        found.append(terms.EU_THEMES.get(spec["theme"], {}).get("es") or spec["theme"])
    if spec.get("pnda_topic"):
        found.append(pnda_topics().get(spec["pnda_topic"]) or spec["pnda_topic"])
    return list(dict.fromkeys(found))  # the EU theme and the topic may share a name


def temporal(pkg: dict[str, Any]) -> str | None:
    start = _first(pkg, pkg["type"], DCT.temporal, "period_start")
    end = _first(pkg, pkg["type"], DCT.temporal, "period_end")
    if not (start and end):
        return None
    return f"{str(start)[:10]}/{str(end)[:10]}"


def spatial(pkg: dict[str, Any]) -> str | None:
    geometry = _first(pkg, pkg["type"], DCT.spatial, "geometry")
    if geometry:
        try:
            text = geometry if isinstance(geometry, str) else json.dumps(geometry)
            west, south, east, north = shape(json.loads(text)).bounds
            return ",".join(f"{v:g}" for v in (west, south, east, north))
        except (ValueError, TypeError, AttributeError, KeyError):
            pass  # stored before validation checked it: the places still say where
    places = _first(pkg, pkg["type"], DCT.spatial, "places")
    if not places:
        return None
    if isinstance(places, str):
        places = [places]
    if ubigeo.NATIONAL in places:
        return "Perú"
    return "; ".join(ubigeo.place_name(str(code)) for code in places) or None


def accrual_periodicity(pkg: dict[str, Any]) -> str | None:
    for fm in _maps(pkg["type"], DCT.accrualPeriodicity):
        choice = next((c for c in fm.choices if c["value"] == pkg.get(fm.name)), None)
        uri = (choice or {}).get("uri") or ""
        if uri.startswith(EU_FREQUENCY):
            return FREQUENCIES.get(uri[len(EU_FREQUENCY) :])
    return None


def languages(pkg: dict[str, Any]) -> list[str]:
    """ISO 639-1 codes (valid BCP 47 tags); the site's default language when
    the type has no language field, as in the DCAT profile."""
    for fm in fields.field_maps(pkg["type"]):
        if fm.kind == "language":
            value = pkg.get(fm.name) or []
            codes = [value] if isinstance(value, str) else list(value)
            return [c for c in codes if c in terms.LANGUAGES]
    return [tk.config.get("ckan.locale_default") or "es"]


def contact_email(pkg: dict[str, Any]) -> str:
    """The dataset's contact email where its type has one (``dcat:contactPoint``),
    else the catalog's (``ckanext.pe_catalog.contact_email``)."""
    email = _first(pkg, pkg["type"], DCAT.contactPoint, "contact_email")
    if isinstance(email, str) and _EMAIL.match(email):
        return email
    return tk.config.get("ckanext.pe_catalog.contact_email") or ""


def media_type(resource: dict[str, Any]) -> str:
    """The resource's IANA media type without parameters; guessed from its
    format or file name when CKAN did not store one, else the generic
    ``application/octet-stream``."""
    candidates = [
        str(resource.get("mimetype") or "").split(";")[0].strip(),
        mimetypes.guess_type(f"x.{str(resource.get('format') or '').lower()}")[0] or "",
        mimetypes.guess_type(str(resource.get("url") or ""))[0] or "",
    ]
    return next((c for c in candidates if _MEDIA_TYPE.match(c)), "application/octet-stream")


def distribution(resource: dict[str, Any]) -> dict[str, Any]:
    fmt = str(resource.get("format") or "").strip()
    url = as_uri(resource.get("url"))
    out: dict[str, Any] = {"@type": "dcat:Distribution"}
    if resource.get("name"):
        out["title"] = str(resource["name"])
    if resource.get("description"):
        out["description"] = str(resource["description"])
    if fmt:
        out["format"] = fmt
    service = service_type(fmt)
    if service:
        if url:
            out["accessURL"] = url
        out["conformsTo"] = SERVICE_STANDARDS[service]
    elif url:
        out["downloadURL"] = url
        out["mediaType"] = media_type(resource)
    return out


def _nonempty(value: Any, fallback: str) -> str:
    text = str(value or "").strip()
    return text if text else fallback


def dataset(pkg: dict[str, Any]) -> dict[str, Any]:
    """``pkg`` (a dataset dict as ``package_search`` returns it) as a DCAT-US
    1.1 dataset object. Optional members without a value are left out."""
    dataset_type = pkg["type"]
    org = pkg.get("organization") or {}
    publisher_name = _nonempty(org.get("title") or org.get("name"), tk.config["ckan.site_title"])
    title = _nonempty(pkg.get("title"), pkg["name"])
    keywords = [t["name"] for t in pkg.get("tags") or [] if str(t.get("name") or "").strip()]
    issued = _first(pkg, dataset_type, DCT.issued, "date") or pkg.get("metadata_created")
    site = tk.config["ckan.site_url"].rstrip("/")
    out: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "identifier": dataset_uri(pkg),
        "title": title,
        "description": _nonempty(pkg.get("notes"), title),
        "keyword": list(dict.fromkeys(keywords)) or themes(dataset_type) or [dataset_type],
        "issued": str(issued)[:10] if issued else None,
        "modified": pkg["metadata_modified"],
        "publisher": {"@type": "org:Organization", "name": publisher_name},
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": publisher_name,
            "hasEmail": f"mailto:{contact_email(pkg)}",
        },
        "accessLevel": "public",
        "bureauCode": [tk.config.get("ckanext.pe_catalog.dcat_us.bureau_code")],
        "programCode": [tk.config.get("ckanext.pe_catalog.dcat_us.program_code")],
        "license": as_uri(pkg.get("license_url")),
        "landingPage": as_uri(f"{site}/{dataset_type}/{pkg['name']}"),
        "language": languages(pkg) or None,
        "theme": themes(dataset_type) or None,
        "temporal": temporal(pkg),
        "spatial": spatial(pkg),
        "accrualPeriodicity": accrual_periodicity(pkg),
        "references": list(
            dict.fromkeys(
                uri for fm in _maps(dataset_type, FOAF.page) if (uri := as_uri(pkg.get(fm.name)))
            )
        )
        or None,
        "distribution": [distribution(r) for r in pkg.get("resources") or []] or None,
    }
    return {key: value for key, value in out.items() if value is not None}


def catalog_head(url: str) -> dict[str, Any]:
    """The catalog object's own members (``dataset`` is streamed after them)."""
    return {
        "@context": CONTEXT,
        "@id": url,
        "@type": "dcat:Catalog",
        "conformsTo": CONFORMS_TO,
        "describedBy": DESCRIBED_BY,
    }
