"""What counts as text a person can see, shared by the validators and the guard."""

from __future__ import annotations

import re
import unicodedata

# lone surrogates and Unicode non-characters (U+FDD0-FDEF, U+xFFFE/U+xFFFF of
# every plane): no encoder or XML takes them; a regex character-class body
NOT_CHARACTERS = r"\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(0x11)
)
# characters XML 1.0 cannot carry (the C0 controls but tab and line breaks,
# lone surrogates, U+FFFE and U+FFFF): RDF/XML with one of them is not XML
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# characters that show nothing: spaces, line breaks, controls, format characters
# (zero-width space, byte-order mark, direction marks)
INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing (only Unicode categories Z*, Cc and Cf)."""
    return all(unicodedata.category(c) in INVISIBLE_CATEGORIES for c in text)


def has_invisible(text: str) -> bool:
    """True when ``text`` holds a character that shows nothing (see :func:`is_blank`)."""
    return any(unicodedata.category(c) in INVISIBLE_CATEGORIES for c in text)
