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


def apply() -> None:
    activity_paging()
