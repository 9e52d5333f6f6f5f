"""URLs as the URIs DCAT-US 1.1 asks for (ckanext/pe_catalog/dcat_us/mapping.py).

data.json's ``downloadURL``, ``license``, ``landingPage`` and ``references``
are ``format: uri`` (RFC 3986). A resource URL is whatever its publisher typed:
whatever it is, what comes out is a URI the official schema accepts, or
nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import FormatChecker

from ckanext.pe_catalog.dcat_us.mapping import as_uri

URI = FormatChecker()
STARTS = [
    "http://",
    "https://",
    "HTTP://",
    "http://[",
    "http://[::1]",
    "http://u@",
    "http://x:",
    "http://x/%",
    "http://x/%4",
    "http://x?a=[",
    "http://x#f#",
    "https://a b/",
    "ftp://x/",
    "https://münchen.",
    "javascript:",
    "",
]


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(STARTS), st.text())
def test_any_text_gives_a_valid_uri_or_none(start, rest):
    uri = as_uri(start + rest)
    assert uri is None or URI.conforms(uri, "uri"), (start + rest, uri)


@pytest.mark.parametrize(
    ("url", "uri"),
    [
        ("https://example.gob.pe/informe.pdf", "https://example.gob.pe/informe.pdf"),
        ("https://example.gob.pe/año 2024.csv", "https://example.gob.pe/a%C3%B1o%202024.csv"),
        ("https://example.gob.pe/a?x=1&y=%41#top", "https://example.gob.pe/a?x=1&y=%41#top"),
        ("https://example.gob.pe/100%", "https://example.gob.pe/100%25"),
        ("  https://geo.example.gob.pe:8080/wms  ", "https://geo.example.gob.pe:8080/wms"),
        ("http://[::1]:5000/x", "http://[::1]:5000/x"),
        ("http://[::1", None),
        ("http://x:puerto/", None),
        ("ftp://example.gob.pe/a.csv", "ftp://example.gob.pe/a.csv"),
        # an internationalised host in its ASCII form, which resolves
        ("https://münchen.example/a b", "https://xn--mnchen-3ya.example/a%20b"),
        ("https://example.org:99999/x", None),
        ("gopher://example.gob.pe/", None),
        ("javascript:alert(1)", None),
        ("/dataset/relativo", None),
        ("", None),
        (None, None),
    ],
)
def test_examples(url, uri):
    assert as_uri(url) == uri
