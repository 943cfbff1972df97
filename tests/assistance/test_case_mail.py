"""Email in and out of a case (issue 19): the signed reply address, the thread headers of
outgoing case emails, what becomes of each incoming email (landed on its case, or held for
staff and never lost), the real SMTP receiver, and the review page's permissions."""

import logging
import smtplib
import threading
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core import mail
from django.urls import reverse

from assistance import services
from assistance.mail import text as mailtext
from assistance.mail.addresses import (
    AddressError,
    reference_from,
    reply_address,
    thread_root,
)
from assistance.mail.inbound import inbound_receive
from assistance.mail.smtp import CaseMailReceiver
from assistance.models import CaseFile, InboundMessage, TimelineEntry
from tests.members.factories import StaffFactory, UserFactory, member
from tests.servers import free_port

from .factories import PDF, case, people

pytestmark = pytest.mark.django_db

Reason = InboundMessage.Reason


def email(
    the_case=None,
    *,
    sender="someone@example.org",
    to=None,
    body="Thank you, we will be there.",
    html=None,
    headers=None,
    attachments=(),
    message_id=None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to or reply_address(the_case)
    message["Subject"] = "Re: your case"
    message["Message-ID"] = message_id or make_msgid(domain="example.org")
    for name, value in (headers or {}).items():
        message[name] = value
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, content, maintype, subtype in attachments:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def receive(**kwargs) -> InboundMessage:
    """The one message kept for an email to one case address (or to none)."""
    [inbound] = inbound_receive(**kwargs)
    return inbound


@pytest.fixture
def world():
    return people()


# The address -------------------------------------------------------------------------


def test_a_reply_address_names_its_case_and_a_forged_one_is_refused(world):
    the_case = world["case"]
    address = reply_address(the_case)
    local, domain = address.split("@")
    assert domain == "cases.wsr.test" and local.startswith("case+")
    assert len(local.rsplit(".", 1)[1]) >= 16  # 80 bits and more of signature
    assert reference_from(address.upper()) == the_case.reference
    forged = f"{local[:-1]}{'a' if local[-1] != 'a' else 'b'}@{domain}"  # one letter changed
    with pytest.raises(AddressError) as refused:
        reference_from(forged)
    assert refused.value.is_ours
    other = case(requester=world["requester"], organization=the_case.organization)
    guessed = f"case+{other.reference.lower()}.{local.rsplit('.', 1)[1]}@cases.wsr.test"
    with pytest.raises(AddressError):
        reference_from(guessed)
    with pytest.raises(AddressError) as elsewhere:
        reference_from("case+x@example.org")
    assert not elsewhere.value.is_ours


# Outgoing ------------------------------------------------------------------------------


def test_an_email_about_a_case_carries_its_reply_address_and_thread(world, on_commit):
    the_case, staff = world["case"], world["staff"]
    mail.outbox.clear()
    with on_commit():
        services.case_post(case=the_case, author=staff, body="Hello", is_shared=True)
    to_requester = next(m for m in mail.outbox if world["requester"].email in m.to)
    root = thread_root(the_case)
    assert to_requester.extra_headers["Reply-To"] == reply_address(the_case)
    assert to_requester.extra_headers["In-Reply-To"] == root
    assert to_requester.extra_headers["References"] == root
    message_id = to_requester.extra_headers["Message-ID"]
    assert message_id.startswith(f"<case-{the_case.reference}.") and message_id != root
    # The one rendered message really carries them.
    rendered = to_requester.message()
    assert rendered["Reply-To"] == reply_address(the_case)
    assert rendered["References"] == root


def test_an_email_to_an_address_without_an_account_carries_them_too(on_commit):
    with on_commit():
        the_case = services.request_submit(user=None, data=_visitor())
    receipt = next(m for m in mail.outbox if m.to == ["visitor@example.org"])
    assert receipt.extra_headers["Reply-To"] == reply_address(the_case)
    assert receipt.extra_headers["Message-ID"].startswith(f"<case-{the_case.reference}.")


def test_an_email_not_about_one_case_has_no_reply_address(on_commit):
    staff = StaffFactory()
    with on_commit():
        services.request_submit(user=None, data=_visitor())
    to_staff = next(m for m in mail.outbox if staff.email in m.to)
    assert "Reply-To" not in to_staff.extra_headers
    assert "References" not in to_staff.extra_headers


def _visitor():
    from .factories import request_data

    return request_data(contact_email="visitor@example.org", organization_name="Valley")


# Incoming: landed --------------------------------------------------------------------------


def test_a_reply_from_the_requester_lands_shared_and_the_team_is_told(world, on_commit):
    the_case, requester = world["case"], world["requester"]
    mail.outbox.clear()
    with on_commit():
        inbound = receive(
            raw=email(
                the_case,
                sender=requester.email.upper(),
                body="We can meet Tuesday.\n\nOn Mon, 1 Dec 2026, WSR wrote:\n> Hello",
                attachments=[("schedule.pdf", PDF, "application", "pdf")],
            )
        )
    assert inbound.status == "accepted" and inbound.reason == ""
    entry = inbound.entry
    assert entry.kind == TimelineEntry.Kind.REPLY and entry.is_shared
    assert entry.author == requester and entry.body == "We can meet Tuesday."
    assert entry.params["via"] == "email"
    assert entry.file.original_name == "schedule.pdf"
    assert any(world["accepted"].email in m.to for m in mail.outbox)  # the working side


def test_an_accepted_experts_email_is_a_shared_message(world, on_commit):
    the_case = world["case"]
    with on_commit():
        inbound = receive(raw=email(the_case, sender=world["accepted"].email))
    assert inbound.status == "accepted"
    assert inbound.entry.kind == TimelineEntry.Kind.MESSAGE and inbound.entry.is_shared
    assert any(world["requester"].email in m.to for m in mail.outbox)


def test_a_dangerous_attachment_is_refused_and_listed_and_the_rest_lands(world, client):
    the_case = world["case"]
    inbound = receive(
        raw=email(
            the_case,
            sender=world["requester"].email,
            attachments=[
                ("run-me.exe", b"MZ\x90\x00" + b"\x00" * 200, "application", "octet-stream"),
                ("notes.pdf", PDF, "application", "pdf"),
            ],
        )
    )
    assert inbound.status == "accepted"
    assert [item["name"] for item in inbound.refused_attachments] == ["run-me.exe"]
    assert list(CaseFile.objects.filter(case=the_case).values_list("original_name", flat=True)) == [
        "notes.pdf"
    ]
    client.force_login(world["requester"])
    page = client.get(the_case.get_absolute_url()).content.decode()
    assert "run-me.exe" in page and "by email" in page


def test_the_same_message_delivered_twice_is_processed_once(world):
    raw = email(world["case"], sender=world["requester"].email, message_id="<one@example.org>")
    first = receive(raw=raw)
    second = receive(raw=raw)
    assert first.pk == second.pk
    assert InboundMessage.objects.count() == 1
    assert world["case"].timeline.filter(kind="reply").count() == 1


# Incoming: held ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender_key", "headers", "reason"),
    [
        (None, {}, Reason.UNKNOWN_SENDER),
        ("requester", {"Auto-Submitted": "auto-replied"}, Reason.AUTOMATIC),
        ("requester", {"Precedence": "bulk"}, Reason.AUTOMATIC),
        ("requester", {"X-Autoreply": "yes"}, Reason.AUTOMATIC),
        ("requester", {"List-Id": "<list.example.org>"}, Reason.AUTOMATIC),
        ("requester", {"Return-Path": "<>"}, Reason.BOUNCE),
    ],
)
def test_mail_not_from_a_person_on_the_case_is_held(world, sender_key, headers, reason):
    sender = world[sender_key].email if sender_key else "stranger@example.net"
    inbound = receive(raw=email(world["case"], sender=sender, headers=headers))
    assert (inbound.status, inbound.reason) == ("held", reason)
    assert inbound.case == world["case"] and inbound.body  # kept, readable by staff
    assert inbound.raw.read().startswith(b"From:") or inbound.raw.size > 0
    assert not world["case"].timeline.filter(kind="reply").exists()


