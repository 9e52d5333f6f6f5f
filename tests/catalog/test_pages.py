"""Pages served with the suite's templates (the top-level templates/ folder)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests.helpers import call_action

from harness.sample import dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_home_page_links_each_repository_in_spanish(app):
    soup = BeautifulSoup(app.get("/").body, "html.parser")

    links = {
        a["href"]: a.get_text(strip=True) for a in soup.select(".pe-catalog-repositories h2 a")
    }
    assert links == {
        "/hta-report/": "Evaluaciones de tecnologías sanitarias (RENETSA)",
        "/scholarship/": "Becas y créditos educativos (Pronabec)",
        "/environmental-data/": "Información ambiental (OEFA, SENACE, MINAM)",
    }


def test_home_page_in_english(app):
    soup = BeautifulSoup(app.get("/en/").body, "html.parser")

    titles = [a.get_text(strip=True) for a in soup.select(".pe-catalog-repositories h2 a")]
    assert "Scholarships and educational loans (Pronabec)" in titles


@pytest.mark.parametrize("dataset_type", ["hta-report", "scholarship", "environmental-data"])
def test_each_type_has_a_search_page(app, dataset_type):
    app.get(f"/{dataset_type}/", status=200)


def test_home_page_counts_public_datasets_per_repository(app, editor_org):
    org, context = editor_org["org"], {"user": editor_org["user"]["name"]}
    for name, private in [("beca-a", False), ("beca-b", False), ("beca-privada", True)]:
        call_action(
            "package_create",
            context=dict(context),
            **dataset_dict("scholarship", org["id"], name=name, private=private),
        )

    soup = BeautifulSoup(app.get("/").body, "html.parser")
    counts = {
        li["data-dataset-type"]: li.select_one(".pe-catalog-count").get_text(strip=True)
        for li in soup.select(".pe-catalog-repositories li")
    }
    assert counts["scholarship"] == "2 conjuntos de datos"
    assert counts["hta-report"] == "0 conjuntos de datos"
