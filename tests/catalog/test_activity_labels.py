"""Activity streams name a dataset by its type's label, in the page's language."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.mark.parametrize(
    ("dataset_type", "spanish", "english"),
    [
        ("hta-report", "creó el informe de ETS", "created the HTA report"),
        # core's Spanish says "el": the label that takes it
        ("scholarship", "creó el registro de beca o crédito", "created the scholarship or loan"),
        (
            "environmental-data",
            "creó el conjunto de datos ambientales",
            "created the environmental dataset",
        ),
    ],
)
def test_the_activity_names_the_type(app, create_as_editor, dataset_type, spanish, english):
    create_as_editor(dataset_type, "uno")("uno")
    call_action("package_show", id="uno")

    for prefix, text in (("", spanish), ("/en", english)):
        page = app.get(f"{prefix}/dataset/activity/uno")
        item = BeautifulSoup(page.body, "html.parser").select_one("li.item.new-package")
        assert text in " ".join(item.get_text(" ").split())
