"""List fields written as text: one place for the separator.

A list field (``pe_list``) takes its items as a list, as a JSON array, or as
text with one item per line or separated by ``;``. The export and the CSV
import write and read lists the same way, so a file loads back unchanged.
"""

from __future__ import annotations

import json
import re
from typing import Any

LIST_SEPARATOR = ";"
LIST_JOINER = LIST_SEPARATOR + " "  # read back by splitting on the separator and trimming

# what an item joined as text cannot hold: the separator or a line break
_NOT_JOINABLE = re.compile(f"[{LIST_SEPARATOR}\r\n]")


def split(value: Any) -> list[Any] | None:
    """The items of a list value: a list as it is, a number as its only item, a
    JSON array parsed, text split by line and by the separator (untrimmed);
    None for anything else, including text that starts with ``[`` and is not
    a JSON array."""
    if isinstance(value, list):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except ValueError:
                return None
            return parsed if isinstance(parsed, list) else None
        return [part for line in text.splitlines() for part in line.split(LIST_SEPARATOR)]
    return None


def join(items: list[Any]) -> str | None:
    """``"a; b"`` when :func:`split` gives the same items back (trimmed strings
    with no separator or line break, not starting with ``[``); else None, and
    the caller writes a JSON array."""
    if not all(
        isinstance(item, str) and item == item.strip() and not _NOT_JOINABLE.search(item)
        for item in items
    ):
        return None
    joined = LIST_JOINER.join(items)
    return None if joined.startswith("[") else joined
