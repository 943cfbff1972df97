"""The harness itself: a page wider than the screen fails Visitor.check() and names the
element to fix; Visitor.url() and Visitor.t() give the page's language (issue 17)."""

import pytest

from tests.browser.conftest import CONFIGURATIONS, OVERFLOW_SCRIPT, Visitor

pytestmark = pytest.mark.browser

WIDE = """<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width,
initial-scale=1"><style>body{margin:0} #wide{width:900px}
.scroller{overflow-x:auto} .scroller table{width:900px}</style></head><body><main>
<div class="scroller"><table><tr><td>a wide table that scrolls in its own box</td></tr>
</table></div>%s</main></body></html>"""


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(**CONFIGURATIONS["phone-es"]["context"])
    yield context.new_page()
    context.close()


def test_a_page_wider_than_a_phone_names_its_widest_element(phone_page):
    phone_page.set_content(WIDE % '<p id="wide" class="intro lead">Too wide</p>')
    overflow = phone_page.evaluate(OVERFLOW_SCRIPT)
    assert overflow["limit"] == 360 and overflow["scrollWidth"] >= 900
    right, name, text = overflow["offenders"][0]
    assert (right, name, text) == (900, "p#wide.intro.lead", "Too wide")
    # the table scrolls inside its own box: it does not widen the page, so it is not named
    assert all("table" not in name for _right, name, _text in overflow["offenders"])


def test_a_long_word_that_runs_out_of_its_box_is_named(phone_page):
    word = "x" * 120
    phone_page.set_content(WIDE % f'<p id="short" class="note">{word}</p>')
    overflow = phone_page.evaluate(OVERFLOW_SCRIPT)
    assert [name for _right, name, _text in overflow["offenders"]] == ["p#short.note (its text)"]


def test_a_table_that_scrolls_in_its_own_box_fits(phone_page):
    phone_page.set_content(WIDE % "")
    assert phone_page.evaluate(OVERFLOW_SCRIPT) is None


def test_the_spanish_visitor_reads_spanish_words_at_spanish_addresses(phone_page):
    visitor = Visitor(phone_page, "http://testserver", "es")
    assert visitor.t("Sign out") == "Cerrar sesión"
    assert visitor.url("/accounts/login/") == "/es/accounts/login/"
    assert visitor.url("/portal/directory/?language=bn") == "/es/portal/directory/?language=bn"
    assert visitor.url("/es/invitations/abc/") == "/es/invitations/abc/"
    assert visitor.url("/cms/pages/") == "/cms/pages/"  # Wagtail's admin has no prefix
    english = Visitor(phone_page, "http://testserver", "en")
    assert english.t("Sign out") == "Sign out"
    assert english.tn("%(counter)s vote", "%(counter)s votes", 2) == "%(counter)s votes"
    assert english.url("/es/invitations/abc/") == "/invitations/abc/"


def test_a_serious_accessibility_violation_fails_the_check(phone_page, live_server):
    """axe gathers violations only (issue 18), and a field without a label and an image without
    a text alternative still fail the journey, named."""
    visitor = Visitor(phone_page, live_server.url, "es")
    phone_page.set_content(
        '<!DOCTYPE html><html lang="es"><head><title>Prueba</title></head><body><main>'
        '<h1>Prueba</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text" name="q"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        visitor.check()
    assert "image-alt (critical)" in str(failure.value)
    assert "label (critical)" in str(failure.value)
