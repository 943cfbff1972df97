"""A large figures import shows its progress in place (issue 18): the status region changes
while the reader's focus stays where it was (no page reloading itself, WCAG 2.2.1), and the
page offers what to do next when the import ends."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from assistance.models import Initiative, ReportImport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_import_in_progress_updates_in_place_and_ends_with_what_to_do_next(
    visitor, full_demo, monkeypatch
):
    monkeypatch.setattr("assistance.views.imports.REFRESH_SECONDS", 1)  # (3 s on the site)
    page, t = visitor.page, visitor.t
    person = get_user_model().objects.get(email="member@wsr.test")
    initiative = Initiative.objects.order_by("pk").first()
    job = ReportImport.objects.create(
        initiative=initiative,
        created_by=person,
        language=visitor.language,
        status=ReportImport.Status.RUNNING,
        rows_total=40,
        rows_done=10,
    )
    visitor.sign_in(person.email)
    visitor.goto(f"/initiatives/{initiative.slug}/figures/imports/{job.pk}/")
    status = page.get_by_role("status")
    expect(status).to_contain_text(
        t("Checking the rows: %(done)s of %(total)s.") % {"done": 10, "total": 40}
    )
    check_again = page.get_by_role("link", name=t("Check again"))
    check_again.focus()
    loads = []
    page.on("load", lambda: loads.append(page.url))

    ReportImport.objects.filter(pk=job.pk).update(rows_done=30)
    expect(status).to_contain_text(
        t("Checking the rows: %(done)s of %(total)s.") % {"done": 30, "total": 40}
    )
    assert page.evaluate("document.activeElement.textContent.trim()") == t("Check again")

    ReportImport.objects.filter(pk=job.pk).update(
        status=ReportImport.Status.DONE, rows_done=40, saved=40, finished_at=timezone.now()
    )
    received = visitor.tn(
        "%(counter)s period was received; staff will verify it before it is published.",
        "%(counter)s periods were received; staff will verify them before they are published.",
        40,
    ) % {"counter": 40}
    expect(status).to_contain_text(received)
    back = t("Back to %(name)s") % {"name": initiative.name}
    expect(page.get_by_role("link", name=back)).to_be_visible()
    assert loads == []  # the page never reloaded itself
    visitor.check()