def test_a_returned_mail_report_is_held_as_a_bounce(world):
    raw = (
        "From: Mail Delivery System <postmaster@example.org>\r\n"
        f"To: {reply_address(world['case'])}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce-1@example.org>\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n'
        "\r\n--b\r\nContent-Type: text/plain\r\n\r\nThis is the mail system.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n--b--\r\n"
    ).encode()
    inbound = receive(raw=raw)
    assert (inbound.status, inbound.reason) == ("held", Reason.BOUNCE)


def test_a_forged_address_and_a_stranger_address_are_held(world):
    address = reply_address(world["case"])
    forged = address.replace("@", "x@")
    assert receive(raw=email(to=forged)).reason == Reason.FORGED_ADDRESS
    elsewhere = receive(raw=email(to="info@example.org"))
    assert (elsewhere.status, elsewhere.reason) == ("held", Reason.UNKNOWN_RECIPIENT)
    assert elsewhere.case is None


def test_a_reply_to_a_closed_case_is_held(world):
    the_case = world["case"]
    the_case.status = "closed"
    the_case.save()
    inbound = receive(raw=email(the_case, sender=world["requester"].email))
    assert (inbound.status, inbound.reason) == ("held", Reason.CLOSED_CASE)


def test_an_oversized_message_is_kept_and_held(world, settings):
    settings.CASE_MAIL_MAX_BYTES = 2000
    raw = email(world["case"], sender=world["requester"].email, body="x" * 5000)
    inbound = receive(raw=raw)
    assert (inbound.status, inbound.reason) == ("held", Reason.TOO_LARGE)
    assert inbound.size == len(raw) and inbound.raw.size == len(raw)


