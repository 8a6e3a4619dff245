"""Debian's Chromium through Playwright, shared by the browser tests (never a downloaded browser)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# A news site on another origin; its pages are served through page.route.
NEWS_ORIGIN = "http://localhost:8765"


# A page's errors: console errors (the browser reports every refused inline style or script
# there) and the policy's violation events, recorded from the first script of each document.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", event =>
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI));
"""


def open_page(browser, url: str, width: int, **options):
    """A new page at ``width`` px showing ``url``, and the list its console and page errors go to
    (``window.cspViolations`` holds the policy's violations); ``options`` for the page's context
    (``timezone_id``, ``locale`` ...)."""
    page = browser.new_page(viewport={"width": width, "height": 900}, **options)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    return page, errors


def scrolls_sideways(page_or_frame) -> bool:
    return page_or_frame.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


# Playwright's sync API runs an event loop in this thread; the test's own database calls are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                # The news page and our server are both on this machine; let the first reach the second.
                "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,"
                "PrivateNetworkAccessSendPreflights",
            ],
        )  # fmt: skip
        yield browser
        browser.close()
