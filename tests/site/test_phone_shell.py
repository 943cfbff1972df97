"""The phone-first shell (issue 17), in the markup: a menu that opens and closes without
JavaScript, filters behind a "Filters" disclosure, tables that become labelled cards, and no
"Hold Ctrl" advice on a touch screen. tests/browser/test_phone_layout.py measures the pages
in Chromium at 360 px; these tests pin the markup that makes it work without a script."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from tests.members.factories import StaffFactory, member

pytestmark = pytest.mark.django_db

CSS = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("path", ["/es/", "/organizations/"])
def test_the_menu_is_a_details_disclosure_that_needs_no_script(client, site_tree, path):
    soup = _soup(client.get(path))
    header = soup.select_one("header.site-header")
    menu = header.select_one("details.site-menu")
    assert menu is not None
    assert not menu.has_attr("open"), "closed in the markup: a phone shows the page first"
    summary = menu.find("summary", recursive=False)
    assert summary is not None and summary.get_text(strip=True) in ("Menu", "Menú")
    # The landmarks stay, inside the disclosure.
    assert menu.select_one("nav.main-nav[aria-label]") is not None
    assert menu.select_one("nav.account-nav[aria-label]") is not None
    assert menu.select_one("nav.language-switcher[aria-label]") is not None
    assert menu.select_one("form[role=search]") is not None
    # The skip link comes first and leads to main.
    first_link = soup.body.find("a")
    assert first_link["href"] == "#main" and "skip-link" in first_link["class"]
    assert soup.select_one("main#main") is not None
    # Scripts come from static files (the Content-Security-Policy refuses inline ones).
    assert all(script.has_attr("src") for script in soup.find_all("script"))
    assert soup.find("script", src=re.compile(r"js/disclosure\.js$")) is not None


def test_a_signed_in_persons_bell_stays_outside_the_menu(client, site_tree):
    client.force_login(member())
    soup = _soup(client.get("/"))
    bell = soup.select_one("header .bell")
    assert bell is not None and bell.find_parent("details") is None
    sign_out = soup.find("button", string=re.compile("Sign out"))
    assert sign_out.find_parent("details", class_="site-menu") is not None


def test_the_stylesheet_opens_the_menu_only_on_wide_screens():
    # Phone first: the toggle is hidden only when the menu is open on a wide screen.
    wide = CSS[CSS.index("@media (min-width: 64rem)") :]
    assert ".site-menu[open] > .site-menu__toggle { display: none; }" in wide
    assert ".filters-disclosure[open] > summary { display: none; }" in CSS
    script = (Path(settings.BASE_DIR) / "static/js/disclosure.js").read_text()
    assert 'matchMedia("(min-width: 64rem)")' in script


def _filters_disclosure(soup):
    disclosure = soup.select_one("details.filters-disclosure[data-open-wide]")
    assert disclosure is not None
    assert not disclosure.has_attr("open")
    assert disclosure.find("summary", recursive=False) is not None
    return disclosure


def test_public_filters_are_a_disclosure_closed_on_phones(client, site_tree):
    for path in ["/initiatives/", "/es/initiatives/", "/coordination/map/", "/coordination/feed/"]:
        disclosure = _filters_disclosure(_soup(client.get(path)))
        assert disclosure.select_one("form.filters, .filters") is not None, path


def test_the_repository_facets_are_a_disclosure_inside_the_search_form(client, site_tree):
    from tests.repository.factories import repository_index, resource

    index = repository_index(site_tree["en"])
    resource(index, "Heat and rest breaks", sectors=["agriculture"])
    soup = _soup(client.get(index.url + "?q=heat"))
    disclosure = _filters_disclosure(soup)
    assert disclosure.find_parent("form", role="search") is not None
    assert disclosure.select("input[type=checkbox]"), "the facets are inside"


@pytest.fixture
def staff_client(client, settings):
    settings.WSR_STAFF_MFA_REQUIRED = False
    client.force_login(StaffFactory())
    return client


def test_staff_list_filters_are_a_disclosure(staff_client, site_tree):
    for path in ["/assistance/queue/", "/notifications/staff/deliveries/", "/portal/directory/"]:
        _filters_disclosure(_soup(staff_client.get(path)))


def test_the_queue_filters_status_with_checkboxes_not_a_ctrl_click_list(staff_client, site_tree):
    soup = _soup(staff_client.get("/assistance/queue/"))
    form = soup.select_one("form.filters")
    assert form.find("select", attrs={"name": "status"}) is None
    assert form.select("input[type=checkbox][name=status]")


def test_the_queue_table_becomes_labelled_cards_on_a_phone(staff_client, site_tree):
    from tests.assistance.factories import case as make_case

    make_case()
    soup = _soup(staff_client.get("/assistance/queue/"))
    table = soup.select_one("table.table--cards")
    assert table is not None
    cells = table.select("tbody td")
    assert cells and all(cell.get("data-label") for cell in cells)
    # Every column but the row header (the reference, a <th>: the card's title) is labelled
    # with its column's header; the row header need not be the first column (the selection
    # boxes come before it).
    columns = table.select_one("tbody tr").find_all(["th", "td"], recursive=False)
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert len(headers) == len(columns)
    del headers[next(i for i, column in enumerate(columns) if column.name == "th")]
    assert [cell["data-label"] for cell in cells] == headers


def test_the_ctrl_click_advice_is_hidden_on_touch_screens(client, site_tree):
    client.force_login(member())
    soup = _soup(client.get("/portal/profile/"))
    advice = soup.find(string=re.compile("Hold Ctrl")).find_parent(class_="help")
    assert "help--pointer" in advice["class"]
    assert re.search(r"@media \(pointer: coarse\) \{[^}]*\.help--pointer \{ display: none; \}", CSS)


def test_score_chart_text_stays_readable_when_the_chart_shrinks_to_a_phone():
    """The score chart is 400 units wide and shown at most 328 px wide on a 360 px phone;
    the trend chart is 640 units wide. Text must come out at 12 px or more."""
    chart = Path(settings.BASE_DIR) / "assistance/templates/assistance/_score_chart.html"
    assert 'viewBox="0 0 400 ' in chart.read_text()
    label = re.search(r"\.score-chart__label[^{]*\{ font-size: (\d+)px", CSS)
    assert int(label.group(1)) * 328 / 400 >= 12
    phone = CSS[CSS.index("@media (max-width: 30rem) { .trend-chart__axis") :]
    size = int(re.search(r"font-size: (\d+)px", phone).group(1))
    assert size * 328 / 640 >= 12


def test_a_fields_own_help_stays_on_touch_screens_only_the_ctrl_advice_goes(client, site_tree):
    soup = _soup(client.get(reverse("assistance:request")))
    help_text = soup.find(string=re.compile("Where the workers concerned are")).find_parent(
        class_="help"
    )
    assert "help--pointer" not in help_text["class"]
    assert "Hold Ctrl" not in help_text.get_text()
