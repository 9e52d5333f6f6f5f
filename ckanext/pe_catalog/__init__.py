"""Shared parts of the catalog suite, used by the hta, pronabec and environment plugins."""
