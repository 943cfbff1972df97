"""The desk as staff and requesters use it (issue 19): an urgent request waits first in the
queue and is escalated when its response is missed; the requester answers a case email
from their mail client (through the project's own SMTP receiver) and the reply is on the
case; staff put a canned answer in the case's language (Spanish) into the reply box. axe-core
scans every page."""

import re
import smtplib
import threading
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from playwright.sync_api import expect

from assistance.mail.addresses import reply_address, thread_root
from assistance.mail.smtp import CaseMailReceiver
from assistance.models import Case, TimelineEntry
from assistance.tasks import escalate_response_targets
from tests.servers import free_port

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

URGENT = "Workers at a dairy farm were told they will be deported"


def _send_by_smtp(case, sender: str, body: str) -> None:
    """A reply as a mail client sends it, to the receiver `manage.py receive_case_mail` runs."""
    port = free_port()
    receiver = CaseMailReceiver(host="127.0.0.1", port=port, max_bytes=1_000_000)
    receiver.start()
    message = EmailMessage()
    message["From"] = sender
    message["To"] = reply_address(case)
    message["Subject"] = f"Re: {case.reference}"
    message["Message-ID"] = make_msgid(domain="example.org")
    message["In-Reply-To"] = thread_root(case)
    message.set_content(body + "\n\nOn Monday the Collaborative wrote:\n> When can we meet?\n")
    sent = {}

    def send():
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            sent["refused"] = client.send_message(message)

    sender_thread = threading.Thread(target=send)
    sender_thread.start()
    try:
        assert receiver.process_one(timeout=10)
        sender_thread.join(timeout=10)
    finally:
        receiver.stop()
    assert sent == {"refused": {}}


def test_an_urgent_request_an_emailed_reply_and_a_canned_answer_in_spanish(tabs, full_demo):
    urgent = Case.objects.get(description__startswith=URGENT)
    staff = tabs("staff@wsr.test")
    page, t = staff.page, staff.t

    # Urgent and overdue: first in the queue, whatever older requests wait.
    staff.goto("/assistance/queue/")
    first_row = page.locator("table tbody tr").first
    expect(first_row).to_contain_text(urgent.reference)
    staff.check()

    # The escalation task (beat runs it every ten minutes) tells the lead and staff leads once.
    escalate_response_targets()
    escalate_response_targets()
    staff.goto(urgent.get_absolute_url())
    missed = t("The response due %(due)s was missed; the lead and staff leads were told.")
    missed_start, missed_end = (part.strip() for part in missed.split("%(due)s"))
    timeline = page.locator("main")
    expect(timeline).to_contain_text(missed_start)
    assert page.get_by_text(missed_end).count() == 1
    staff.check()

    # The requester answers the case email from their mail client: the reply is on the case,
    # the quoted history trimmed.
    _send_by_smtp(urgent, "orgadmin@wsr.test", "We can meet on Thursday at the farm office.")
    requester = tabs("orgadmin@wsr.test")
    requester.goto(urgent.get_absolute_url())
    main = requester.page.locator("main")
    expect(main).to_contain_text("We can meet on Thursday at the farm office.")
    expect(main).to_contain_text(t("by email"))
    expect(main).not_to_contain_text("When can we meet?")
    requester.check()

    # A request in Spanish: the canned answer goes into the reply box in Spanish.
    spanish = Case.objects.get(contact_name="Tomás Reyes")
    staff.goto(spanish.get_absolute_url())
    page.get_by_label(t("Canned response")).select_option(label="Acknowledgement")
    page.get_by_role("button", name=t("Insert into the message")).click()
    box = page.locator("textarea[name=body]")
    expect(box).to_have_value(re.compile(r"Gracias por su solicitud " + spanish.reference))
    staff.check()

    # The staff pages around the desk pass the same checks (axe, no script errors).
    for path in ("/assistance/mail/", "/assistance/reports/", "/assistance/queue/views/"):
        staff.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        staff.check()
    edited = TimelineEntry.objects.filter(revisions__isnull=False).select_related("case").first()
    staff.goto(edited.case.get_absolute_url())
    page.locator(f"a[href$='/entries/{edited.pk}/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    staff.check()