# Trimming ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Yes, Tuesday works.\n\nOn Mon, Dec 1, 2026 at 9:00 AM WSR <noreply@wsr.test> "
            "wrote:\n> Can we meet?\n> Thanks",
            "Yes, Tuesday works.",
        ),
        (
            "Sí, el martes.\n\nEl lun, 1 dic 2026 a las 9:00, WSR <noreply@wsr.test> "
            "escribió:\n> ¿Podemos reunirnos?",
            "Sí, el martes.",
        ),
        (
            "Attached.\n\n-----Original Message-----\nFrom: WSR\nSent: Monday\nTo: us\n\nHi",
            "Attached.",
        ),
        (
            "Fine.\n\n________________________________\nFrom: WSR <noreply@wsr.test>\n"
            "Sent: Monday, December 1, 2026 9:00 AM\nSubject: Your case\n\nHi",
            "Fine.",
        ),
        ("Thanks!\n-- \nRosa Díaz\nFarmworkers", "Thanks!"),
        ("Gracias\n\nEnviado desde mi iPhone", "Gracias"),
        ("Ok\n\nSent from my iPhone", "Ok"),
        (
            "From: the workers of line 3, a request.\nThanks",
            "From: the workers of line 3, a request.\nThanks",
        ),
    ],
)
def test_quoted_history_and_signatures_are_trimmed(body, expected):
    assert mailtext.trim(body) == expected


def test_an_html_only_email_becomes_text_without_markup(world):
    raw = email(
        world["case"],
        body=None,
        html=(
            "<html><head><style>p{color:red}</style></head><body><p>We agree &amp; sign."
            "<script>alert(1)</script></p><p>Rosa</p><blockquote>Old text</blockquote>"
            "</body></html>"
        ),
    )
    parsed = mailtext.read(raw)
    assert parsed.text == "We agree & sign.\nRosa"


# The SMTP receiver ----------------------------------------------------------------------------


def test_a_message_sent_to_the_smtp_receiver_is_found_on_the_case(world):
    the_case, requester = world["case"], world["requester"]
    port = free_port()
    receiver = CaseMailReceiver(host="127.0.0.1", port=port, max_bytes=1_000)
    receiver.start()
    outcome = {}

    def send():
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            try:
                client.sendmail("x@example.org", ["someone@example.org"], b"Subject: x\r\n\r\nx")
            except smtplib.SMTPRecipientsRefused as refused:
                outcome["other domain"] = refused.recipients["someone@example.org"][0]
            try:
                client.sendmail(
                    requester.email, [reply_address(the_case)], b"x" * 99 + b"\r\n" * 600
                )
            except smtplib.SMTPDataError as too_big:
                outcome["too big"] = too_big.smtp_code
            except smtplib.SMTPSenderRefused as too_big:
                outcome["too big"] = too_big.smtp_code
            client.sendmail(
                requester.email,
                [reply_address(the_case)],
                email(the_case, sender=requester.email, body="Sent through SMTP."),
            )
            outcome["sent"] = True

    sender = threading.Thread(target=send)
    sender.start()
    try:
        assert receiver.process_one(timeout=10)
        sender.join(timeout=10)
    finally:
        receiver.stop()
    assert outcome == {"other domain": 550, "too big": 552, "sent": True}
    entry = the_case.timeline.get(kind="reply", body="Sent through SMTP.")
    assert entry.author == requester and entry.params["via"] == "email"
    assert InboundMessage.objects.get().recipient == reply_address(the_case).lower()


