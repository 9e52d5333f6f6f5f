"""Write the Solr schema of the ``ckan`` configset.

CKAN's own ``schema.xml`` is read from the installed ``ckan`` package (it is
never copied into this repository) and gets exactly the additions of the
official ``ckan/ckan-solr:*-solr9-spatial`` image: the JTS-backed
``location_rpt`` type with ``spatial_geom``, and the bbox fields used by
ckanext-spatial.

Usage: python scripts/solr_schema.py OUTPUT_PATH
"""

from __future__ import annotations

import sys
from pathlib import Path

import ckan

SPATIAL_TYPES = """
    <!-- ckanext-spatial (as in ckan/ckan-solr solr9-spatial) -->
    <fieldType name="location_rpt" class="solr.SpatialRecursivePrefixTreeFieldType"
        spatialContextFactory="JTS" autoIndex="true" validationRule="repairBuffer0"
        distErrPct="0.025" maxDistErr="0.001" distanceUnits="kilometers"/>
"""

SPATIAL_FIELDS = """
    <!-- ckanext-spatial (as in ckan/ckan-solr solr9-spatial) -->
    <field name="spatial_geom" type="location_rpt" indexed="true" multiValued="true"/>
    <field name="bbox_area" type="float" indexed="true" stored="true"/>
    <field name="maxx" type="float" indexed="true" stored="true"/>
    <field name="maxy" type="float" indexed="true" stored="true"/>
    <field name="minx" type="float" indexed="true" stored="true"/>
    <field name="miny" type="float" indexed="true" stored="true"/>
"""


def ckan_schema_path() -> Path:
    return Path(ckan.__file__).parent / "config" / "solr" / "schema.xml"


def add_after(text: str, tag: str, addition: str) -> str:
    if text.count(tag) != 1:
        raise SystemExit(f"CKAN's schema.xml has {text.count(tag)} {tag} tags, expected 1")
    return text.replace(tag, tag + addition, 1)


def spatial_schema(source: str) -> str:
    if 'name="spatial_geom"' in source:
        return source
    text = add_after(source, "<types>", SPATIAL_TYPES)
    return add_after(text, "<fields>", SPATIAL_FIELDS)


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = Path(sys.argv[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(spatial_schema(ckan_schema_path().read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
