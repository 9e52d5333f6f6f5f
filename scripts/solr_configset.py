"""Write the ``ckan`` Solr configset: schema, Spanish analysis, synonyms, solrconfig.

CKAN's own ``schema.xml`` is read from the installed ``ckan`` package (it is
never copied into this repository) and gets:

- the additions of the official ``ckan/ckan-solr:*-solr9-spatial`` image: the
  JTS-backed ``location_rpt`` type with ``spatial_geom``, and the bbox fields
  used by ckanext-spatial;
- Spanish analysis in CKAN's ``text`` type, the type of ``title``, ``notes``,
  ``text`` (every field's copy) and the ``extras_*`` fields (the dataset types'
  own text fields). Field names are unchanged, so CKAN and its extensions
  query as before. Lucene's Spanish stop words (Snowball's list, read from
  Solr's own classpath), Lucene's Spanish plural stemmer and Snowball's Spanish
  stemmer (gender, plural, common suffixes: "niñas" and "niños", "diabéticos"
  and "diabetes"; the light stemmer left short words' gender apart and found
  less, bench/search_relevance.py) and accent folding replace the English
  Porter stemmer; the domain synonyms of
  ``solr/synonyms.yaml`` are expanded when indexing;
- a ``spell`` field (lower-cased words of titles, descriptions, tags and the
  types' text fields, accents kept) for the spellcheck component of
  ``solr/solrconfig.xml``.

``--analysis=ckan`` keeps CKAN's English ``text`` type and leaves out the
parts of ``solr/solrconfig.xml`` marked "suite search" (the spellcheck
component, the phrase boost, mm.autoRelax): CKAN's search as shipped, the
baseline of ``bench/search_relevance.py``; the fields are the same.

Usage: python scripts/solr_configset.py [--analysis=spanish|ckan] OUTPUT_DIR
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import ckan
import yaml

ROOT = Path(__file__).resolve().parent.parent
SYNONYMS_YAML = ROOT / "solr" / "synonyms.yaml"
SOLRCONFIG = ROOT / "solr" / "solrconfig.xml"

SPATIAL_TYPES = """
    <!-- ckanext-spatial (as in ckan/ckan-solr solr9-spatial) -->
    <fieldType name="location_rpt" class="solr.SpatialRecursivePrefixTreeFieldType"
        spatialContextFactory="JTS" autoIndex="true" validationRule="repairBuffer0"
        distErrPct="0.025" maxDistErr="0.001" distanceUnits="kilometers"/>
"""

SPATIAL_FIELDS = """
    <!-- ckanext-spatial (as in ckan/ckan-solr solr9-spatial) -->
    <field name="spatial_geom" type="location_rpt" indexed="true" multiValued="true"/>
    <field name="bbox_area" type="float" indexed="true" stored="true"/>
    <field name="maxx" type="float" indexed="true" stored="true"/>
    <field name="maxy" type="float" indexed="true" stored="true"/>
    <field name="minx" type="float" indexed="true" stored="true"/>
    <field name="miny" type="float" indexed="true" stored="true"/>
