"""axe-core violations per page and keyboard reach, measured in Debian's Chromium.

Usage (a running portal, e.g. ``make up``)::

    .venv/bin/python -m bench.accessibility [http://127.0.0.1:5000]

Prints, per page and language, the serious+critical violations (and all
violations) axe-core finds against WCAG 2.1 A/AA, the rules involved, the Tab
presses from the top of /scholarship/ to its first result, and the median
page load time (three loads per page).
"""

from __future__ import annotations

import collections
import statistics
import sys
import time
from typing import Any

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser import DESKTOP, axe_violations, blocking, chromium
from tests.browser.pages import anonymous_paths, every_page


def tabs_to_first_result(session: Any, base: str, skip: bool, limit: int = 200) -> int | None:
    """Key presses from the top of /scholarship/ until the first result's title link has focus.

    ``skip``: the first Tab reaches the skip link and Enter follows it (2 presses).
    """
    session.get(base + "/scholarship/")
    first = session.find_element(By.CSS_SELECTOR, ".dataset-item .dataset-heading a")
    done = 0
    if skip:
        ActionChains(session).send_keys(Keys.TAB).send_keys(Keys.ENTER).perform()
        done = 2
    for presses in range(done + 1, limit + 1):
        ActionChains(session).send_keys(Keys.TAB).perform()
        if session.switch_to.active_element == first:
            return presses
    return None


def main(base: str) -> None:
    paths = anonymous_paths(base)
    rules: collections.Counter[str] = collections.Counter()
    total_blocking = pages_blocking = 0
    load_times: dict[str, list[float]] = collections.defaultdict(list)
    with chromium(DESKTOP) as session:
        for language, path in every_page(paths):
            for _ in range(3):
                start = time.perf_counter()
                session.get(base + path)
                load_times[path].append(time.perf_counter() - start)
            violations = axe_violations(session)
            serious = blocking(violations)
            nodes = sum(len(v["nodes"]) for v in serious)
            total_blocking += nodes
            pages_blocking += bool(serious)
            rules.update({v["id"]: len(v["nodes"]) for v in serious})
            every = sum(len(v["nodes"]) for v in violations)
            rule_ids = " ".join(sorted(v["id"] for v in serious))
            print(f"{language} {path:70} serious+critical {nodes:4}  all {every:4}  {rule_ids}")
        tabs = tabs_to_first_result(session, base, skip=False)
        skipping = tabs_to_first_result(session, base, skip=True)
    print(
        f"\n{len(paths) * 2} pages, {pages_blocking} with serious/critical violations,"
        f" {total_blocking} nodes"
    )
    for rule, count in rules.most_common():
        print(f"  {rule:40} {count}")
    print(f"Tab presses from the top of /scholarship/ to the first result: {tabs}")
    print(f"...following the skip link (Tab, Enter, then Tab): {skipping}")
    print("median load time (s), es+en, 3 loads each:")
    for path, times in load_times.items():
        print(f"  {path:70} {statistics.median(times):.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000")
