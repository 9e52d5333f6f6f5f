"""The ``pronabec`` plugin: Pronabec scholarships and educational loans."""