"""

# Lucene's copy of Snowball's Spanish stop words, on every Solr 9's classpath
# (lucene-analysis-common), so the configset carries no copy of its own.
SPANISH_STOP_WORDS = "org/apache/lucene/analysis/snowball/spanish_stop.txt"

# CKAN's word splitting, but not at a change of case: "EsSalud" is one word
# (split, its "es" is a stop word and the search found every "salud").
_WORDS = (
    '<filter class="solr.WordDelimiterGraphFilterFactory" generateWordParts="1"'
    ' generateNumberParts="1" catenateWords="{c}" catenateNumbers="{c}" catenateAll="0"'
    ' splitOnCaseChange="0"/>'
)
_SPANISH = (
    f'<filter class="solr.StopFilterFactory" words="{SPANISH_STOP_WORDS}"'
    ' format="snowball" ignoreCase="true"/>\n'
    '            <filter class="solr.SpanishPluralStemFilterFactory"/>\n'
    '            <filter class="solr.SnowballPorterFilterFactory" language="Spanish"/>\n'
    '            <filter class="solr.ASCIIFoldingFilterFactory"/>'
)

# CKAN's "text" type with Spanish analysis: the same tokenizer and word
# splitting as CKAN's. Synonyms are expanded when indexing: CKAN's dismax
# parser analyses a query word by word, so a query-time "ETS" could not meet
# "evaluación de tecnologías sanitarias". They are matched on the words as
# split and lower-cased, before stop words go (the file carries each phrase as
# written and folded, split the same way). A word the splitting cuts in parts
# ("COVID-19", "B18", "EsSalud") is searched as the phrase of its parts, not
# as any of them (autoGeneratePhraseQueries).
SPANISH_TEXT_TYPE = f"""<fieldType name="text" class="solr.TextField" positionIncrementGap="100"
        autoGeneratePhraseQueries="true">
        <!-- Spanish analysis (scripts/solr_configset.py) -->
        <analyzer type="index">
            <tokenizer class="solr.WhitespaceTokenizerFactory"/>
            {_WORDS.format(c=1)}
            <filter class="solr.FlattenGraphFilterFactory"/>
            <filter class="solr.LowerCaseFilterFactory"/>
            <filter class="solr.SynonymGraphFilterFactory" synonyms="synonyms_es.txt"
                ignoreCase="true" expand="true"/>
            <filter class="solr.FlattenGraphFilterFactory"/>
            {_SPANISH}
        </analyzer>
        <analyzer type="query">
            <tokenizer class="solr.WhitespaceTokenizerFactory"/>
            {_WORDS.format(c=0)}
            <filter class="solr.LowerCaseFilterFactory"/>
            {_SPANISH}
        </analyzer>
    </fieldType>"""

SPELL_TYPE = r"""
    <!-- spelling suggestions (scripts/solr_configset.py): words as written,
         lower-cased; numbers, codes and one- or two-letter words left out -->
    <fieldType name="text_spell" class="solr.TextField" positionIncrementGap="100">
        <analyzer>
            <tokenizer class="solr.StandardTokenizerFactory"/>
            <filter class="solr.LowerCaseFilterFactory"/>
            <filter class="solr.PatternReplaceFilterFactory" pattern=".*[\d_].*" replacement=""/>
            <filter class="solr.LengthFilterFactory" min="3" max="30"/>
        </analyzer>
    </fieldType>
"""

SPELL_FIELD = """
    <field name="spell" type="text_spell" indexed="true" stored="false" multiValued="true"/>
