"""scripts/solr_configset.py: the configset the portal's Solr runs on.

The Spanish analysis must leave every field CKAN and the extensions query
where it is (same names, same types but ``text``), and the synonyms must be
data a reader can trace (solr/synonyms.yaml's rules, stated in its header).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import lxml.etree as etree
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "solr_configset", ROOT / "scripts" / "solr_configset.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("solr_configset", module)
    spec.loader.exec_module(module)
    return module


configset = _load_script()
SYNONYMS = yaml.safe_load((ROOT / "solr" / "synonyms.yaml").read_text(encoding="utf-8"))


def _names(root: etree._Element, tag: str) -> dict[str, str]:
    return {el.get("name"): el.get("type") for el in root.iter(tag)}


def _copies(root: etree._Element) -> set[tuple[str, str]]:
    return {(el.get("source"), el.get("dest")) for el in root.iter("copyField")}


def _text_type(root: etree._Element) -> etree._Element:
    (found,) = [t for t in root.iter("fieldType") if t.get("name") == "text"]
    return found


@pytest.fixture(scope="module")
def ckan_schema() -> str:
    return configset.ckan_schema_path().read_text(encoding="utf-8")


@pytest.mark.parametrize("analysis", ["spanish", "ckan"])
def test_every_ckan_field_stays_as_it_is(ckan_schema: str, analysis: str) -> None:
    before = etree.fromstring(ckan_schema.encode())
    after = etree.fromstring(configset.schema(ckan_schema, analysis).encode())
    for tag in ("field", "dynamicField"):
        old, new = _names(before, tag), _names(after, tag)
        assert {k: new.get(k) for k in old} == old, tag
    added = set(_names(after, "field")) - set(_names(before, "field"))
    assert added == {"spell", "spatial_geom", "minx", "maxx", "miny", "maxy", "bbox_area"}
    assert _copies(before) <= _copies(after)
    assert {dest for _src, dest in _copies(after) - _copies(before)} == {"spell"}


def test_spanish_text_type_uses_solrs_spanish_components(ckan_schema: str) -> None:
    root = etree.fromstring(configset.schema(ckan_schema, "spanish").encode())
    for analyzer in _text_type(root).iter("analyzer"):
        classes = [f.get("class") for f in analyzer.iter("filter")]
        assert "solr.SnowballPorterFilterFactory" in classes, analyzer.get("type")
        snowball = next(f for f in analyzer.iter("filter") if "Snowball" in f.get("class"))
        assert snowball.get("language") == "Spanish"
        # irregular plurals ("luces", "países") first
        assert "solr.SpanishPluralStemFilterFactory" in classes
        assert "solr.ASCIIFoldingFilterFactory" in classes
        # stemming after the stop words and before the folding: the stemmer
        # knows the accented endings, the stop list the accented words
        stop = next(
            f for f in analyzer.iter("filter") if f.get("class") == "solr.StopFilterFactory"
        )
        assert stop.get("words") == configset.SPANISH_STOP_WORDS
        assert stop.get("format") == "snowball"
        assert (
            classes.index("solr.StopFilterFactory")
            < classes.index("solr.SpanishPluralStemFilterFactory")
            < classes.index("solr.SnowballPorterFilterFactory")
            < classes.index("solr.ASCIIFoldingFilterFactory")
        )
    index = next(a for a in _text_type(root).iter("analyzer") if a.get("type") == "index")
    synonyms = [
        f for f in index.iter("filter") if f.get("class") == "solr.SynonymGraphFilterFactory"
    ]
    assert [f.get("synonyms") for f in synonyms] == ["synonyms_es.txt"]


def test_ckan_analysis_is_ckans_own(ckan_schema: str, tmp_path: Path) -> None:
    before = etree.fromstring(ckan_schema.encode())
    after = etree.fromstring(configset.schema(ckan_schema, "ckan").encode())
    assert etree.tostring(_text_type(after)) == etree.tostring(_text_type(before))

    configset.write(tmp_path / "ckan", "ckan")
    configset.write(tmp_path / "spanish", "spanish")
    baseline = (tmp_path / "ckan" / "solrconfig.xml").read_text(encoding="utf-8")
    spanish = (tmp_path / "spanish" / "solrconfig.xml").read_text(encoding="utf-8")
    assert "suite search" not in baseline and "spellcheck" not in baseline
    assert "spellcheck" in spanish and "mm.autoRelax" in spanish
    for name in ("synonyms_es.txt", "synonyms.txt", "protwords.txt", "stopwords.txt"):
        assert (tmp_path / "ckan" / name).exists(), name
    for name in ("schema.xml", "solrconfig.xml"):
        etree.parse(str(tmp_path / "ckan" / name))  # well-formed


def test_unknown_analysis_is_refused(ckan_schema: str) -> None:
    with pytest.raises(SystemExit, match="unknown analysis"):
        configset.schema(ckan_schema, "english")


@pytest.mark.parametrize(
    ("term", "words"),
    [
        ("FF.AA.", "ff aa"),
        ("PM2.5", "pm 2 5"),
        ("TB-MDR", "tb mdr"),
        ("Beca18", "beca 18"),
        ("evaluación de tecnologías", "evaluación de tecnologías"),
    ],
)
def test_split_words_as_the_analysis_splits(term: str, words: str) -> None:
    assert configset.split_words(term) == words


def test_every_synonym_group_is_sourced_and_safe() -> None:
    groups = configset.synonym_groups(SYNONYMS)
    assert len(groups) >= 15
    for terms in groups:
        words = [configset.split_words(t) for t in terms]
        for term, split in zip(terms, words, strict=True):
            # a bare number would join every dataset that mentions it
            assert not split.isdigit(), term
            if " " in split:
                continue
            # one word is added to every dataset of the group: only an
            # abbreviation or a word of the group's longer term
            others = {w for other in words if other != split for w in other.split()}
            assert term.isupper() or split in others, (term, terms)


def test_synonyms_file_has_accented_and_folded_forms() -> None:
    text = configset.synonyms_text(SYNONYMS)
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(lines) == len(configset.synonym_groups(SYNONYMS))
    ets = next(line for line in lines if line.startswith("ets,"))
    assert "evaluación de tecnologías sanitarias" in ets
    assert "evaluacion de tecnologias sanitarias" in ets
    assert "ff aa" in text and "fuerzas armadas" in text
    assert not re.search(r"\bhta\b", text), "HTA is hipertensión arterial in Spanish"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hta": [{"terms": ["ETS", "evaluación"]}]}, "no source"),
        ({"hta": [{"terms": ["ETS", "ets"], "source": "x"}]}, "two different"),
        ({"hta": [{"terms": ["a, b", "c"], "source": "x"}]}, "cannot be written"),
        ({"hta": [{"terms": ["a => b", "c"], "source": "x"}]}, "cannot be written"),
    ],
)
def test_bad_groups_are_refused(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        configset.synonym_groups(data)
