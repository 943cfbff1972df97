"""Issue 16, item 8: every read of a confidential record is logged; staff see the log on
the record; it is kept for a configured period; closed cases are anonymized."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from assistance import services
from assistance.models import AccessRecord, Case, TimelineEntry
from tests.members.factories import StaffFactory, UserFactory

from .factories import case as make_case
from .factories import pdf

pytestmark = pytest.mark.django_db


def test_reading_a_case_page_and_a_file_is_logged_with_who_what_and_which_view(client):
    case = make_case(uploads=[pdf()])
    client.force_login(case.requester)
    client.get(case.get_absolute_url())
    file = case.files.get()
    client.get(f"/assistance/cases/{case.reference}/files/{file.pk}/")
    page, download = AccessRecord.objects.filter(case=case).order_by("accessed_at", "pk")
    assert (page.user, page.kind, page.view_name) == (
        case.requester,
        "case",
        "assistance:case-detail",
    )
    assert (download.kind, download.object_id) == ("case_file", file.pk)


def test_staff_see_the_access_log_on_the_case_page(client):
    case = make_case()
    staff = StaffFactory()
    client.force_login(case.requester)
    client.get(case.get_absolute_url())
    client.force_login(staff)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Access log" in page and case.requester.display_name in page


def test_the_requester_does_not_see_the_access_log_but_is_told_they_can_ask_for_it(client):
    case = make_case()
    client.force_login(case.requester)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Access log" not in page and 'id="access-log"' not in page
    assert "ask staff for the log" in page


def test_the_access_log_section_is_one_query_whatever_its_length(client, django_assert_num_queries):
    from assistance.selectors import access_log_for

    case = make_case()
    services.access_record(user=UserFactory(), view_name="v", kind="case", case=case)
    with django_assert_num_queries(1):
        assert len(access_log_for(case=case)) == 1
    for _n in range(60):
        services.access_record(user=UserFactory(), view_name="v", kind="case", case=case)
    with django_assert_num_queries(1):
        records = access_log_for(case=case)
        assert len(records) == 50 and all(r.user.display_name for r in records)


def test_confidential_evidence_and_unpublished_assessments_are_logged_and_shown_to_staff(
    client,
):
    from tests.assistance.registry import assessment_at, cast

    people = cast()
    assessment = assessment_at("review", people)
    secret = assessment.evidence.get(title="SECRET-PAYROLL-FILE")
    public = assessment.evidence.get(title="Public agreement text")
    client.force_login(people["expert"])
    client.get(f"/initiatives/evidence/{secret.pk}/")
    client.get(f"/initiatives/evidence/{public.pk}/")
    client.get(assessment.get_absolute_url())
    kinds = set(AccessRecord.objects.filter(assessment=assessment).values_list("kind", "object_id"))
    assert kinds == {("evidence_file", secret.pk), ("assessment", None)}
    client.force_login(people["staff"])
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Access log" in page and "Confidential evidence file" in page


def test_old_access_records_are_pruned_after_the_configured_days(settings):
    settings.ASSISTANCE_ACCESS_LOG_DAYS = 30
    case = make_case()
    old = services.access_record(user=None, view_name="v", kind="case", case=case)
    AccessRecord.objects.filter(pk=old.pk).update(accessed_at=timezone.now() - timedelta(days=31))
    recent = services.access_record(user=None, view_name="v", kind="case", case=case)
    call_command("prune_access_log", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(AccessRecord.objects.all()) == [recent]


def _closed(case, staff):
    for status in ("declined", "closed"):
        case = services.case_transition(case=case, actor=staff, to_status=status, reason="r")
    return case


def test_staff_anonymize_a_closed_case_and_the_statistics_stay(client, on_commit):
    staff = StaffFactory()
    case = make_case(uploads=[pdf()])
    services.case_post(case=case, author=staff, body="Rosa's phone is 555", is_shared=True)
    case = _closed(case, staff)
    stored = case.files.get().file
    client.force_login(staff)
    assert client.get(f"/assistance/cases/{case.reference}/anonymize/").status_code == 405
    client.post(f"/assistance/cases/{case.reference}/anonymize/", {"confirm": "wrong"})
    assert Case.objects.get(pk=case.pk).anonymized_at is None
    with on_commit():
        response = client.post(
            f"/assistance/cases/{case.reference}/anonymize/", {"confirm": case.reference}
        )
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert case.anonymized_at and not case.is_unverified
    assert (case.requester, case.organization, case.contact_name, case.contact_email) == (
        None,
        None,
        "",
        "",
    )
    assert case.description == "" and not case.files.exists()
    assert not stored.storage.exists(stored.name)
    assert (case.kind, case.status, list(case.countries)) == ("complaints", "closed", ["US"])
    assert not TimelineEntry.objects.filter(case=case, body__contains="555").exists()
    assert not case.history.filter(contact_name="Rosa Díaz").exists()
    assert client.get(case.get_absolute_url()).status_code == 200


def test_anonymizing_an_open_case_is_refused(client):
    staff = StaffFactory()
    case = make_case()
    client.force_login(staff)
    response = client.post(
        f"/assistance/cases/{case.reference}/anonymize/", {"confirm": case.reference}
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).contact_name == "Rosa Díaz"


def test_the_requester_cannot_anonymize_their_closed_case(client):
    staff = StaffFactory()
    case = _closed(make_case(), staff)
    client.force_login(case.requester)
    response = client.post(
        f"/assistance/cases/{case.reference}/anonymize/", {"confirm": case.reference}
    )
    assert response.status_code == 403


def test_the_retention_command_lists_by_default_and_anonymizes_with_apply(settings):
    settings.ASSISTANCE_CASE_RETENTION_DAYS = 10
    staff = StaffFactory()
    old, recent = _closed(make_case(), staff), _closed(make_case(), staff)
    Case.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=11))
    call_command("anonymize_closed_cases", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Case.objects.get(pk=old.pk).anonymized_at is None
    call_command("anonymize_closed_cases", "--apply", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Case.objects.get(pk=old.pk).anonymized_at is not None
    assert Case.objects.get(pk=recent.pk).anonymized_at is None


def test_a_requester_who_left_the_box_unticked_can_agree_later_and_get_experts(client):
    case = make_case(consent_to_share=False)
    client.force_login(case.requester)
    assert client.get(f"/assistance/cases/{case.reference}/consent/").status_code == 405
    client.post(f"/assistance/cases/{case.reference}/consent/")
    case.refresh_from_db()
    assert case.consent_to_share
    services.expert_invite(case=case, actor=StaffFactory(), expert=UserFactory())


def test_a_persons_reads_are_in_their_data_export():
    case = make_case()
    services.access_record(user=case.requester, view_name="v", kind="case", case=case)
    data = services.privacy.access_records_export(case.requester)
    assert data["assistance_access_log"][0]["case"] == case.reference