"""

SPELL_SOURCES = ("title", "notes", "tags", "extras_*")

_SUITE_SEARCH = re.compile(r"[ \t]*<!-- suite search: begin.*?<!-- suite search: end -->\n", re.S)
_WORD_PARTS = re.compile(r"[^\W\d_]+|\d+")
_TEXT_TYPE = re.compile(r'<fieldType name="text" class="solr\.TextField".*?</fieldType>', re.S)


def ckan_schema_path() -> Path:
    return Path(ckan.__file__).parent / "config" / "solr" / "schema.xml"


def add_after(text: str, tag: str, addition: str) -> str:
    if text.count(tag) != 1:
        raise SystemExit(f"CKAN's schema.xml has {text.count(tag)} {tag} tags, expected 1")
    return text.replace(tag, tag + addition, 1)


def schema(source: str, analysis: str = "spanish") -> str:
    """CKAN's ``schema.xml`` text with the suite's additions (see the module's doc)."""
    text = add_after(source, "<types>", SPATIAL_TYPES + SPELL_TYPE)
    text = add_after(text, "<fields>", SPATIAL_FIELDS + SPELL_FIELD)
    copies = "".join(f'<copyField source="{s}" dest="spell"/>\n' for s in SPELL_SOURCES)
    text = add_after(text, "</fields>", "\n" + copies)
    if analysis == "spanish":
        found = _TEXT_TYPE.findall(text)
        if len(found) != 1:
            raise SystemExit(f'CKAN\'s schema.xml has {len(found)} "text" field types, expected 1')
        text = _TEXT_TYPE.sub(lambda _m: SPANISH_TEXT_TYPE, text, count=1)
    elif analysis != "ckan":
        raise SystemExit(f"unknown analysis {analysis!r}: spanish or ckan")
    return text


def fold(term: str) -> str:
    """``term`` without its accents and diaeresis (as ASCIIFoldingFilter, for Spanish)."""
    decomposed = unicodedata.normalize("NFD", term)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def synonym_groups(data: dict) -> list[list[str]]:
    """The groups of ``solr/synonyms.yaml`` (``{domain: [{terms, source}]}``), checked.

    Raises ``ValueError`` for a group without a source, with fewer than two
    terms, or with a term Solr's synonym syntax cannot carry (``,``, ``=>``, ``\\``).
    """
    groups = []
    for domain, entries in data.items():
        for entry in entries:
            terms = [str(t).strip() for t in entry.get("terms") or []]
            if not str(entry.get("source") or "").strip():
                raise ValueError(f"{domain}: the group {terms} has no source")
            if len(set(t.lower() for t in terms)) < 2:
                raise ValueError(f"{domain}: the group {terms} needs two different terms")
            for term in terms:
                if not term or any(c in term for c in (",", "=>", "\\", "#")):
                    raise ValueError(f"{domain}: {term!r} cannot be written to a synonyms file")
            groups.append(terms)
    return groups


def split_words(term: str) -> str:
    """``term`` as the ``text`` type sees it when synonyms apply: lower-cased,
    split into letters and digits (WordDelimiterGraphFilter: "FF.AA." is
    "ff aa", "PM2.5" is "pm 2 5")."""
    return " ".join(_WORD_PARTS.findall(term.lower()))


def synonyms_text(data: dict) -> str:
    """Solr's synonyms format: one line of equivalent terms per group, each
    term as the analysis splits it, with and without accents."""
    lines = [
        "# Generated by scripts/solr_configset.py from solr/synonyms.yaml",
        "# (each group's source is there). Do not edit.",
    ]
    for terms in synonym_groups(data):
        forms: list[str] = []
        for term in terms:
            for form in (split_words(term), split_words(fold(term))):
                if form not in forms:
                    forms.append(form)
        lines.append(", ".join(forms))
    return "\n".join(lines) + "\n"


def write(out: Path, analysis: str = "spanish") -> None:
    out.mkdir(parents=True, exist_ok=True)
    source = ckan_schema_path().read_text(encoding="utf-8")
    (out / "schema.xml").write_text(schema(source, analysis), encoding="utf-8")
    data = yaml.safe_load(SYNONYMS_YAML.read_text(encoding="utf-8"))
    (out / "synonyms_es.txt").write_text(synonyms_text(data), encoding="utf-8")
    solrconfig = SOLRCONFIG.read_text(encoding="utf-8")
    if analysis == "ckan":
        solrconfig = _SUITE_SEARCH.sub("", solrconfig)
    (out / "solrconfig.xml").write_text(solrconfig, encoding="utf-8")
    # CKAN's schema names these three; they stay empty
    for name in ("synonyms.txt", "protwords.txt", "stopwords.txt"):
        (out / name).touch()


def main(argv: list[str]) -> None:
    analysis = "spanish"
    args = []
    for arg in argv:
        if arg.startswith("--analysis="):
            analysis = arg.split("=", 1)[1]
        else:
            args.append(arg)
    if len(args) != 1:
        raise SystemExit(__doc__)
    write(Path(args[0]), analysis)


if __name__ == "__main__":
    main(sys.argv[1:])
