"""A real browser for tests and benchmarks: Chromium driven by Selenium, audited by axe-core.

The browser and its driver are the system's (``scripts/system-deps.sh``
installs ``chromium`` and ``chromium-driver``); Selenium never downloads one.
axe-core comes from ``harness/browser/node_modules`` (``scripts/browser.sh``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from harness import wsgi_server

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"

# (width, height) in CSS pixels: a desktop and a 390 px phone (iPhone 12-15)
DESKTOP = (1280, 900)
PHONE = (390, 844)

# WCAG 2.1 A and AA; best practices are reported by axe but are not WCAG
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def chromium_paths() -> tuple[str, str]:
    """The system's Chromium and chromedriver; AssertionError names the missing package."""
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    assert browser, "Debian's chromium is not installed (make install runs scripts/system-deps.sh)"
    assert driver, "Debian's chromium-driver is not installed (scripts/system-deps.sh)"
    return browser, driver


@contextmanager
def chromium(size: tuple[int, int] = DESKTOP, language: str = "es") -> Iterator[Any]:
    """A headless Chromium window of ``size`` CSS pixels; quits on exit."""
    browser, driver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",  # root in CI containers
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={size[0]},{size[1]}",
        f"--lang={language}",
        # Bootstrap scrolls smoothly unless motion is reduced: clicks would land
        # while the page still moves
        "--force-prefers-reduced-motion",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    session.set_page_load_timeout(60)
    session.set_script_timeout(60)
    try:
        # the window's outer size includes no chrome in headless mode; make the
        # viewport exact so media queries see the phone's width
        session.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            # not "mobile": a mobile viewport widens to fit wide content, hiding
            # the sideways scroll a phone's user would have to do
            {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False},
        )
        yield session
    finally:
        session.quit()


def axe_violations(session: Any, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page: dicts with id, impact, help and nodes.

    Each node is ``{"target": [css selector...], "html": str, "summary": str}``.
    """
    assert AXE.exists(), f"{AXE} is missing: run scripts/browser.sh"
    if not session.execute_script("return typeof window.axe === 'object'"):
        session.execute_script(AXE.read_text(encoding="utf-8"))
    options = json.dumps({"runOnly": {"type": "tag", "values": tags or WCAG_TAGS}})
    result = session.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {options})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        "  nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 200),"
        "  summary: n.failureSummary}))}))))"
        ".catch(e => done({error: String(e)}));"
    )
    assert not (isinstance(result, dict) and "error" in result), result
    return list(result)


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The serious and critical violations (the issue's goal: none on any page)."""
    return [v for v in violations if v.get("impact") in BLOCKING]


def horizontal_overflow(session: Any) -> int:
    """How many CSS pixels the page scrolls sideways (0: it fits the window)."""
    return int(
        session.execute_script(
            "const root = document.documentElement;"
            "return Math.max(0, root.scrollWidth - root.clientWidth)"
        )
    )


def screenshot(session: Any, name: str) -> Path:
    """Save a full-window PNG under harness/browser/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    session.save_screenshot(str(path))
    return path


def sign_in(session: Any, base: str, user: str, password: str) -> None:
    """Sign in through the login form, as a person does."""
    from selenium.webdriver.common.by import By

    session.get(base + "/user/login")
    session.find_element(By.ID, "field-login").send_keys(user)
    password_field = session.find_element(By.ID, "field-password")
    password_field.send_keys(password)
    password_field.submit()
    # Signed in: the account menu names the user. submit() returns before the
    # answer arrives when the server is busy, so wait for the next page (a
    # refused login comes back to the form with its error, and fails here).
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(session, 30).until(
            lambda s: s.find_elements(By.CSS_SELECTOR, ".account-masthead .username")
        )
    except TimeoutException:
        raise AssertionError(f"the login form did not sign in (at {session.current_url})") from None


@contextmanager
def serve(ini: str, seed_admin: str | None = None) -> Iterator[str]:
    """The configuration ``ini`` served by gunicorn (as ``make up``) on a free local port: its URL.

    The server's site URL is its own address (the pages' scripts ask it for
    their translations, and the organizations' logos are full URLs). With
    ``seed_admin`` ("name:password"), the sample catalog is loaded first
    through the CLI, as ``make demo`` does. AssertionError if it does not answer.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CKAN_SITE_URL": base}
    ckan = str(Path(sys.executable).with_name("ckan"))
    if seed_admin:
        seeded = subprocess.run(
            [ckan, "-c", ini, "pe-catalog", "seed", "--admin", seed_admin],
            env=env,
            capture_output=True,
            text=True,
        )
        assert seeded.returncode == 0, seeded.stderr[-3000:]
    server = wsgi_server.start(ini, port, env={"CKAN_SITE_URL": base})
    try:
        wsgi_server.wait_until_up(base, server)
        yield base
    finally:
        wsgi_server.stop(server)
