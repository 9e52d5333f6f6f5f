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
# letters and marks of other categories that render as blank: Unicode's
# default-ignorable ones (combining grapheme joiner, Hangul fillers, Khmer
# inherent vowels, Mongolian and other variation selectors) and the blank
# Braille pattern
BLANK_CHARACTERS = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)


def _shows_nothing(char: str) -> bool:
    return char in BLANK_CHARACTERS or unicodedata.category(char) in INVISIBLE_CATEGORIES


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing (Unicode categories Z*, Cc, Cf, and BLANK_CHARACTERS)."""
    return all(_shows_nothing(c) for c in text)


def has_invisible(text: str) -> bool:
    """True when ``text`` holds a character that shows nothing (see :func:`is_blank`)."""
    return any(_shows_nothing(c) for c in text)
