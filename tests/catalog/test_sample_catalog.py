"""The sample catalog: loads twice without duplicates, valid, clearly marked."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from ckan import model
from ckan.cli.cli import ckan
from ckan.tests.helpers import call_action

from ckanext.pe_catalog.sample_data import sample_datasets

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _counts() -> dict[str, int]:
    rows = (
        model.Session.query(model.Package.type, model.Package.id)
        .filter(model.Package.state == "active")
        .all()
    )
    counts: dict[str, int] = {}
    for dataset_type, _id in rows:
        counts[dataset_type] = counts.get(dataset_type, 0) + 1
    return counts


def test_sample_loads_twice_without_duplicates(cli, app):
    first = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    after_first = _counts()
    second = cli.invoke(ckan, ["pe-catalog", "seed"], catch_exceptions=False)
    assert second.exit_code == 0, second.output

    assert _counts() == after_first
    assert after_first["hta-report"] >= 30
    assert after_first["scholarship"] >= 20
    assert after_first["environmental-data"] >= 20
    tagged = call_action("package_search", fq="+tags:datos-de-ejemplo", rows=0)["count"]
    assert tagged == sum(after_first.values())
    groups = {g["name"] for g in call_action("group_list", all_fields=True)}
    assert groups == {"salud", "educacion", "medio-ambiente-y-recursos-naturales"}

    name = sample_datasets(dt.date.today())[0]["name"]
    soup = BeautifulSoup(app.get(f"/hta-report/{name}").body, "html.parser")
    assert "Datos de ejemplo" in soup.select_one(".pe-sample-notice").get_text()


def test_sample_calls_are_open_upcoming_and_closed_on_any_day():
    for today in [dt.date(2026, 11, 29), dt.date(2027, 6, 1)]:
        states = set()
        for data in sample_datasets(today):
            if data["type"] != "scholarship":
                continue
            opens = dt.date.fromisoformat(data["application_open_date"])
            closes = dt.date.fromisoformat(data["application_close_date"])
            states.add("upcoming" if today < opens else "closed" if today > closes else "open")
        assert states == {"open", "upcoming", "closed"}
