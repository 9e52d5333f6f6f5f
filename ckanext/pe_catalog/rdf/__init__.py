"""DCAT-AP 3 and schema.org output of the catalog (ckanext-dcat profiles)."""