# The review page -----------------------------------------------------------------------------


def test_only_staff_with_a_second_factor_review_held_mail(world, client, settings):
    settings.WSR_STAFF_MFA_REQUIRED = True
    held = receive(raw=email(world["case"], sender="stranger@example.net", body="<b>Hi</b> there"))
    url = reverse("assistance:case-mail")
    decide = reverse("assistance:case-mail-decide", args=[held.pk])
    assert client.get(url).status_code == 302  # sign in
    client.force_login(member())
    assert client.get(url).status_code == 403
    assert client.post(decide, {"discard": "1"}).status_code == 403
    password_only = StaffFactory()
    client.force_login(password_only, second_factor=False)
    response = client.get(url)
    assert response.status_code == 302 and "stranger@example.net" not in response.content.decode()
    client.post(decide, {"discard": "1"})
    held.refresh_from_db()
    assert held.status == "held"
    client.force_login(world["staff"])
    page = client.get(url).content.decode()
    assert "stranger@example.net" in page and "&lt;b&gt;Hi&lt;/b&gt; there" in page
    assert "The sender is not on the case" in page


def test_staff_attach_a_held_email_as_the_requesters_reply(world, client, on_commit):
    held = receive(raw=email(world["case"], sender="rosa.personal@example.net"))
    client.force_login(world["staff"])
    with on_commit():
        response = client.post(
            reverse("assistance:case-mail-decide", args=[held.pk]),
            {f"m{held.pk}-reference": world["case"].reference, f"m{held.pk}-add_as": "reply"},
        )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == "released" and held.decided_by == world["staff"]
    assert held.entry.kind == "reply" and held.entry.is_shared and held.entry.author is None
    assert held.entry.params["sender"] == "rosa.personal@example.net"


def test_staff_attach_a_held_email_as_an_internal_note_or_discard_it(world, client):
    note = receive(raw=email(to="info@example.org", body="About WSR-2026-X"))
    junk = receive(raw=email(to="info@example.org", body="Buy now"))
    client.force_login(world["staff"])
    decide = "assistance:case-mail-decide"
    client.post(
        reverse(decide, args=[note.pk]),
        {f"m{note.pk}-reference": world["case"].reference, f"m{note.pk}-add_as": "note"},
    )
    client.post(reverse(decide, args=[junk.pk]), {"discard": "1"})
    note.refresh_from_db()
    junk.refresh_from_db()
    assert note.status == "released" and note.case == world["case"]
    assert note.entry.kind == "note" and not note.entry.is_shared
    assert junk.status == "discarded" and junk.entry is None
    # decided once: a second decision is refused
    client.post(reverse(decide, args=[junk.pk]), {"discard": "1"})
    assert InboundMessage.objects.filter(status="discarded").count() == 1


def test_an_unconfirmed_contact_address_is_not_a_verified_sender(on_commit):
    with on_commit():
        the_case = services.request_submit(user=None, data=_visitor())
    inbound = receive(raw=email(the_case, sender="visitor@example.org"))
    assert (inbound.status, inbound.reason) == ("held", Reason.UNKNOWN_SENDER)


def test_another_member_cannot_write_on_a_case_by_email(world):
    stranger = UserFactory()
    inbound = receive(raw=email(world["case"], sender=stranger.email))
    assert inbound.reason == Reason.UNKNOWN_SENDER
    for role in ("invited", "declined", "colleague", "other_admin"):
        assert receive(raw=email(world["case"], sender=world[role].email)).status == "held"


def _with_results(raw: bytes, *results: str) -> bytes:
    """`raw` with Authentication-Results headers on top, as receiving servers add them."""
    return b"".join(f"Authentication-Results: {r}\r\n".encode() for r in results) + raw


