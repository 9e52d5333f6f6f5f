"""The language of the current request, also outside requests (commands, jobs).

Scheming's language helpers need a request; validators also run from the
command line (bulk import), where the portal's default language applies.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import has_request_context


def current_language() -> str:
    default = tk.config.get("ckan.locale_default") or "es"
    if has_request_context():
        return tk.h.lang() or default
    return default


def language_text(text: Any) -> str:
    """The current language's text of a ``{lang: text}`` label (Spanish, then English)."""
    if isinstance(text, dict):
        return (
            text.get(current_language())
            or text.get("es")
            or text.get("en")
            or next(iter(text.values()), "")
        )
    return "" if text is None else str(text)


def choice_label(choices: list[dict[str, Any]], value: Any) -> str:
    """The label of a scheming choice value, or the value itself when it is not a choice."""
    for choice in choices:
        if choice["value"] == value:
            return language_text(choice.get("label", value))
    return language_text(value)
