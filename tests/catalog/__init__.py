"""Integration tests of the shared pe_catalog plugin and the portal as a whole."""
