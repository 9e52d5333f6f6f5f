"""Integration tests of the environment plugin (dataset type environmental-data)."""
