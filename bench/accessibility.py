"""axe-core violations per page, keyboard reach and page times, in Debian's Chromium.

Usage (running portals on the same database, e.g. ``make up``)::

    .venv/bin/python -m bench.accessibility URL [BASELINE_URL]

For each portal: per page and language, the serious+critical violations axe-core
finds against WCAG 2.1 A/AA (and all violations), the rules involved, and the
Tab presses from the top of /scholarship/ to its first result (plain, and
through the skip link). Page times are medians of five loads in the browser
(navigation to load event), the two portals' loads interleaved, with the ratio
candidate/baseline when a baseline is given.
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

from harness.browser import DESKTOP, axe_violations, blocking, chromium
from harness.browser.pages import anonymous_paths, every_page

LOADS = 5


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


def audit(session: Any, base: str, paths: list[str], label: str) -> None:
    rules: collections.Counter[str] = collections.Counter()
    total = pages = 0
    print(f"\n== {label}: {base}")
    for language, path in every_page(paths):
        session.get(base + path)
        violations = axe_violations(session)
        serious = blocking(violations)
        nodes = sum(len(v["nodes"]) for v in serious)
        total += nodes
        pages += bool(serious)
        rules.update({v["id"]: len(v["nodes"]) for v in serious})
        every = sum(len(v["nodes"]) for v in violations)
        rule_ids = " ".join(sorted(v["id"] for v in serious))
        print(f"{language} {path[:70]:70} serious+critical {nodes:4}  all {every:4}  {rule_ids}")
    print(f"{len(paths) * 2} pages, {pages} with serious/critical violations, {total} nodes")
    for rule, count in rules.most_common():
        print(f"  {rule:40} {count}")
    plain = tabs_to_first_result(session, base, skip=False)
    skipping = tabs_to_first_result(session, base, skip=True)
    print(f"Tab presses from the top of /scholarship/ to the first result: {plain}")
    print(f"  ...following the skip link (Tab, Enter, then Tab): {skipping}")


def load_time(session: Any, url: str) -> float:
    start = time.perf_counter()
    session.get(url)  # returns at the load event
    return time.perf_counter() - start


def main(base: str, baseline: str | None) -> None:
    paths = anonymous_paths(base)
    with chromium(DESKTOP) as session:
        if baseline:
            audit(session, baseline, paths, "baseline")
        audit(session, base, paths, "candidate")
        print(f"\nmedian page load (s), {LOADS} loads each, es and en interleaved")
        ratios = []
        for language, path in every_page(paths):
            times: dict[str, list[float]] = {"candidate": [], "baseline": []}
            for _ in range(LOADS):
                if baseline:
                    times["baseline"].append(load_time(session, baseline + path))
                times["candidate"].append(load_time(session, base + path))
            now = statistics.median(times["candidate"])
            line = f"  {language} {path[:66]:66} {now:.3f}"
            if baseline:
                before = statistics.median(times["baseline"])
                ratios.append(now / before)
                line += f"  baseline {before:.3f}  ratio {now / before:.2f}"
            print(line)
        if ratios:
            print(f"median ratio candidate/baseline: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000",
        sys.argv[2] if len(sys.argv) > 2 else None,
    )
