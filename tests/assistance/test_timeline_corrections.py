"""Correcting a timeline entry (issue 19): edit with history, redact (nothing kept anywhere),
make a shared entry internal with a notice to the requester's side (without the content)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assistance import permissions, services
from assistance.models import CaseFile, TimelineRevision
from assistance.services.timeline import (
    timeline_entry_edit,
    timeline_entry_redact,
    timeline_entry_unshare,
)

from .factories import pdf, people

pytestmark = pytest.mark.django_db


def _url(entry):
    return reverse("assistance:timeline-entry", args=[entry.case.reference, entry.pk])


def _message(p, body="Meeting on Tuesday at the union hall.", upload=None):
    return services.case_post(
        case=p["case"], author=p["staff"], body=body, is_shared=True, upload=upload
    )


def test_staff_edit_a_message_and_the_earlier_text_is_kept_for_the_working_side(client):
    p = people()
    entry = _message(p)
    client.force_login(p["staff"])
    response = client.post(
        _url(entry), {"action": "edit", "edit-body": "Meeting on Wednesday.", "edit-reason": "day"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "Meeting on Wednesday."
    revision = entry.revisions.get()
    assert revision.body == "Meeting on Tuesday at the union hall."
    assert (revision.edited_by, revision.reason) == (p["staff"], "day")
    page = client.get(p["case"].get_absolute_url()).content.decode()
    assert "edited" in page and "Meeting on Wednesday." in page
    # The working side (an accepted expert too) reads the history; the requester does not.
    client.force_login(p["accepted"])
    history = client.get(_url(entry))
    assert history.status_code == 200
    assert "Meeting on Tuesday at the union hall." in history.content.decode()
    client.force_login(p["requester"])
    assert client.get(_url(entry)).status_code == 403
    requester_page = client.get(p["case"].get_absolute_url()).content.decode()
    assert "Meeting on Wednesday." in requester_page and "edited" in requester_page
    assert "union hall" not in requester_page


def test_the_requester_cannot_edit_a_staff_entry_nor_anyone_outside_see_it(client):
    p = people()
    entry = _message(p)
    client.force_login(p["requester"])
    assert client.post(_url(entry), {"action": "edit", "edit-body": "x"}).status_code == 403
    note = services.case_post(case=p["case"], author=p["staff"], body="internal", is_shared=False)
    assert client.get(_url(note)).status_code == 404  # an internal entry: not theirs to see
    client.force_login(p["stranger"])
    assert client.get(_url(entry)).status_code == 404
    client.force_login(p["invited"])  # invited, not accepted: a summary only
    assert client.get(_url(entry)).status_code == 404
    client.logout()
    assert client.get(_url(entry)).status_code == 404
    entry.refresh_from_db()
    assert entry.body.startswith("Meeting on Tuesday")


def test_an_author_edits_their_own_words_only_for_a_while(client, settings):
    settings.ASSISTANCE_ENTRY_EDIT_MINUTES = 30
    p = people()
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        reply = services.case_post(
            case=p["case"], author=p["requester"], body="We are 40 workers.", is_shared=True
        )
        note = services.case_post(
            case=p["case"], author=p["accepted"], body="My note", is_shared=False
        )
    with time_machine.travel(now + timedelta(minutes=10), tick=False):
        client.force_login(p["requester"])
        assert _url(reply) in client.get(p["case"].get_absolute_url()).content.decode()
        response = client.post(_url(reply), {"action": "edit", "edit-body": "We are 45 workers."})
        assert response.status_code == 302
        # An expert edits their own note, not a staff member's message.
        assert permissions.can_edit_timeline_entry(p["accepted"], note)
        assert not permissions.can_edit_timeline_entry(p["accepted"], _message(p))
        # Staff never rewrite a requester's words: they may only redact them.
        assert not permissions.can_edit_timeline_entry(p["staff"], reply)
        assert permissions.can_redact_timeline_entry(p["staff"], reply)
        assert not permissions.can_redact_timeline_entry(p["requester"], reply)
    with time_machine.travel(now + timedelta(minutes=31), tick=False):
        assert _url(reply) not in client.get(p["case"].get_absolute_url()).content.decode()
        response = client.post(_url(reply), {"action": "edit", "edit-body": "Too late."})
        assert response.status_code == 403
        assert not permissions.can_edit_timeline_entry(p["accepted"], note)
    reply.refresh_from_db()
    assert reply.body == "We are 45 workers."
    assert reply.revisions.get().body == "We are 40 workers."


def test_system_entries_cannot_be_corrected(client):
    p = people()
    event = p["case"].timeline.exclude(event="").first()
    status = p["case"].timeline.get(kind="status")
    for entry in (event, status):
        assert not permissions.can_edit_timeline_entry(p["staff"], entry)
        assert not permissions.can_redact_timeline_entry(p["staff"], entry)
        assert not permissions.can_unshare_timeline_entry(p["staff"], entry)
    with pytest.raises(PermissionDenied):
        timeline_entry_redact(entry=status, actor=p["staff"], reason="no")
    client.force_login(p["staff"])
    response = client.post(_url(status), {"action": "redact", "redact-reason": "no"})
    assert response.status_code == 403


def test_redaction_leaves_no_copy_in_rows_revisions_notifications_or_storage(client, on_commit):
    secret = "The worker's name is Juana Pérez, phone 555-0101."
    p = people()
    with on_commit():
        entry = _message(p, body=secret, upload=pdf("witness.pdf"))
    stored = entry.file
    path = stored.file.path
    assert open(path, "rb").read().startswith(b"%PDF")
    timeline_entry_edit(entry=entry, actor=p["staff"], body=secret + " Corrected.")
    client.force_login(p["staff"])
    with on_commit():
        response = client.post(_url(entry), {"action": "redact", "redact-reason": "Named a worker"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "" and entry.redaction.reason == "Named a worker"
    assert not TimelineRevision.objects.filter(entry=entry).exists()
    assert not CaseFile.objects.filter(pk=stored.pk).exists()
    import os

    assert not os.path.exists(path)
    dump = StringIO()
    call_command("dumpdata", "assistance", "notifications", stdout=dump)
    assert "Juana" not in dump.getvalue()
    assert "witness.pdf" not in dump.getvalue()
    page = client.get(p["case"].get_absolute_url()).content.decode()
    assert "Redacted by" in page and "Named a worker" in page and "Juana" not in page
    entry_page = client.get(_url(entry)).content.decode()
    assert "Redacted by" in entry_page and "Juana" not in entry_page
    client.force_login(p["requester"])
    requester_page = client.get(p["case"].get_absolute_url()).content.decode()
    assert "Redacted by" in requester_page and "Juana" not in requester_page
    with pytest.raises(PermissionDenied):  # once
        timeline_entry_redact(entry=entry, actor=p["staff"], reason="again")


def test_making_a_message_internal_tells_the_requester_side_without_its_content(client, on_commit):
    p = people()
    with on_commit():
        entry = _message(p, body="Confidential plan for the audit of farm 12.")
    assert any(p["requester"].email in m.to for m in mail.outbox)
    mail.outbox.clear()
    client.force_login(p["requester"])
    assert client.post(_url(entry), {"action": "unshare"}).status_code == 403
    client.force_login(p["staff"])
    with on_commit():
        response = client.post(_url(entry), {"action": "unshare"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.is_shared
    notices = [m for m in mail.outbox if p["requester"].email in m.to]
    assert notices and all("farm 12" not in m.body for m in mail.outbox)
    assert "withdrawn" in notices[0].subject
    assert any(p["co_admin"].email in m.to for m in mail.outbox)  # the org's admins too
    recorded = p["case"].timeline.get(event="entry_unshared")
    assert not recorded.is_shared and recorded.author == p["staff"]
    client.force_login(p["requester"])
    assert "farm 12" not in client.get(p["case"].get_absolute_url()).content.decode()
    assert client.get(_url(entry)).status_code == 404
    # A requester's reply stays theirs: it cannot be made internal.
    reply = services.case_post(case=p["case"], author=p["requester"], body="ok", is_shared=True)
    with pytest.raises(PermissionDenied):
        timeline_entry_unshare(entry=reply, actor=p["staff"])


def test_the_case_page_marks_edited_entries_from_its_one_timeline_query(client):
    p = people()
    edited = _message(p, body="text")
    timeline_entry_edit(entry=edited, actor=p["staff"], body="better")
    untouched = _message(p, body="fine as it is")
    client.force_login(p["staff"])
    response = client.get(p["case"].get_absolute_url())
    marks = {e.pk: e.is_edited for e in response.context["timeline"]}
    assert marks[edited.pk] is True and marks[untouched.pk] is False
    # (tests/assistance/test_query_counts.py pins the page's queries at 3 and 30 rows)
