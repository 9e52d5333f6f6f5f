"""Pages of the hta plugin: citation downloads (BibTeX, RIS).

The CSV export of a search is the suite's, for every type (:mod:`ckanext.pe_catalog.export`).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response

from ckanext.hta import citation
from ckanext.pe_catalog.access import visible_dataset

hta = Blueprint("hta", __name__, url_prefix="/hta-report")


def _citation_file(
    id: str, render: Callable[[citation.Reference], str], mimetype: str, ext: str
) -> Response:
    ref = citation.Reference.from_dataset(visible_dataset(id, "hta-report"))
    return Response(
        render(ref),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{ref.key}.{ext}"'},
    )


@hta.route("/<id>/cite.bib")
def cite_bibtex(id: str) -> Response:
    return _citation_file(id, citation.bibtex, "application/x-bibtex", "bib")


@hta.route("/<id>/cite.ris")
def cite_ris(id: str) -> Response:
    return _citation_file(id, citation.ris, "application/x-research-info-systems", "ris")
