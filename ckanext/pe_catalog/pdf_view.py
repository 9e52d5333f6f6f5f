"""``pe_pdf_view``: a resource view that shows a PDF inside the resource page.

The browser's own PDF reader draws the file (an ``<object>`` of type
``application/pdf``); where there is none (some phones), the view says so and
links to the download. CKAN 2.12 ships no PDF view, and ckanext-pdfview has not
been released since 2019 (it targets CKAN 2.8), so the suite keeps this one.

Its template (``pe_catalog/pdf_view.html``) is among the shared templates the
``pe_catalog`` plugin registers; adding that folder a second time would make
every ``{% ckan_extends %}`` of the suite extend itself once more.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

PDF_FORMATS = {"pdf", "application/pdf"}


def shows(resource: dict[str, Any]) -> bool:
    """Whether the view shows the resource: a PDF by its format or type, and an
    uploaded file only when it was stored as a PDF (the portal serves it from
    its own origin: an HTML file labelled "PDF" would run as the page's own)."""
    fmt = str(resource.get("format") or "").strip().lower()
    mimetype = str(resource.get("mimetype") or "").strip().lower()
    if resource.get("url_type") == "upload":
        return mimetype == "application/pdf"
    return fmt in PDF_FORMATS or mimetype == "application/pdf"


class PdfViewPlugin(p.SingletonPlugin):
    p.implements(p.IResourceView, inherit=True)

    # IResourceView

    def info(self) -> dict[str, Any]:
        return {
            "name": "pe_pdf_view",
            "title": tk._("PDF"),
            "icon": "file-pdf",
            "iframed": True,
            "default_title": tk._("PDF"),
            "always_available": False,
        }

    def can_view(self, data_dict: DataDict) -> bool:
        return shows(data_dict["resource"])

    def view_template(self, context: Context, data_dict: DataDict) -> str:
        return "pe_catalog/pdf_view.html"

    def setup_template_variables(self, context: Context, data_dict: DataDict) -> dict[str, Any]:
        # a view made before the file changed shows a PDF only while it is one
        return {"is_pdf": shows(data_dict["resource"])}
