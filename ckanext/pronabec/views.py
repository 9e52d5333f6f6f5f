"""Pages of the pronabec plugin: a call's application window as an iCalendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response
from icalendar import Calendar, Event

from ckanext.pe_catalog import dates

pronabec = Blueprint("pronabec", __name__, url_prefix="/scholarship")


def _visible_call(name: str) -> dict[str, Any]:
    """The call as the user may see it; 404 for missing, private or other types."""
    context = {"user": tk.current_user.name, "auth_user_obj": tk.current_user}
    try:
        pkg = tk.get_action("package_show")(context, {"id": name})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Dataset not found"))
    if pkg.get("type") != "scholarship":
        return tk.abort(404, tk._("Dataset not found"))
    return pkg


@pronabec.route("/<id>/deadline.ics")
def deadline_ics(id: str) -> Response:
    """The application window as one all-day event (DTEND is exclusive in iCalendar)."""
    pkg = _visible_call(id)
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
