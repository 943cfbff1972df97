"""What the desk writes by itself (timeline entries, why an expert was asked, status words,
the framework's title) reads in the reader's language, whoever acted and in whatever
language they used the site (issue 17)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from assistance import selectors, services
from assistance.models import FrameworkVersion, TimelineEntry
from tests.assistance.factories import case
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory, org_admin

pytestmark = pytest.mark.django_db


def texts(the_case, language):
    with translation.override(language):
        return [entry.text for entry in the_case.timeline.all()]


def test_system_entries_written_in_english_read_in_spanish():
    staff = StaffFactory()
    the_case = case()
    expert = UserFactory(first_name="Ana", last_name="Ruiz")
    with translation.override("en"):
        services.case_update(case=the_case, actor=staff, data={"lead": staff})
        services.expert_invite(case=the_case, actor=staff, expert=expert)
        services.case_task_add(
            case=the_case,
            actor=staff,
            title="Call",
            owner=staff,
            due_on=timezone.localdate() + timedelta(days=3),
        )
    spanish = texts(the_case, "es")
    english = texts(the_case, "en")
    assert f"{staff.display_name} es responsable de este caso." in spanish
    assert f"{staff.display_name} leads this case." in english
    assert any(text.startswith("Tarea “Call” a cargo de") for text in spanish)
    assert not any("leads this case" in text or "was asked" in text for text in spanish)


def test_the_spanish_case_page_shows_the_timeline_in_spanish(client):
    requester, _organization = org_admin()
    staff = StaffFactory()
    the_case = case(requester=requester)
    with translation.override("en"):
        services.case_update(case=the_case, actor=staff, data={"lead": staff})
    client.force_login(staff)
    page = client.get(f"/es/assistance/cases/{the_case.reference}/").content.decode()
    assert "es responsable de este caso" in page
    assert "leads this case" not in page


def test_entries_from_before_events_are_shown_as_written():
    the_case = case()
    old = TimelineEntry.objects.create(
        case=the_case, kind=TimelineEntry.Kind.NOTE, body="Ana leads this case."
    )
    with translation.override("es"):
        assert old.text == "Ana leads this case."


def test_why_an_expert_was_suggested_reads_in_the_experts_language(on_commit):
    staff = StaffFactory()
    requester, organization = org_admin()
    the_case = case(requester=requester, organization=organization, preferred_language="es")
    expert = AffiliationFactory().user
    expert.profile.preferred_language = "es"
    expert.profile.country = "US"
    expert.profile.save()
    from wsr.members.models import Language

    expert.profile.languages_spoken.add(Language.objects.get_or_create(code="es")[0])
    with translation.override("en"):
        reasons = selectors.expert_reasons_for(the_case, expert)
        assert {reason["code"] for reason in reasons} >= {"countries", "language"}
        mail.outbox.clear()
        with on_commit():
            assignment = services.expert_invite(
                case=the_case, actor=staff, expert=expert, reasons=reasons
            )
        assert "speaks the requester's language" in assignment.reason_display
    with translation.override("es"):
        assert "habla el idioma de la persona solicitante" in assignment.reason_display
        assert "Estados Unidos" in assignment.reason_display
    (message,) = [m for m in mail.outbox if m.to == [expert.email]]
    assert "habla el idioma de la persona solicitante" in message.body
    assert "speaks the requester" not in message.body


def test_a_status_change_reads_in_the_requesters_language(on_commit):
    requester, _organization = org_admin()
    requester.profile.preferred_language = "es"
    requester.profile.save()
    staff = StaffFactory()
    the_case = case(requester=requester, preferred_language="es")
    mail.outbox.clear()
    with on_commit(), translation.override("en"):
        services.case_transition(case=the_case, actor=staff, to_status="triage")
    (message,) = [m for m in mail.outbox if m.to == [requester.email]]
    assert "In triage" not in message.body and "In triage" not in message.subject
    with translation.override("es"):
        assert translation.gettext("In triage") in message.subject


def test_the_framework_has_a_spanish_title():
    version = FrameworkVersion.objects.get(number=1)
    with translation.override("es"):
        assert str(version) == "Marco de evaluación de WSR v1"
    with translation.override("en"):
        assert str(version) == "WSR assessment framework v1"


def test_the_title_migration_leaves_custom_titles_untranslated():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "assistance.migrations.0013_framework_version_spanish_title_data"
    )
    custom = FrameworkVersion.objects.create(number=99, title="Buyer framework")
    migration.spanish_titles(apps, None)
    custom.refresh_from_db()
    assert custom.title_es == ""
    assert FrameworkVersion.objects.get(number=1).title_es == "Marco de evaluación de WSR"
    with translation.override("es"):
        assert str(custom) == "Buyer framework v99"


def test_email_words_stored_as_codes_are_worded_in_the_readers_language():
    from assistance.templatetags.assistance_text import (
        case_status,
        determination,
        help_kind,
        urgency,
    )
    from coordination.templatetags.coordination_text import update_ask

    with translation.override("es"):
        assert determination("meets") == translation.gettext("Meets the WSR criteria")
        assert determination("meets") != "Meets the WSR criteria"
        assert case_status("triage") == translation.gettext("In triage")
        assert help_kind("complaints") != "complaints"
        assert urgency("normal") != "normal"
        assert update_ask("help") == translation.gettext("Help wanted") != "Help wanted"
        # Emails queued before codes were stored keep their words.
        assert case_status("In triage") == "In triage"
        assert update_ask("Help wanted") == "Help wanted"


def test_the_spanish_framework_page_shows_spanish_indicators_and_guidance(client):
    from django.urls import reverse

    with translation.override("es"):
        path = reverse("assistance:framework-version", args=[1])
    page = client.get(path).content.decode()
    assert path.startswith("/es/")
    assert "Solo códigos o compromisos voluntarios." in page
    assert "Tiempo remunerado para las sesiones" in page
    assert "Only voluntary codes or pledges." not in page
    assert "Marco de evaluación de WSR" in page or "Versión 1" in page
