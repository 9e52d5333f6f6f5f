"""Integration tests of the pronabec plugin (dataset type scholarship)."""
