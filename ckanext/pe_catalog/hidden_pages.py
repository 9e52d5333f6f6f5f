"""A dataset's pages answer 404, as for a missing dataset, to whom may not read it.

CKAN's dataset views check the permission each one needs (``package_update``
for the resources page, ``package_show`` elsewhere) and a refusal is a 403
naming the dataset ("no está autorizado para editar <name>"): the answer told a
private, draft or deleted dataset from a missing one. This check runs first on
every view of a dataset or of its resources (``/<type>/<id>/...``): for a
reader who may not read the dataset, the view is handed an id that names
nothing, so it answers with its own "missing" page (each view has its own
message), never a 403 of its own. The same for a dataset asked for under
another type's address (``/hta-report/<a scholarship>``): it is not there.
"""

from __future__ import annotations

import uuid

from ckan import model
from flask import Blueprint, request

from ckanext.pe_catalog.access import readable_ids, user_context
from ckanext.pe_catalog.logic.input_checks import registered_dataset_types

blueprint = Blueprint("pe_catalog_hidden_pages", __name__)


def _dataset_blueprints() -> set[str]:
    types = {"dataset", *registered_dataset_types()}
    return types | {f"{t}_resource" for t in types}


@blueprint.before_app_request
def hidden_dataset_page() -> None:
    view_args = request.view_args
    ref = (view_args or {}).get("id")
    if view_args is None or not isinstance(ref, str) or not request.blueprint:
        return
    if request.blueprint not in _dataset_blueprints():
        return
    package = model.Package.get(ref)
    if package is None:
        return  # the view's own 404
    url_type = request.blueprint.removesuffix("_resource")
    if (url_type != "dataset" and package.type != url_type) or package.id not in readable_ids(
        user_context(), [package.id]
    ):
        view_args["id"] = str(uuid.uuid4())
