# Installed as the package ``ckanext.pe_catalog.templates`` (see setup.py); the
# pe_catalog plugin registers this folder as a CKAN template directory.
