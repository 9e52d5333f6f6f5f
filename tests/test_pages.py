"""Pages served with the suite's templates (the top-level templates/ folder)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

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
