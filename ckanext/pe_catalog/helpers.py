"""Template helpers shared by the suite (registered by the pe_catalog plugin)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk


def pe_catalog_dataset_counts() -> dict[str, int]:
    """Public datasets per dataset type, from one faceted search."""
    result = tk.get_action("package_search")(
        {},
        {"q": "*:*", "rows": 0, "facet.field": ["dataset_type"], "facet.limit": -1},
    )
    return dict(result["facets"].get("dataset_type", {}))
