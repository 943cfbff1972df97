"""One way in (allauth's flow, with its throttling, verified email and second factor), and
"staff" means staff who passed a second factor in this session (issue 15)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.members.factories import PASSWORD, TOTP_SECRET, StaffFactory, UserFactory, member

pytestmark = pytest.mark.django_db

OTHER_LOGIN_PAGES = ["/cms/login/", "/django-admin/login/", "/_util/login/"]

STAFF_PAGES = [
    ("assistance:queue", "Queue"),
    ("assistance:reports-csv", ""),
    ("assistance:report-queue", ""),
    ("assistance:workload", ""),
    ("coordination:pipeline", ""),
    ("promotion:speaker-requests", ""),
    ("notifications:deliveries", ""),
]


def _counter() -> int:
    return int(time.time() // 30)


def _signed_in(client) -> bool:
    return SESSION_KEY in client.session


@pytest.mark.parametrize("path", OTHER_LOGIN_PAGES)
def test_a_staff_password_posted_to_another_login_page_signs_nobody_in(client, path):
    staff = StaffFactory()
    response = client.post(path, {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not _signed_in(client)
    assert client.get("/cms/").status_code == 302
    assert client.get("/django-admin/").status_code == 302


@pytest.mark.parametrize("path", OTHER_LOGIN_PAGES)
def test_other_login_pages_send_unverified_accounts_to_allauth_too(client, path):
    unverified = UserFactory(verified=False)
    client.post(path, {"username": unverified.email, "password": PASSWORD})
    assert not _signed_in(client)
    assert client.get(reverse("members:dashboard")).status_code == 302


def test_the_admin_login_page_keeps_a_safe_next_and_drops_another_host(client):
    response = client.get("/cms/login/?next=/cms/pages/")
    assert response["Location"] == f"{reverse('account_login')}?next=/cms/pages/"
    response = client.get("/cms/login/?next=https://evil.example/")
    assert "evil.example" not in response["Location"]


def test_wagtail_sends_people_to_allauths_sign_in(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_staff_password_at_allauth_asks_for_the_second_factor_before_anything(client):
    staff = StaffFactory()
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _signed_in(client)
    assert client.get("/cms/").status_code == 302
    assert client.get(reverse("assistance:queue")).status_code == 302
    code = format_hotp_value(hotp_value(TOTP_SECRET, _counter()))
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert _signed_in(client)
    assert client.get("/cms/").status_code == 200
    assert client.get(reverse("assistance:queue")).status_code == 200


def test_allauth_throttles_repeated_wrong_passwords(client, settings):
    member_user = member()
    for _attempt in range(12):
        client.post(reverse("account_login"), {"login": member_user.email, "password": "wrong"})
    client.post(reverse("account_login"), {"login": member_user.email, "password": PASSWORD})
    assert not _signed_in(client)


@pytest.mark.parametrize("name, _label", STAFF_PAGES)
def test_staff_without_a_second_factor_get_no_staff_page(client, name, _label):
    without_authenticator = StaffFactory(totp=False)
    client.force_login(without_authenticator)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


@pytest.mark.parametrize("name, _label", STAFF_PAGES)
def test_staff_whose_session_skipped_the_second_factor_get_no_staff_page(client, name, _label):
    client.force_login(StaffFactory(), second_factor=False)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


@pytest.mark.parametrize("name, _label", STAFF_PAGES)
def test_staff_with_a_second_factor_open_staff_pages(client, name, _label):
    client.force_login(StaffFactory())
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name, _label", STAFF_PAGES)
def test_members_are_refused_staff_pages_with_a_reason(client, name, _label):
    client.force_login(member())
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert "staff" in response.content.decode()


def test_the_admin_sites_refuse_staff_without_a_second_factor(client):
    client.force_login(StaffFactory(totp=False))
    for path in ["/cms/", "/cms/users/", "/django-admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def _enrol_authenticator(client, user):
    """What allauth asks of a signed-in person who sets up an authenticator app."""
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    code = format_hotp_value(hotp_value(client.session[SECRET_SESSION_KEY], _counter()))
    client.post(reverse("mfa_activate_totp"), {"code": code})


def _confirmation_link(outbox) -> str:
    import re

    found = [m for m in outbox if "authenticator" in m.subject.lower()]
    assert found, [m.subject for m in outbox]
    return re.search(r"https?://testserver(/\S+)", found[-1].body).group(1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # allauth signals on commit
def test_a_staff_password_alone_cannot_enrol_an_authenticator_into_staff_powers(client, mailoutbox):
    from allauth.mfa.models import Authenticator

    staff = StaffFactory(totp=False)
    client.force_login(staff)
    assert client.get(reverse("assistance:queue")).status_code == 302
    _enrol_authenticator(client, staff)
    assert Authenticator.objects.filter(user=staff).exists()
    response = client.get(reverse("assistance:queue"))
    assert response.status_code == 302  # the new factor waits for the mailbox
    assert response["Location"].startswith(reverse("members:factor-pending"))
    assert client.get("/django-admin/").status_code == 302
    link = _confirmation_link(mailoutbox)
    assert client.get(link).status_code == 200  # opening the link confirms nothing
    assert client.get(reverse("assistance:queue")).status_code == 302
    client.post(link)
    assert client.get(reverse("assistance:queue")).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_member_enrols_an_authenticator_without_a_mailbox_step(client, mailoutbox):
    from wsr.members.models import FactorConfirmation

    person = member()
    client.force_login(person)
    _enrol_authenticator(client, person)
    assert not FactorConfirmation.objects.exists()
    assert not [m for m in mailoutbox if "authenticator app of your" in m.subject]


def test_a_tampered_or_foreign_confirmation_link_confirms_nothing(client, mailoutbox, on_commit):
    from allauth.mfa.totp.internal.auth import TOTP

    from wsr.members import factors
    from wsr.members.models import FactorConfirmation

    staff = StaffFactory(totp=False)
    authenticator = TOTP.activate(staff, TOTP_SECRET).instance
    with on_commit():
        confirmation = factors.factor_confirmation_start(authenticator=authenticator)
    link = _confirmation_link(mailoutbox)
    assert client.post(link[:-3] + "abc/").status_code == 404
    confirmation.refresh_from_db()
    assert confirmation.confirmed_at is None
    other = StaffFactory(totp=False)
    other_auth = TOTP.activate(other, TOTP_SECRET).instance
    FactorConfirmation.objects.create(authenticator=other_auth)
    client.post(link)  # the link names this authenticator only
    assert FactorConfirmation.objects.get(authenticator=other_auth).confirmed_at is None
    assert FactorConfirmation.objects.get(authenticator=authenticator).confirmed_at


def test_the_link_is_sent_again_at_most_once_a_minute(client, mailoutbox, on_commit):
    from allauth.mfa.totp.internal.auth import TOTP

    from wsr.members import factors

    staff = StaffFactory(totp=False)
    with on_commit():
        factors.factor_confirmation_start(authenticator=TOTP.activate(staff, TOTP_SECRET).instance)
    client.force_login(staff)
    sent = len(mailoutbox)
    client.post(reverse("members:factor-pending"))
    assert len(mailoutbox) == sent  # just sent
    page = client.get(reverse("members:factor-pending")).content.decode()
    assert staff.email in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # allauth signals on commit
def test_setting_up_a_confirmed_authenticator_counts_as_this_sessions_second_factor(
    client, mailoutbox
):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    staff = StaffFactory(totp=False)
    client.force_login(staff)
    assert client.get(reverse("assistance:queue")).status_code == 302
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    code = format_hotp_value(hotp_value(client.session[SECRET_SESSION_KEY], _counter()))
    client.post(reverse("mfa_activate_totp"), {"code": code})
    assert Authenticator.objects.filter(user=staff).exists()
    client.post(_confirmation_link(mailoutbox))
    assert client.get(reverse("assistance:queue")).status_code == 200
