"""Browser journeys in real headless Chromium (Debian's /usr/bin/chromium), driven by
Playwright for Python, with an axe-core scan and an overflow check of every page visited.

Every journey runs twice (issue 17): on a desktop in English at unprefixed URLs, and on a
360 px phone in Spanish at /es/ URLs. Journeys find controls through `Visitor.t()` (the
English msgid, translated as the page translates it) and reach pages through
`Visitor.url()`, so one journey serves both."""

import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import translate_url
from django.utils import translation

from tests.browser.totp import totp_code
from wsr.members.management.commands.seed_demo import DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

CONFIGURATIONS = {
    "desktop-en": {
        "language": "en",
        "context": {"viewport": {"width": 1280, "height": 900}, "locale": "en-US"},
    },
    "phone-es": {
        "language": "es",
        "context": {
            "viewport": {"width": 360, "height": 740},
            "is_mobile": True,
            "has_touch": True,
            "locale": "es-ES",
        },
    },
}

# Elements wider than the layout viewport, widest first, as `tag#id.class (right edge)`.
# Elements inside a scrolling or clipping box are left out: they do not widen the page.
OVERFLOW_SCRIPT = """() => {
    const root = document.documentElement;
    const limit = Math.min(window.innerWidth, root.clientWidth);
    if (root.scrollWidth <= limit) return null;
    const clipped = (element) => {
        for (let box = element.parentElement; box && box !== root; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== 'visible') return true;
        }
        return false;
    };
    const name = (element) => element.tagName.toLowerCase()
        + (element.id ? '#' + element.id : '')
        + [...element.classList].map((c) => '.' + c).join('');
    // How far an element reaches: its box, or its text when that runs out of the box (a
    // long word or URL), unless the element scrolls or clips it.
    const reach = (element) => {
        const box = element.getBoundingClientRect();
        const spills = getComputedStyle(element).overflowX === 'visible'
            && element.scrollWidth > element.clientWidth + 1;
        return [box.right, spills ? box.left + element.scrollWidth : 0];
    };
    const offenders = [];
    for (const element of document.body.querySelectorAll('*')) {
        if (element.getBoundingClientRect().width === 0 || clipped(element)) continue;
        const [right, text] = reach(element);
        // content that spills is named where it starts: not at each ancestor it widens
        const ownText = text > limit + 0.5 && ![...element.children].some(
            (child) => Math.max(...reach(child)) > limit + 0.5);
        if (right > limit + 0.5 || ownText) {
            offenders.push([Math.round(Math.max(right, ownText ? text : 0)),
                            name(element) + (right > limit + 0.5 ? '' : ' (its text)'),
                            (element.innerText || '').trim().slice(0, 40)]);
        }
    }
    offenders.sort((a, b) => b[0] - a[0]);
    return {scrollWidth: root.scrollWidth, limit: limit, offenders: offenders.slice(0, 8)};
}"""


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            # one pytest-xdist worker runs them all: the demo is seeded once per process
            item.add_marker(pytest.mark.xdist_group("browser"))


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
    """A browser tab in one configuration (language and screen). It fails the test on a
    JavaScript error, on a page wider than the screen and on a serious or critical axe
    violation."""

    def __init__(self, page, base_url, language="en"):
        self.page = page
        self.base_url = base_url
        self.language = language
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

    def t(self, text, context=None):
        """The page's words for an English msgid (the project's, allauth's or Django's)."""
        with translation.override(self.language):
            if not isinstance(text, str):  # a lazy string: a model's label or choice
                return str(text)
            if context:
                return translation.pgettext(context, text)
            return translation.gettext(text)

    def tn(self, singular, plural, number):
        """The page's words for a count, as {% blocktranslate count %} gives them."""
        with translation.override(self.language):
            return translation.ngettext(singular, plural, number)

    def url(self, path):
        """The path in this visitor's language: /es/... for Spanish; Wagtail's admin, the
        documents and other unprefixed URLs stay as they are. A path already in another
        language (a link from an email) is moved to this one."""
        source = settings.LANGUAGE_CODE
        for code, _name in settings.LANGUAGES:
            if urlsplit(path).path.startswith(f"/{code}/"):
                source = code
        with translation.override(source):
            return translate_url(path, self.language)

    def localized(self, page):
        """A Wagtail page's translation in this visitor's language (or the page itself)."""
        from wagtail.models import Locale

        locale = Locale.objects.get(language_code=self.language)
        return page.get_translation_or_none(locale) or page

    def goto(self, path):
        """Open the path in this visitor's language and check the page; the response."""
        response = self.page.goto(self.base_url + self.url(path))
        self.check()
        return response

    def open_menu(self):
        """On a phone the header's menu is a closed disclosure: open it (on a desktop it is
        open already)."""
        for summary in self.page.locator("header details:not([open]) > summary").all():
            summary.click()

    def reveal(self, locator):
        """Open the closed disclosures (<details>) around an element, outermost first, as a
        person taps them: a phone folds filters and menus away."""
        closed = locator.locator("xpath=ancestor::details[not(@open)][last()]/summary")
        while closed.count():
            closed.first.click()
        return locator

    def menu_link(self, name):
        """A link in the header's menu (its main navigation, account links, switcher)."""
        self.open_menu()
        return self.page.locator("header").get_by_role("link", name=name, exact=True).first

    def sign_out(self):
        self.open_menu()
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=self.t("Sign out")).click()

    def sign_in(self, email, password=DEMO_PASSWORD, *, expect_success=True):
        """Sign in on allauth's page; staff also give the second factor."""
        page = self.page
        self.goto("/accounts/login/")
        page.get_by_label(self.t("Email")).fill(email)
        page.get_by_label(self.t("Password")).fill(password)
        page.get_by_role("button", name=self.t("Sign In")).click()
        if not expect_success:
            return
        page.wait_for_url(lambda url: not url.rstrip("/").endswith("/accounts/login"))
        if "/2fa/" in page.url or "/authenticate/" in page.url:
            self.give_second_factor()

    def give_second_factor(self):
        code = totp_code(DEMO_STAFF_TOTP_SECRET)
        self.page.get_by_label(self.t("Code")).fill(code)
        self.page.get_by_role("button", name=self.t("Sign In")).click()
        self.page.wait_for_url(lambda url: "/accounts/" not in url)

    def check(self):
        """Assert no JavaScript error so far, no sideways scrolling and no serious or
        critical axe violation."""
        page = self.page
        page.wait_for_load_state("load")
        assert not self.errors, self.errors
        overflow = page.evaluate(OVERFLOW_SCRIPT)
        assert overflow is None, (
            f"{page.url} scrolls sideways at {overflow['limit']} px "
            f"(page {overflow['scrollWidth']} px wide); widest elements:\n"
            + "\n".join(
                f"  {name} reaches {right} px: {text!r}"
                for right, name, text in overflow["offenders"]
            )
        )
        # From the site's own static files: the Content-Security-Policy refuses inline scripts,
        # and a CSP violation is a console error that fails the journey.
        page.add_script_tag(url=f"{self.base_url}/static/vendor/axe-core/axe.min.js")
        result = page.evaluate(
            """async () => await axe.run(document, {
                   runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                   'best-practice']},
                   // the same rules, only violations gathered: passes and the rest cost
                   // time and are never read (issue 18)
                   resultTypes: ['violations']})"""
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
        assert not bad, f"{page.url}:\n" + "\n".join(bad)
        self.scanned.append(page.url)


def _open(browser, base_url, name):
    configuration = CONFIGURATIONS[name]
    context = browser.new_context(**configuration["context"])
    context.set_default_timeout(15_000)
    return context, Visitor(context.new_page(), base_url, configuration["language"])


@pytest.fixture(params=list(CONFIGURATIONS))
def configuration(request):
    """desktop-en or phone-es: every journey is collected once for each."""
    return request.param


# The database right after `seed_demo --core-only` ("core") and after the whole
# `seed_demo` ("full"), kept once per session. Seeding takes seconds (the full demo most of a
# minute on two cores). On SQLite the copy is a whole in-memory database, put back with
# SQLite's online backup API in milliseconds (issue 18: loading the serialized full demo took
# 15-40 s per journey); on PostgreSQL it is the serialized data that a test marked
# serialized_rollback loads at setup anyway, instead of the migrations' data.
_SEEDED = {}


def _seeded_copy(item):
    marker = item.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("serialized_rollback"):
        return None
    names = getattr(item, "fixturenames", ())
    wanted = ["full", "core"] if "full_demo" in names else ["core"] if "demo" in names else []
    # (a journey on the full demo starts from the core copy until the full one is made)
    return next((kind for kind in wanted if kind in _SEEDED), None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    kind = _seeded_copy(item)
    if kind is None:
        return (yield)
    from django.db import connection

    original = connection._test_serialized_contents
    seeded = _SEEDED[kind]
    # SQLite: nothing to load at setup; the `demo` fixture puts the whole database back.
    connection._test_serialized_contents = (
        "[]" if isinstance(seeded, sqlite3.Connection) else seeded
    )
    item.wsr_seeded = kind
    try:
        return (yield)
    finally:  # other tests in the run get the migrations' data, as before
        connection._test_serialized_contents = original


def _seed(request, kind, *options):
    from django.db import connection

    seeded = getattr(request.node, "wsr_seeded", None)
    if seeded in (kind, "full"):
        if isinstance(_SEEDED[seeded], sqlite3.Connection):
            connection.ensure_connection()
            # (the same rows and ids as when it was seeded: in-memory caches of content
            # types and sites stay true)
            _SEEDED[seeded].backup(connection.connection)
        return
    call_command("seed_demo", *options, verbosity=0)
    if hasattr(connection, "_test_serialized_contents") and kind not in _SEEDED:
        if connection.vendor == "sqlite":
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.ensure_connection()
            connection.connection.backup(copy)
            _SEEDED[kind] = copy
        else:
            _SEEDED[kind] = connection.creation.serialize_db_to_string()


@pytest.fixture
def demo(request, live_server, settings):
    """The core demo data (site tree in both languages, members, one login per role)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _seed(request, "core", "--core-only")


@pytest.fixture
def full_demo(request, demo):
    """The whole demo: every app's content too (resources, events, ...)."""
    _seed(request, "full")


@pytest.fixture
def visitor(browser, live_server, demo, configuration):
    context, visitor = _open(browser, live_server.url, configuration)
    yield visitor
    context.close()


@pytest.fixture
def phone(browser, live_server, demo):
    """A Spanish visitor on a 360 px phone, for journeys that only make sense there."""
    context, visitor = _open(browser, live_server.url, "phone-es")
    yield visitor
    context.close()


@pytest.fixture
def tabs(browser, live_server, demo, configuration, settings, tmp_path):
    """One browser context per person, as on their own devices, all in one configuration."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    contexts = []

    def open_tab(email):
        context, visitor = _open(browser, live_server.url, configuration)
        contexts.append(context)
        if email is not None:  # None: a visitor who is not signed in
            visitor.sign_in(email)
        return visitor

    yield open_tab
    for context in contexts:
        context.close()
