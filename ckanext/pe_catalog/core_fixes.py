"""Fixes for faults of CKAN 2.12.0 itself that users of the portal hit.

Each is as narrow as the fault and says where it sits; drop it when the pinned
CKAN fixes it upstream.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def _empty_stream_has_no_page_link(
    make_url: Callable[..., Any],
) -> Callable[..., Any]:
    @functools.wraps(make_url)
    def wrapper(has_more: bool, stream: list[dict[str, Any]], **kwargs: Any) -> Any:
        return make_url(has_more, stream, **kwargs) if stream else None

    wrapper.pe_catalog_fixed = True  # type: ignore[attr-defined]
    return wrapper


def activity_paging() -> None:
    """ckanext-activity's pages link to newer and older activities from the first
    and last activity shown; a ``before`` or ``after`` that selects none (an
    activity page of a period with no activity) failed with IndexError, a 500.
    With nothing shown there is nothing to page from."""
    from ckanext.activity import views

    for name in ("_get_older_activities_url", "_get_newer_activities_url"):
        original = getattr(views, name)
        if not getattr(original, "pe_catalog_fixed", False):
            setattr(views, name, _empty_stream_has_no_page_link(original))


def _named_page_links(pager: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(pager)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        import ckan.plugins.toolkit as tk
        import dominate.tags as tags
        from markupsafe import Markup

        # dominate elements, as CKAN passes them: the pager escapes plain text
        def symbol(icon: str, name: str) -> Any:
            return tags.span(
                tags.i(cls=f"fa-solid {icon}", aria_hidden="true"),
                tags.span(name, cls="visually-hidden"),
            )

        kwargs.setdefault("symbol_previous", symbol("fa-chevron-left", tk._("Previous page")))
        kwargs.setdefault("symbol_next", symbol("fa-chevron-right", tk._("Next page")))
        links = pager(self, *args, **kwargs)
        if not links:
            return links
        return Markup('<nav aria-label="{}">{}</nav>').format(tk._("Pages of results"), links)

    wrapper.pe_catalog_fixed = True  # type: ignore[attr-defined]
    return wrapper


def page_links() -> None:
    """CKAN's pager draws "previous" and "next" as bare icons: links with no name
    for a screen reader (axe link-name, WCAG 2.4.4). Give them a hidden name and
    the links a navigation landmark."""
    from ckan.lib.pagination import Page

    if not getattr(Page.pager, "pe_catalog_fixed", False):
        Page.pager = _named_page_links(Page.pager)  # type: ignore[method-assign]


def apply() -> None:
    activity_paging()
    page_links()
