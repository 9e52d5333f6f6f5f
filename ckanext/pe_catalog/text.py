"""What counts as text a person can see, shared by the validators and the guard."""

from __future__ import annotations

import unicodedata

# characters that show nothing: spaces, line breaks, controls, format characters
# (zero-width space, byte-order mark, direction marks)
INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing (only Unicode categories Z*, Cc and Cf)."""
    return all(unicodedata.category(c) in INVISIBLE_CATEGORIES for c in text)
