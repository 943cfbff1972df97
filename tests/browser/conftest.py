"""Browser journeys in real headless Chromium (Debian's /usr/bin/chromium), driven by
Playwright for Python, with an axe-core scan of every page visited."""

import os
import shutil
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command

from wsr.members.management.commands.seed_demo import DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package."
        if IN_CI:
            pytest.fail(message)  # CI must never pass with the journeys skipped
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


class Visitor:
    """A browser tab that fails the test on a JavaScript error and scans pages with axe."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        self.scanned: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)

    def _console(self, message):
        # A 403 or 404 of the page itself is what some tests expect; of a resource, a bug.
        is_document = message.location.get("url") == self.page.url
        if "[Report Only]" in message.text:
            return  # the admin's strict policy is report-only (wsr/site/csp.py)
        if message.type == "error" and not (is_document and "Failed to load" in message.text):
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def goto(self, path):
        self.page.goto(self.base_url + path)
        self.check()

    def check(self):
        """Assert no JavaScript error so far and no serious or critical axe violation."""
        self.page.wait_for_load_state("load")
        assert not self.errors, self.errors
        # From the site's own static files: the Content-Security-Policy refuses inline scripts,
        # and a CSP violation is a console error that fails the journey.
        self.page.add_script_tag(url=f"{self.base_url}/static/vendor/axe-core/axe.min.js")
        result = self.page.evaluate(
            """async () => await axe.run(document, {
                   runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                   'best-practice']}})"""
        )
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(
                node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                for node in v["nodes"][:5]
            )
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"{self.page.url}:\n" + "\n".join(bad)
        self.scanned.append(self.page.url)


@pytest.fixture
def visitor(browser, live_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", "--core-only", verbosity=0)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield Visitor(page, live_server.url)
    context.close()


@pytest.fixture
def phone(browser, live_server):
    call_command("seed_demo", "--core-only", verbosity=0)
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="es-MX"
    )
    page = context.new_page()
    yield Visitor(page, live_server.url)
    context.close()


@pytest.fixture
def tabs(browser, live_server, settings, tmp_path):
    """One browser context per person, as on their own devices."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("seed_demo", "--core-only", verbosity=0)
    contexts = []

    def open_tab(email):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        context.set_default_timeout(15_000)
        contexts.append(context)
        visitor = Visitor(context.new_page(), live_server.url)
        page = visitor.page
        if email is None:  # a visitor who is not signed in
            return visitor
        visitor.goto("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        if email.startswith("staff"):
            code = format_hotp_value(hotp_value(DEMO_STAFF_TOTP_SECRET, int(time.time()) // 30))
            page.get_by_label("Code").fill(code)
            page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(lambda url: "/accounts/" not in url)
        return visitor

    yield open_tab
    for context in contexts:
        context.close()
