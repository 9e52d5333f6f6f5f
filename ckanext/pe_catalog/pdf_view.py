"""``pe_pdf_view``: a resource view that shows a PDF inside the resource page.

The browser's own PDF reader draws the file (an ``<object>`` of type
``application/pdf``); where there is none (some phones), the view says so and
links to the download. CKAN 2.12 ships no PDF view, and ckanext-pdfview has not
been released since 2019 (it targets CKAN 2.8), so the suite keeps this one.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

PDF_FORMATS = {"pdf", "application/pdf"}


class PdfViewPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.IResourceView, inherit=True)

    # IConfigurer

    def update_config(self, config: Any) -> None:
        tk.add_template_directory(config, "../../templates")

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
        resource = data_dict["resource"]
        fmt = (resource.get("format") or "").strip().lower()
        mimetype = (resource.get("mimetype") or "").strip().lower()
        return fmt in PDF_FORMATS or mimetype == "application/pdf"

    def view_template(self, context: Context, data_dict: DataDict) -> str:
        return "pe_catalog/pdf_view.html"
