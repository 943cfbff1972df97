"""Every kind of page fits a 360 × 740 phone, in Spanish and in English, for each role
(issue 17, "Reach"): nothing is wider than the screen (document scrollWidth ≤ 360), the
page's h1 starts on the first screen, chart text is 12 px or more, and the menu and the
filters are closed disclosures that open with a tap, a key or no script at all.

One browser context per role on the full demo; pages are found in the database or through
the links a person would follow. No axe scan here (the journeys scan): this test measures."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from coordination.models import Proposal
from tests.browser.totp import totp_code
from wsr.members.management.commands.seed_demo import DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTH, HEIGHT = 360, 740
PHONE = {
    "viewport": {"width": WIDTH, "height": HEIGHT},
    "is_mobile": True,
    "has_touch": True,
    "locale": "es-ES",
}

MEASURE = """() => {
    const root = document.documentElement;
    const h1 = document.querySelector('h1');
    const text = [...document.querySelectorAll('main svg text')]
        .map((t) => t.getBoundingClientRect().height).filter((h) => h > 0);
    const wide = [...document.body.querySelectorAll('*')].filter((element) => {
        const box = element.getBoundingClientRect();
        if (!(box.width > 0 && box.right > root.clientWidth + 0.5)) return false;
        for (let p = element.parentElement; p && p !== root; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return false;
        }
        return true;
    }).slice(0, 5).map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'));
    return {
        scrollWidth: root.scrollWidth,
        h1Top: h1 ? h1.getBoundingClientRect().top + window.scrollY : null,
        smallestChartText: text.length ? Math.min(...text) : null,
        wide: wide,
    };
}"""


def _wagtail_pages():
    """Public pages of each Wagtail kind, English and (where there is one) Spanish."""
    from wagtail.models import Locale

    from promotion.models import ArticleIndexPage, ArticlePage, PressRoomPage, PublicationPage
    from repository.models import EventIndexPage, EventPage, ResourcePage

    spanish = Locale.objects.get(language_code="es")
    english = Locale.objects.get(language_code="en")
    pages = []
    for model in (
        ResourcePage,
        EventIndexPage,
        EventPage,
        ArticleIndexPage,
        ArticlePage,
        PublicationPage,
        PressRoomPage,
    ):
        live = model.objects.live().filter(locale=english)
        if hasattr(model, "audience"):
            live = live.filter(audience="public")
        page = live.order_by("pk").first()
        assert page is not None, f"the demo has no {model.__name__}"
        translation = page.get_translation_or_none(spanish)
        pages.append((page.url, translation.url if translation and translation.live else None))
    return pages


def _spanish(path):
    return "/es" + path


class Phone:
    """One role's phone: visits pages in both languages and records what it measured."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(**PHONE)
        self.context.set_default_timeout(15_000)
        # A language chosen once: a first visit to an English address is not sent to /es/.
        self.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": base_url}]
        )
        self.page = self.context.new_page()
        self.base_url = base_url
        self.errors = []
        self.failures = []
        self.measured = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def sign_in(self, email):
        page = self.page
        page.goto(self.base_url + "/accounts/login/")
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(lambda url: not url.rstrip("/").endswith("/accounts/login"))
        if "/2fa/" in page.url or "/authenticate/" in page.url:
            code = totp_code(DEMO_STAFF_TOTP_SECRET)
            page.locator("input[name=code]").fill(code)
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_url(lambda url: "/accounts/" not in url)

    def link(self, path, pattern):
        """The first link in the main content of `path` whose address matches `pattern`."""
        self.page.goto(self.base_url + path)
        for href in self.page.eval_on_selector_all(
            "main a[href]", "links => links.map((a) => a.getAttribute('href'))"
        ):
            if re.search(pattern, href):
                return href
        raise AssertionError(f"no link matching {pattern} on {path}")

    def measure(self, path):
        response = self.page.goto(self.base_url + path)
        status = response.status if response else None
        result = self.page.evaluate(MEASURE)
        self.measured.append((path, result["scrollWidth"], result["h1Top"]))
        problems = []
        if status != 200:
            problems.append(f"status {status}")
        if result["scrollWidth"] > WIDTH:
            problems.append(f"{result['scrollWidth']} px wide ({', '.join(result['wide'])})")
        if result["h1Top"] is None or result["h1Top"] >= HEIGHT:
            problems.append(f"h1 at {result['h1Top']}")
        if result["smallestChartText"] is not None and result["smallestChartText"] < 12:
            problems.append(f"chart text {result['smallestChartText']:.1f} px")
        if problems:
            self.failures.append(f"{path}: " + "; ".join(problems))
        return result

    def both(self, path, spanish_path=None):
        self.measure(path)
        self.measure(spanish_path or _spanish(path))


def _check_the_menu(browser, base_url):
    """Closed on a phone; opens with a tap or the keyboard, Escape closes it; it also opens
    with JavaScript switched off; on a desktop it is simply open."""
    phone = Phone(browser, base_url)
    page = phone.page
    page.goto(base_url + "/es/")
    menu = page.locator("details.site-menu")
    toggle = menu.locator("summary")
    expect(toggle).to_be_visible()
    expect(page.locator("nav.main-nav")).to_be_hidden()
    bar = page.locator(".site-header").bounding_box()
    assert bar["height"] <= 80, f"the header bar is {bar['height']} px tall"
    page.keyboard.press("Tab")  # the skip link
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    main_nav = page.locator("nav.main-nav")
    expect(main_nav).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(toggle).to_be_focused()
    toggle.tap()
    expect(main_nav).to_be_visible()
    assert not phone.errors, phone.errors
    phone.context.close()

    no_script = browser.new_context(**PHONE, java_script_enabled=False)
    page = no_script.new_page()
    page.goto(base_url + "/es/")
    expect(page.locator("nav.main-nav")).to_be_hidden()
    page.locator("details.site-menu > summary").click()
    expect(page.locator("nav.main-nav")).to_be_visible()
    no_script.close()

    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = desktop.new_page()
    page.goto(base_url + "/")
    expect(page.locator("nav.main-nav")).to_be_visible()
    expect(page.locator("details.site-menu > summary")).to_be_hidden()
    desktop.close()


