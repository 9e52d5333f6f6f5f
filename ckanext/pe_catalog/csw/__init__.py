"""OGC CSW 2.0.2 (pycsw) for the environmental datasets: ISO 19139 records kept in step."""
