"""What tests and benchmarks share: sample records, real service processes, the browser.

Neither tests nor benchmarks themselves: ``tests/`` and ``bench/`` import from
here, and nothing here imports from either. Not shipped in the wheel (setup.py
packages ``ckanext.*`` only).

* :mod:`harness.sample`           minimal valid datasets of each type
* :mod:`harness.wsgi_server`      the portal under gunicorn, as ``make up`` serves it
* :mod:`harness.solr_node`        a Solr node of one's own, to stop and start
* :mod:`harness.pycsw_server`     a pycsw server of one's own (the CSW behind ``/csw``)
* :mod:`harness.dcat_us`          the official DCAT-US 1.1 JSON Schema, as a validator
* :mod:`harness.instance`         more CKAN instances (the harvesting source and target),
  driven through :mod:`harness.instance_driver`
* :mod:`harness.browser`          Debian's Chromium driven by Selenium, audited by
  axe-core (its npm project lives in ``harness/browser/``), and
  :mod:`harness.browser.pages`, the pages a person meets first
"""