def test_every_kind_of_page_fits_a_phone_in_both_languages_for_every_role(
    browser, live_server, full_demo
):
    base_url = live_server.url
    _check_the_menu(browser, base_url)
    failures, measured = [], []

    visitor = Phone(browser, base_url)
    for path in ("/", "/search/?q=workers", "/companies/", "/initiatives/", "/organizations/"):
        visitor.both(path)
    visitor.both("/repository/?q=heat", "/es/repositorio/?q=calor")
    for english, spanish in _wagtail_pages():
        visitor.measure(english)
        if spanish:
            visitor.measure(spanish)
    visitor.both(visitor.link("/companies/", r"^/companies/[\w-]+/$"))
    initiative = "/initiatives/fair-food-program/"
    visitor.both(initiative)  # the score and trend charts
    scorecard = visitor.link(initiative, r"/scorecards/\d+/$")
    visitor.both(scorecard)
    visitor.both(visitor.link(scorecard, r"/scorecards/\d+/report/$"))  # the printable report
    visitor.both("/initiatives/framework/compare/")
    chosen = "&".join(
        "initiative=" + slug
        for slug in (
            "fair-food-program",
            "milk-with-dignity",
            "bangladesh-accord-on-fire-and-building-safety",
        )
    )
    visitor.both("/initiatives/compare/?" + chosen)
    visitor.both("/coordination/map/")
    # On a phone the repository's facets wait behind "Filters", so the results come first.
    visitor.page.goto(base_url + "/es/repositorio/?q=calor")
    filters = visitor.page.locator("details.filters-disclosure")
    expect(filters).not_to_have_attribute("open", "")
    first_result = visitor.page.locator(".results li").first.bounding_box()
    assert first_result["y"] < 2 * HEIGHT, f"first result at {first_result['y']} px"
    filters.locator("summary").tap()
    expect(visitor.page.locator("input[name=kind]").first).to_be_visible()
    roles = [visitor]

    member = Phone(browser, base_url)
    member.sign_in("member@wsr.test")
    for path in (
        "/portal/",
        "/portal/profile/",
        "/coordination/calendar/",
        "/coordination/groups/",
        "/coordination/feed/",
        "/coordination/funding/",
        "/notifications/",
        "/assistance/cases/",
    ):
        member.both(path)
    group = member.link("/coordination/groups/", r"^/coordination/groups/[\w-]+/$")
    member.both(group)
    member.both(member.link("/coordination/groups/seafood-strategy-demo/", r"/threads/\d+/$"))
    proposal = Proposal.objects.filter(group__memberships__user__email="member@wsr.test")
    member.both(proposal.order_by("pk").first().get_absolute_url())
    member.both(member.link("/assistance/cases/", r"^/assistance/cases/[\w-]+/$"))
    roles.append(member)

    org_admin = Phone(browser, base_url)
    org_admin.sign_in("orgadmin@wsr.test")
    org_admin.both("/portal/organizations/migrant-justice/people/")
    remove = org_admin.page.locator("table.table--cards summary").first
    box = remove.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, f"Remove at {box}"
    roles.append(org_admin)

    staff = Phone(browser, base_url)
    staff.sign_in("staff@wsr.test")
    for path in (
        "/assistance/queue/",
        "/assistance/workload/",
        "/notifications/staff/deliveries/",
        "/coordination/funding/pipeline/",
        "/notifications/staff/previews/digest-daily/?language=es",
        "/assistance/queue/views/",  # issue 19: saved views, held email, reports
        "/assistance/mail/",
        "/assistance/reports/",
    ):
        staff.both(path)
    case_page = staff.link("/assistance/queue/", r"^/assistance/cases/[\w-]+/$")
    staff.both(case_page)
    from assistance.models import TimelineEntry

    edited = TimelineEntry.objects.filter(revisions__isnull=False).select_related("case").first()
    # correcting an entry (issue 19): the demo's edited message, its form and history
    staff.both(staff.link(edited.case.get_absolute_url(), r"/entries/\d+/$"))
    effort = staff.link("/coordination/efforts/", r"^/coordination/efforts/(?!new/)[\w-]+/$")
    staff.both(effort)
    add_target = staff.page.locator("form[action$='/targets/'] button[type=submit]").bounding_box()
    assert add_target and add_target["x"] + add_target["width"] <= WIDTH, f"Add at {add_target}"
    roles.append(staff)

    for phone in roles:
        failures += phone.failures
        measured += phone.measured
        assert not phone.errors, phone.errors
        phone.context.close()
    assert len(measured) >= 60, "every kind of page, in both languages"
    table = "\n".join(f"{width:5} {top!s:>7}  {path}" for path, width, top in measured)
    assert not failures, "\n".join(failures) + "\n\nscrollWidth, h1 top, page:\n" + table
