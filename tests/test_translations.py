"""Every translation the suite ships is checked, never guessed.

A translation whose placeholders differ from its source string's fails when
the page formats it (``"{num}"`` given ``number=``: a 500 on every search
page in Spanish). A fuzzy entry, or one still carrying the previous source
string the catalog merge matched it from (``#| msgid``), is a guess.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

I18N = Path(__file__).resolve().parent.parent / "ckanext" / "pe_catalog" / "i18n"
PO_FILES = sorted(I18N.glob("*/LC_MESSAGES/*.po"))

# str.format fields ({name}, {0}, {name!r:>3}) and %-style ones (%(name)s, %s, %d)
_BRACE = re.compile(r"(?<!\{)\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_PERCENT = re.compile(r"%(?:\(([^)]+)\))?[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]")


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted (their order may change in translation)."""
    brace = [f"{{{m}}}" for m in _BRACE.findall(text)]
    percent = [f"%({m.group(1)})" if m.group(1) else m.group(0) for m in _PERCENT.finditer(text)]
    return sorted(brace + percent)


# Jinja's gettext (CKAN's templates) %-formats every message, so a lone "%"
# ("{rate} % a year") is read as a conversion ("% a") and breaks the page
_LONE_PERCENT = re.compile(r"%(?!%|\()")


def entry_problems(entry: polib.POEntry) -> list[str]:
    problems = []
    texts = [entry.msgid, entry.msgid_plural, entry.msgstr, *entry.msgstr_plural.values()]
    if any(_LONE_PERCENT.search(t) for t in texts if t):
        problems.append("a lone % sign (write the number with its sign as a placeholder)")
    if "fuzzy" in entry.flags:
        problems.append("fuzzy (a guess of the catalog merge)")
    if entry.previous_msgid or entry.previous_msgid_plural:
        problems.append(f"merged from another message ({entry.previous_msgid!r})")
    sources = [entry.msgid] if not entry.msgid_plural else [entry.msgid, entry.msgid_plural]
    wanted = placeholders(entry.msgid_plural or entry.msgid)
    translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
    for text in translations:
        if text and placeholders(text) not in (wanted, *(placeholders(s) for s in sources)):
            problems.append(f"placeholders {placeholders(text)} in {text!r}, source has {wanted}")
    return problems


def test_there_are_catalogs_to_check():
    assert [p.parent.parent.name for p in PO_FILES] == ["es"]


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_every_translation_keeps_the_placeholders_and_none_is_guessed(po_file):
    catalog = polib.pofile(str(po_file))
    problems = {entry.msgid: entry_problems(entry) for entry in catalog if not entry.obsolete}
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_check_catches_the_kind_of_entry_that_broke_the_search_pages():
    entry = polib.POEntry(
        msgid="{number} dataset found",
        msgid_plural="{number} datasets found",
        msgstr_plural={0: "{num} conjunto de datos", 1: "{num} conjuntos de datos"},
    )
    guessed = polib.POEntry(msgid="Relevance", msgstr="Reemplaza a", previous_msgid="Replaces")

    assert entry_problems(entry)
    assert entry_problems(guessed) == ["merged from another message ('Replaces')"]
    assert placeholders("%(count)s de {total}") == ["%(count)", "{total}"]
    assert entry_problems(polib.POEntry(msgid="at {rate} % a year", msgstr="a {rate} % anual"))


def test_make_i18n_never_merges_a_guess():
    setup_cfg = (I18N.parent.parent.parent / "setup.cfg").read_text()
    update = setup_cfg.split("[update_catalog]")[1].split("[")[0]
    assert re.search(r"^no_fuzzy_matching\s*=\s*true", update, re.MULTILINE)
