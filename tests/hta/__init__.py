"""Integration tests of the hta plugin (dataset type hta-report)."""
