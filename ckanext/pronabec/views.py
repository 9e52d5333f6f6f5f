"""Pages of the pronabec plugin: a call's application window as an iCalendar file,
and a call as a one-page A4 poster."""

from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response
from icalendar import Calendar, Event

from ckanext.pe_catalog import dates, qr
from ckanext.pe_catalog.access import visible_dataset

pronabec = Blueprint("pronabec", __name__, url_prefix="/scholarship")


@pronabec.route("/<id>/deadline.ics")
def deadline_ics(id: str) -> Response:
    """The application window as one all-day event (DTEND is exclusive in iCalendar)."""
    pkg = visible_dataset(id, "scholarship")
    opens = dates.as_date(pkg.get("application_open_date"))
    closes = dates.as_date(pkg.get("application_close_date"))
    if opens is None or closes is None:
        # a call without its window (harvested, or stored before the dates
        # were required) has no event to add
        return tk.abort(404, tk._("This call has no application dates"))
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


@pronabec.route("/<id>/print")
def print_poster(id: str) -> str:
    """The call as one A4 page for a school's notice board, with the QR code of its page.

    404 for a call the user may not read, as for a missing one.
    """
    pkg = visible_dataset(id, "scholarship")
    url = qr.canonical_url(qr.dataset_path(pkg))
    return tk.render(
        "scholarship/print.html",
        {
            "pkg": pkg,
            "canonical_url": url,
            "today": dates.today(),
            "qr_svg": qr.qr_svg_inline(url, tk._("QR code of this page: {url}").format(url=url)),
        },
    )
