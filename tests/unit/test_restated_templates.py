"""Templates the suite restates instead of extending, pinned to their originals.

The suite overrides a CKAN or extension template by its blocks
(``{% ckan_extends %}``) wherever the original has a block for the change. A
few originals have none (snippets), so the suite restates them; each is listed
here with the hash of the original it was written against. When CKAN or an
extension changes that original, this test fails: re-read the new original,
carry its change into the restatement, then update the hash.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# the suite's template folders: shared, then each type plugin's own
TEMPLATE_DIRS = [
    ROOT / "templates",
    ROOT / "ckanext/hta/templates",
    ROOT / "ckanext/pronabec/templates",
    ROOT / "ckanext/environment/templates",
]
# packages whose templates the suite may shadow, and their template folders
UPSTREAM = {
    "ckan": "templates",
    "ckanext.activity": "templates",
    "ckanext.scheming": "templates",
    "ckanext.harvest": "templates",
    "ckanext.dcat": "templates",
    "ckanext.spatial": "templates",
}

# our template -> {(package, path of the original): sha256 of the original}
RESTATED: dict[str, dict[tuple[str, str], str]] = {
    # a legend for the group of boxes (scheming's label named no control)
    "scheming/form_snippets/multiple_checkbox.html": {
        ("ckanext.scheming", "templates/scheming/form_snippets/multiple_checkbox.html"): (
            "09063f8899394f59fbe5101346802e89446dea83d5315f2bc487986ba74ad0fd"
        ),
    },
    # dates in the page's language, without scheming's time-zone shift
    "scheming/display_snippets/date.html": {
        ("ckanext.scheming", "templates/scheming/display_snippets/date.html"): (
            "1b72706ca1676da919da9b6e884a8d1ceabfb361ef60de7073e96cacc1bb7787"
        ),
    },
    # the block of scheming's field table, without the summary's fields
    "scheming/package/snippets/additional_info.html": {
        ("ckanext.scheming", "templates/scheming/package/snippets/additional_info.html"): (
            "10e8ef34478f45926fd3975c0814bcc115eac7107e8f5841b1ce01cd52552751"
        ),
    },
    # the home page's repositories (core's intro text has no block)
    "home/snippets/promoted.html": {
        ("ckan", "templates/home/snippets/promoted.html"): (
            "1b1b8d48715bd450838e681a1de162bd737d4b667c0eb4bf2ff363d3d5cd6907"
        ),
    },
    # a real button to close the facets on a phone
    "package/snippets/search_facets.html": {
        ("ckan", "templates/package/snippets/search_facets.html"): (
            "825a19a7e0f75a1095944086c571daa9e7b693355c5420f9ea2f635a19f77109"
        ),
    },
    # result counts named by each type's label (ckanext-harvest restates it too)
    "snippets/search_result_text.html": {
        ("ckan", "templates/snippets/search_result_text.html"): (
            "aad2ef12d7b27763fac3860dd3cab4d043519f635085024d3b36de5090564478"
        ),
        ("ckanext.harvest", "templates/snippets/search_result_text.html"): (
            "597640b635381afcec080f33bab49bcc584a93a6a68d16407d4fc560e4d05218"
        ),
    },
    # activity types named in the page's language
    "snippets/activity_type_selector.html": {
        ("ckanext.activity", "templates/snippets/activity_type_selector.html"): (
            "2fe4e7f0a337c0c49aad2b5ce0537ce8f2af5673abb454536228abe50b2f2e98"
        ),
    },
}


def _original(package: str, path: str) -> bytes:
    return resources.files(package).joinpath(path).read_bytes()


def _ours() -> dict[str, Path]:
    found = {}
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            found[path.relative_to(folder).as_posix()] = path
    return found


def _shadowed(name: str) -> list[tuple[str, str]]:
    """The upstream templates of the same name, by package."""
    return [
        (package, f"{folder}/{name}")
        for package, folder in UPSTREAM.items()
        if resources.files(package).joinpath(folder, name).is_file()
    ]


@pytest.mark.parametrize(
    ("ours", "package", "path"),
    [(ours, package, path) for ours, originals in RESTATED.items() for package, path in originals],
)
def test_a_restated_template_still_matches_its_original(ours, package, path):
    expected = RESTATED[ours][(package, path)]
    digest = hashlib.sha256(_original(package, path)).hexdigest()
    assert digest == expected, (
        f"{package}'s {path} changed: carry its change into templates/{ours}, "
        f"then pin sha256 {digest}"
    )


def test_every_restatement_is_pinned():
    """A template that shadows an original without extending it is listed above."""
    unpinned = []
    for name, path in _ours().items():
        text = path.read_text(encoding="utf-8")
        extends = "{% ckan_extends %}" in text or "{% extends" in text
        if _shadowed(name) and not extends and name not in RESTATED:
            unpinned.append(name)
    assert unpinned == []
