"""Citations of an HTA report: plain text, BibTeX and RIS.

Reference managers (Zotero, Mendeley, EndNote) import the BibTeX
``@techreport`` and the RIS ``RPRT`` records served at
``/hta-report/<name>/cite.bib`` and ``cite.ris``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.pe_catalog import schema_fields
from ckanext.pe_catalog.language import choice_label

PLACE = "Lima, Perú"


@dataclass(frozen=True)
class Reference:
    key: str
    title: str
    authors: list[str]
    institution: str
    report_type: str
    number: str
    date: str  # YYYY-MM-DD
    url: str
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    language: str = "es"
    note: str = ""

    @property
    def year(self) -> str:
        return self.date[:4]

    @classmethod
    def from_dataset(cls, pkg: dict[str, Any]) -> Reference:
        def label(field_name: str) -> str:
            return choice(pkg, field_name)

        organization = pkg.get("organization") or {}
        return cls(
            key=pkg["name"],
            title=pkg["title"],
            authors=list(pkg.get("authors") or []),
            institution=organization.get("title") or organization.get("name", ""),
            report_type=label("report_type"),
            number=pkg.get("report_code", ""),
            date=str(pkg.get("publication_date", ""))[:10],
            url=tk.url_for("hta-report.read", id=pkg["name"], _external=True),
            # plain text: the description's Markdown (**bold**, links) means nothing there
            abstract=tk.h.markdown_extract(pkg.get("notes") or "", extract_length=0),
            keywords=[t["display_name"] for t in pkg.get("tags") or []],
            language=pkg.get("language") or "es",
            note=tk._("Recommendation: {recommendation}").format(
                recommendation=label("recommendation")
            ),
        )


def choice(pkg: dict[str, Any], field_name: str) -> str:
    """The label, in the current language, of the report's value of a choice field."""
    return choice_label(schema_fields.choices("hta-report", field_name), pkg.get(field_name))


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def designation(report_type: str, number: str) -> str:
    """How a report is named: its type and its code ("Dictamen preliminar N° 012-2023"),
    or the code alone when it already starts with the type ("Revisión Sistemática
    N° 01-2022-INS/UNAGESP": no "Revisión sistemática Revisión Sistemática ...").
    """
    if not report_type or _folded(number).startswith(_folded(report_type)):
        return number
    return f"{report_type} {number}".strip()


def _sentence(text: str) -> str:
    """``text`` ending in a full stop, unless it already ends a sentence
    ("Quispe, L." stays as it is, as does a title that asks a question)."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def plain(ref: Reference) -> str:
    """The reference as text, in the order of the NLM/Vancouver style for
    technical reports: authors. Title. Designation. Place: Publisher; Year."""
    available = tk._("Available at: {url}").format(url=ref.url)
    parts = ["; ".join(ref.authors), ref.title, designation(ref.report_type, ref.number)]
    return " ".join(_sentence(p) for p in parts) + (
        f" {PLACE}: {ref.institution}; {ref.year}. {available}"
    )


# BibTeX counts every brace, escaped or not, to find where a value ends: a
# brace (or backslash) of the text is a LaTeX command in a balanced group
_BIBTEX_ESCAPES = {
    "\\": "{\\textbackslash}",
    "{": "{\\textbraceleft}",
    "}": "{\\textbraceright}",
    "~": "{\\textasciitilde}",  # else a non-breaking space
    "^": "{\\textasciicircum}",  # else a superscript
    **{c: "\\" + c for c in "&%$#_"},
}
_BIBTEX_SPECIAL = re.compile(r"[\\{}~^&%$#_]")
# " and " separates BibTeX's names: one inside a name must be hidden in braces
_AND = re.compile(r"\sand\s", re.IGNORECASE)


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group()], " ".join(text.split()))


def _bibtex_name(author: str) -> str:
    """One author for BibTeX's ``author`` list: "Last, First" as it is; a name
    without a comma (an institution: "Instituto Nacional de Salud") or with
    " and " in it is one name, kept whole in braces."""
    name = _bibtex_escape(author)
    return f"{{{name}}}" if "," not in author or _AND.search(author) else name


def bibtex(ref: Reference) -> str:
    escaped = {
        # the title's capitals as written (styles lowercase an unbraced title: "VIH")
        "title": f"{{{_bibtex_escape(ref.title)}}}",
        "author": " and ".join(_bibtex_name(a) for a in ref.authors),
        "url": ref.url,
    }
    fields = [
        ("title", ref.title),
        ("author", " and ".join(ref.authors)),
        ("institution", ref.institution),
        ("type", ref.report_type),
        ("number", ref.number),
        ("year", ref.year),
        ("date", ref.date),
        ("address", PLACE),
        ("url", ref.url),
        ("language", ref.language),
        ("abstract", ref.abstract),
        ("keywords", ", ".join(ref.keywords)),
        ("note", ref.note),
    ]
    body = ",\n".join(
        f"  {name} = {{{escaped.get(name) or _bibtex_escape(value)}}}"
        for name, value in fields
        if value
    )
    return f"@techreport{{{ref.key},\n{body}\n}}\n"


# what str.splitlines breaks a line at
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def ris(ref: Reference) -> str:
    lines = [("TY", "RPRT"), ("TI", ref.title)]
    lines += [("AU", author) for author in ref.authors]
    lines += [
        ("PY", ref.year),
        ("DA", ref.date.replace("-", "/")),
        ("PB", ref.institution),
        ("CY", PLACE),
        ("M3", ref.report_type),
        ("SN", ref.number),
        ("UR", ref.url),
        ("LA", ref.language),
        ("AB", " ".join(ref.abstract.split())),
    ]
    lines += [("KW", keyword) for keyword in ref.keywords]
    lines += [("N1", ref.note), ("ER", "")]
    # the RIS specification ends each line with CR LF; a value stays on its
    # line (readers that split lines also break at U+0085, U+2028...)
    return "".join(
        f"{tag}  - {_LINE_BREAKS.sub(' ', value)}\r\n"
        for tag, value in lines
        if value or tag == "ER"
    )
