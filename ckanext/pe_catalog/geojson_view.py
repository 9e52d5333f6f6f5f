"""``pe_geojson_view``: ckanext-geoview's GeoJSON map preview (view type
``geojson_view``), safe for any resource.

ckanext-geoview 0.3.2's ``can_view`` reads the resource's ``url`` (CKAN's
``datapreview.on_same_domain``) and lower-cases its ``format`` before it
checks either: a resource created without a URL (CKAN 2.12 allows one) or
with a null format made ``package_create`` and ``resource_create`` answer 500
while they made the default previews. This subclass says "no preview" for such
a resource; everything else (view type, template, assets, settings) is
geoview's own.
"""

from __future__ import annotations

from typing import Any

from ckan.types import DataDict
from ckanext.geoview.plugin import GeoJSONView


class GeoJSONViewPlugin(GeoJSONView):
    def can_view(self, data_dict: DataDict) -> bool:
        resource: dict[str, Any] = data_dict.get("resource") or {}
        if not isinstance(resource.get("url"), str) or not resource["url"]:
            return False
        if not isinstance(resource.get("format"), str):
            return False
        return bool(super().can_view(data_dict))
