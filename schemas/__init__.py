# Installed as the package ``ckanext.pe_catalog.schemas`` (see setup.py), so that
# ckanext-scheming can load "ckanext.pe_catalog.schemas:<file>.yaml" from a wheel.