def test_a_spoofed_requester_address_is_held_on_our_servers_verdict(world, settings):
    settings.CASE_MAIL_AUTHSERV_ID = "mx.wsr.test"
    requester = world["requester"].email
    spoofed = _with_results(
        email(world["case"], sender=requester, body="Please close the case."),
        f"mx.wsr.test; spf=fail smtp.mailfrom={requester}; dkim=none; dmarc=fail",
    )
    inbound = receive(raw=spoofed)
    assert (inbound.status, inbound.reason) == ("held", Reason.UNAUTHENTICATED)
    assert not world["case"].timeline.filter(body="Please close the case.").exists()
    # a verdict written by any other server (the sender may write one) decides nothing
    forged_pass = _with_results(
        email(world["case"], sender=requester, body="Still spoofed."),
        "evil.example; dmarc=pass",
        "mx.wsr.test; spf=softfail smtp.mailfrom=x; dkim=fail",
    )
    assert receive(raw=forged_pass).reason == Reason.UNAUTHENTICATED
    # SPF failing through a forwarder while the DKIM signature holds: the requester wrote it
    forwarded = _with_results(
        email(world["case"], sender=requester, body="Forwarded by our list."),
        "mx.wsr.test; spf=fail smtp.mailfrom=x; dkim=fail header.d=a;"
        " dkim=pass header.d=example.org",
    )
    assert receive(raw=forwarded).status == "accepted"


def test_without_a_trusted_server_the_address_alone_decides(world, settings):
    settings.CASE_MAIL_AUTHSERV_ID = ""
    raw = _with_results(
        email(world["case"], sender=world["requester"].email, body="No verdict trusted."),
        "mx.wsr.test; dmarc=fail",
    )
    assert receive(raw=raw).status == "accepted"


# The mailbox (IMAP) ---------------------------------------------------------------------------


@pytest.fixture
def imap_mailbox():
    from .imap_server import Mailbox, start

    box = Mailbox("cases@example.org", "p@ss word")
    server, port = start(box)
    yield box, f"imap://cases%40example.org:p%40ss%20word@127.0.0.1:{port}/INBOX"
    server.shutdown()
    server.server_close()


def test_fetch_case_mail_stores_unseen_messages_then_flags_them(world, imap_mailbox):
    from django.core.management import call_command

    box, url = imap_mailbox
    the_case, requester = world["case"], world["requester"]
    box.add(email(the_case, sender=requester.email, body="From the mailbox."))
    box.add(email(the_case, sender="stranger@example.net", body="Who am I?"))
    call_command("fetch_case_mail", url=url, insecure=True)
    assert box.seen == {1, 2}
    assert the_case.timeline.get(kind="reply").body == "From the mailbox."
    assert InboundMessage.objects.get(status="held").sender == "stranger@example.net"
    # Fetched without setting \Seen; flagged only after being stored.
    assert [c for c in box.commands if c.startswith("UID")] == [
        "UID SEARCH",
        "UID FETCH",
        "UID STORE",
        "UID FETCH",
        "UID STORE",
    ]
    box.seen.discard(1)  # a crash before the flag: read again, stored once
    call_command("fetch_case_mail", url=url, insecure=True)
    assert InboundMessage.objects.count() == 2 and box.seen == {1, 2}


def test_fetch_case_mail_refuses_a_clear_text_mailbox_unless_told(imap_mailbox):
    from django.core.management import CommandError, call_command

    _box, url = imap_mailbox
    with pytest.raises(CommandError, match="imaps://"):
        call_command("fetch_case_mail", url=url)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def logged():
    """Every record that reaches the root logger, at DEBUG, before the project's redacting
    filter (CI runs without pytest's logging plugin, so no caplog)."""
    root = logging.getLogger()
    handler, level = _Collect(), root.level
    root.setLevel(logging.DEBUG)
    root.handlers.insert(0, handler)
    yield handler.lines
    root.removeHandler(handler)
    root.setLevel(level)


def test_the_lmtp_receiver_stores_a_message_too_and_logs_no_token(world, logged):
    the_case, requester = world["case"], world["requester"]
    port = free_port()
    receiver = CaseMailReceiver(host="127.0.0.1", port=port, lmtp=True)
    receiver.start()

    def send():
        with smtplib.LMTP("127.0.0.1", port) as client:
            client.sendmail(
                requester.email, [reply_address(the_case)], email(the_case, sender=requester.email)
            )

    sender = threading.Thread(target=send)
    sender.start()
    try:
        assert receiver.process_one(timeout=10)
        sender.join(timeout=10)
    finally:
        receiver.stop()
    assert the_case.timeline.filter(kind="reply").exists()
    token = reply_address(the_case).split("+")[1].split("@")[0]
    assert logged, "the receiver logs what it does"
    text = "\n".join(logged)
    assert token not in text and "Thank you" not in text


