"""Pages of the pronabec plugin: a call's application window as an iCalendar file."""

from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response
from icalendar import Calendar, Event

from ckanext.pe_catalog import dates
from ckanext.pe_catalog.access import visible_dataset

pronabec = Blueprint("pronabec", __name__, url_prefix="/scholarship")


@pronabec.route("/<id>/deadline.ics")
def deadline_ics(id: str) -> Response:
    """The application window as one all-day event (DTEND is exclusive in iCalendar)."""
    pkg = visible_dataset(id, "scholarship")
    opens = dates.as_date(pkg["application_open_date"])
    closes = dates.as_date(pkg["application_close_date"])
    url = tk.url_for("scholarship.read", id=pkg["name"], _external=True)

    calendar = Calendar()
    calendar.add("prodid", "-//Datos Abiertos del Perú//Becas y créditos//ES")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{pkg['id']}@{tk.config.get('ckan.site_id')}")
    event.add("summary", tk._("Applications: {title}").format(title=pkg["title"]))
    event.add("dtstart", opens)
    event.add("dtend", closes + dt.timedelta(days=1))
    event.add("dtstamp", dt.datetime.now(dt.timezone.utc))
    event.add("url", url)
    event.add(
        "description",
        tk._("Applications close on {date} (Lima time). How to apply: {url}").format(
            date=closes.isoformat(), url=pkg.get("application_url") or url
        ),
    )
    calendar.add_component(event)
    return Response(
        calendar.to_ical(),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{pkg["name"]}.ics"'},
    )