def test_the_review_page_asks_a_constant_number_of_queries(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["staff"])
    url = reverse("assistance:case-mail")
    receive(raw=email(world["case"], sender="a@example.net"))
    client.get(url)  # warm the process caches
    counts = []
    for sender in ("b@example.net", "c@example.net", "d@example.net"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
        receive(raw=email(world["case"], sender=sender))
    assert len(set(counts)) == 1, counts  # 1, 2 and 3 held emails


def test_the_demo_has_an_email_reply_and_a_held_email(world):
    from assistance.demo import _seed_case_mail

    the_case, staff = world["case"], world["staff"]
    for status in ("triage", "accepted", "in_progress"):
        the_case = services.case_transition(case=the_case, actor=staff, to_status=status)
    _seed_case_mail()
    assert the_case.timeline.get(kind="reply").params["via"] == "email"
    assert InboundMessage.objects.filter(status="held", case=the_case).count() == 1


def test_the_receive_case_mail_command_serves_until_told_to_stop(world):
    import os
    import signal

    from django.core.management import call_command

    the_case, requester = world["case"], world["requester"]
    port = free_port()

    outcome = {}

    def send_then_stop():
        try:
            for _attempt in range(100):  # until the command listens
                try:
                    client = smtplib.SMTP("127.0.0.1", port, timeout=10)
                    break
                except OSError:
                    threading.Event().wait(0.05)
            with client:
                outcome["refused"] = client.sendmail(
                    requester.email,
                    [reply_address(the_case)],
                    email(the_case, sender=requester.email),
                )
        except Exception as error:  # noqa: BLE001 (reported below; the command must stop)
            outcome["error"] = repr(error)
        finally:
            os.kill(os.getpid(), signal.SIGTERM)  # as a supervisor stops it

    sender = threading.Thread(target=send_then_stop)
    sender.start()
    call_command("receive_case_mail", host="127.0.0.1", port=port)
    sender.join(timeout=10)
    assert outcome == {"refused": {}}
    assert the_case.timeline.get(kind="reply").params["via"] == "email"
    assert signal.getsignal(signal.SIGTERM) is not None


def test_anonymizing_a_closed_case_deletes_its_emails(world):
    from assistance.services import case_anonymize

    the_case = world["case"]
    landed = receive(raw=email(the_case, sender=world["requester"].email))
    raw_name = landed.raw.name
    storage = landed.raw.storage
    for status in ("declined", "closed"):
        kwargs = {"reason": "Not for us"} if status == "declined" else {}
        the_case = services.case_transition(
            case=the_case, actor=world["staff"], to_status=status, **kwargs
        )
    case_anonymize(case=the_case)
    assert not InboundMessage.objects.filter(case=the_case).exists()
    assert not storage.exists(raw_name)


# Review fixes: spoofed From, the organization's admins, two cases, the review page, authors


def _with_from(raw: bytes, *values: str) -> bytes:
    """`raw` with its From header replaced by `values` (one header each)."""
    head, _, rest = raw.partition(b"\n")
    assert head.startswith(b"From:")
    return b"".join(f"From: {v}\r\n".encode() for v in values) + rest


@pytest.mark.parametrize(
    "froms",
    [
        ("{requester}, stranger@example.net",),  # two senders in one From
        ("{requester}", "stranger@example.net"),  # two From headers
        ("{requester} <stranger@example.net>",),  # read differently by different clients
        ("undisclosed-senders:;",),  # none
    ],
)
def test_a_from_that_is_not_one_address_is_held(world, froms):
    requester = world["requester"].email
    raw = _with_from(
        email(world["case"], sender=requester, body="Who wrote me?"),
        *(v.format(requester=requester) for v in froms),
    )
    inbound = receive(raw=raw, envelope_sender=requester)
    assert (inbound.status, inbound.reason) == ("held", Reason.SEVERAL_SENDERS)
    assert not world["case"].timeline.filter(body="Who wrote me?").exists()


def test_an_envelope_of_another_domain_is_held_unless_our_server_proved_the_from(world, settings):
    the_case, requester = world["case"], world["requester"].email  # at example.org
    settings.CASE_MAIL_AUTHSERV_ID = ""

    def sent(body, envelope, *results):
        raw = _with_results(email(the_case, sender=requester, body=body), *results)
        return receive(raw=raw, envelope_sender=envelope)

    # Secure without the setting: SPF may pass for evil.example, that says nothing of the From.
    held = sent("Close it.", "attacker@evil.example")
    assert (held.status, held.reason) == ("held", Reason.UNAUTHENTICATED)
    assert sent("Same domain.", f"<{requester.upper()}>").status == "accepted"
    assert sent("Bounce subdomain.", "b+1@bounces.example.org").status == "accepted"
    assert sent("A bounce.", "<>").reason == Reason.BOUNCE
    assert sent("Unknown envelope.", None).status == "accepted"
    settings.CASE_MAIL_AUTHSERV_ID = "mx.wsr.test"
    evil = "attacker@evil.example"
    assert sent("Signed by them.", evil, "mx.wsr.test; dkim=pass header.d=evil.example").reason == (
        Reason.UNAUTHENTICATED
    )
    assert sent("Other server.", evil, "evil.example; dmarc=pass").reason == (
        Reason.UNAUTHENTICATED
    )
    # Ours is the topmost: a header with our name further down was the sender's.
    forged_below = sent("Forged below.", evil, "mx.wsr.test; dmarc=none", "mx.wsr.test; dmarc=pass")
    assert forged_below.reason == Reason.UNAUTHENTICATED
    assert sent("List.", evil, "mx.wsr.test; dkim=pass header.d=example.org").status == "accepted"
    assert sent("Dmarc.", evil, "mx.wsr.test; spf=pass; dmarc=pass").status == "accepted"


def test_spf_failing_is_not_rescued_by_a_signature_of_another_domain(world, settings):
    settings.CASE_MAIL_AUTHSERV_ID = "mx.wsr.test"
    requester = world["requester"].email
    raw = _with_results(
        email(world["case"], sender=requester, body="Signed elsewhere."),
        f"mx.wsr.test; spf=fail smtp.mailfrom={requester}; dkim=pass header.d=evil.example",
    )
    assert receive(raw=raw).reason == Reason.UNAUTHENTICATED


def _smtp_send(port, envelope_sender, recipients, raw, *, lmtp=False):
    client_class = smtplib.LMTP if lmtp else smtplib.SMTP
    with client_class("127.0.0.1", port) as client:
        client.sendmail(envelope_sender, recipients, raw)


def _through_smtp(envelope_sender, recipients, raw):
    port = free_port()
    receiver = CaseMailReceiver(host="127.0.0.1", port=port)
    receiver.start()
    sender = threading.Thread(target=_smtp_send, args=(port, envelope_sender, recipients, raw))
    sender.start()
    try:
        assert receiver.process_one(timeout=10)
        sender.join(timeout=10)
    finally:
        receiver.stop()


def test_the_smtp_receiver_passes_the_envelope_sender_and_every_case_address(world):
    the_case, requester = world["case"], world["requester"]
    other = case(requester=requester, organization=the_case.organization)
    spoofed = email(the_case, sender=requester.email, body="Spoofed through SMTP.")
    _through_smtp("attacker@evil.example", [reply_address(the_case)], spoofed)
    assert InboundMessage.objects.get().reason == Reason.UNAUTHENTICATED
    both = email(
        the_case, sender=requester.email, to=reply_address(other), body="To both through SMTP."
    )
    _through_smtp(requester.email, [reply_address(the_case), reply_address(other)], both)
    for each in (the_case, other):
        assert each.timeline.filter(kind="reply", body="To both through SMTP.").count() == 1


def test_the_mailbox_reader_takes_the_return_path_as_the_envelope(world, imap_mailbox):
    from django.core.management import call_command

    box, url = imap_mailbox
    requester = world["requester"].email
    raw = email(world["case"], sender=requester, body="Through a mailbox, spoofed.")
    box.add(b"Return-Path: <attacker@evil.example>\r\n" + raw)
    call_command("fetch_case_mail", url=url, insecure=True)
    assert InboundMessage.objects.get().reason == Reason.UNAUTHENTICATED


def test_an_admin_of_the_requesters_organization_replies_as_the_requesters_side(world, on_commit):
    the_case, co_admin = world["case"], world["co_admin"]
    mail.outbox.clear()
    with on_commit():
        inbound = receive(raw=email(the_case, sender=co_admin.email, body="Our admin here."))
    assert inbound.status == "accepted" and inbound.sender_user == co_admin
    entry = inbound.entry
    assert (entry.kind, entry.is_shared, entry.author) == ("reply", True, co_admin)
    assert any(world["accepted"].email in m.to for m in mail.outbox)  # the working side told
    co_admin.is_active = False
    co_admin.save()
    assert receive(raw=email(the_case, sender=co_admin.email)).reason == Reason.UNKNOWN_SENDER


def test_one_email_to_two_case_addresses_reaches_both_cases_once(world):
    the_case, requester = world["case"], world["requester"]
    other = case(requester=requester, organization=the_case.organization)
    closed = case(requester=requester, organization=the_case.organization)
    closed.status = "closed"
    closed.save()
    raw = email(
        the_case,
        sender=requester.email,
        to=f"{reply_address(the_case)}, {reply_address(other)}",
        headers={"Cc": reply_address(closed)},
        body="For all my cases.",
        message_id="<three@example.org>",
    )
    kept = inbound_receive(raw=raw)
    assert [(m.case, m.status, m.reason) for m in kept] == [
        (the_case, "accepted", ""),
        (other, "accepted", ""),
        (closed, "held", Reason.CLOSED_CASE),
    ]
    assert [m.pk for m in inbound_receive(raw=raw)] == [m.pk for m in kept]  # redelivered
    # the envelope, when there is one, says which addresses this delivery was for
    again = inbound_receive(raw=raw, recipients=[reply_address(other).upper()])
    assert [m.pk for m in again] == [kept[1].pk]
    for each in (the_case, other):
        assert each.timeline.filter(body="For all my cases.").count() == 1
    assert InboundMessage.objects.count() == 3
    nowhere = email(to="info@example.org", message_id="<none@example.org>")
    assert len(inbound_receive(raw=nowhere)) == 1 and len(inbound_receive(raw=nowhere)) == 1
    assert InboundMessage.objects.filter(message_id="<none@example.org>").count() == 1


def test_the_review_page_shows_where_a_held_email_was_sent_and_by_whom_escaped(world, client):
    receive(
        raw=email(
            to='"<i>case</i>"@cases.wsr.test',
            sender='"<b>eve</b>"@example.net',
            body="Which case?",
        )
    )
    receive(raw=email(to="info@example.org", body="Nowhere."))
    client.force_login(world["staff"])
    page = client.get(reverse("assistance:case-mail")).content.decode()
    assert "&quot;&lt;i&gt;case&lt;/i&gt;&quot;@cases.wsr.test" in page
    assert "&quot;&lt;b&gt;eve&lt;/b&gt;&quot;@example.net" in page
    assert "<i>case</i>" not in page and "<b>eve</b>" not in page
    assert "info@example.org" in page


def _metas(page: str) -> list[str]:
    import re

    return [" ".join(m.split()) for m in re.findall(r'<p class="meta">(.*?)</p>', page, re.S)]


def test_the_case_page_names_the_system_and_emails_without_an_account(world, client, on_commit):
    from assistance.models import TimelineEntry as Entry

    the_case = world["case"]
    Entry.objects.create(
        case=the_case, kind="note", event="response_missed", params={"due": "2026-12-01"}
    )
    held = receive(raw=email(the_case, sender="rosa.personal@example.net", body="From home."))
    client.force_login(world["staff"])
    with on_commit():
        client.post(
            reverse("assistance:case-mail-decide", args=[held.pk]),
            {f"m{held.pk}-reference": the_case.reference, f"m{held.pk}-add_as": "reply"},
        )
    Entry.objects.create(case=the_case, kind="reply", is_shared=True, body="Deleted account.")
    staff_page = _metas(client.get(the_case.get_absolute_url()).content.decode())
    assert any("· the system ·" in m for m in staff_page)
    assert any("· by email (rosa.personal@example.net) ·" in m for m in staff_page)
    assert sum("a former member" in m for m in staff_page) == 1  # the deleted account only
    client.force_login(world["requester"])
    requester_page = client.get(the_case.get_absolute_url()).content.decode()
    metas = _metas(requester_page)
    assert any("· by email ·" in m for m in metas)
    assert "rosa.personal@example.net" not in requester_page
    assert sum("a former member" in m for m in metas) == 1
