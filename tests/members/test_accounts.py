import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from .factories import PASSWORD, TOTP_SECRET, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_up_is_by_email_and_needs_verification(client, site_tree, on_commit):
    with on_commit():
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    user = get_user_model().objects.get(email="new@example.org")
    assert not hasattr(user, "username") or user.username is None
    # Not verified yet: signing in sends to verification, not to the portal.
    response = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )
    assert response["Location"] == reverse("account_email_verification_sent")


def test_account_emails_go_through_the_task_queue_in_the_requests_language(
    client, site_tree, on_commit
):
    from celery.signals import task_prerun

    ran = []

    def record(sender=None, **kwargs):
        ran.append(sender.name)

    task_prerun.connect(record, weak=False)
    try:
        with on_commit():
            client.post(
                "/es/accounts/signup/",
                {"email": "cola@example.org", "password1": PASSWORD, "password2": PASSWORD},
            )
    finally:
        task_prerun.disconnect(record)
    assert "notifications.tasks.send_outgoing_email" in ran
    assert mail.outbox[0].to == ["cola@example.org"]


def test_sign_up_in_spanish_sets_the_preferred_language(client, site_tree):
    client.post(
        "/es/accounts/signup/",
        {
            "email": "nueva@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert (
        get_user_model().objects.get(email="nueva@example.org").profile.preferred_language == "es"
    )


def test_bad_sign_up_is_explained_and_creates_nothing(client, site_tree):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "not-an-email",
            "password1": "short",
            "password2": "other",
        },
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not get_user_model().objects.exists()


def test_login_is_throttled_after_repeated_failures(client, site_tree):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_verified_user_signs_in_to_the_dashboard(client, site_tree):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("members:dashboard")


def test_staff_without_mfa_are_sent_to_set_it_up_before_staff_pages(client):
    staff = StaffFactory(totp=False)
    client.force_login(staff)
    for path in ("/cms/", "/django-admin/", "/es/portal/staff/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_mfa_reach_the_admin(client):
    staff = StaffFactory()
    client.force_login(staff)
    assert client.get("/cms/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_staff_sign_in_asks_for_the_second_factor(client, site_tree):
    import time

    staff = StaffFactory()
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/cms/").status_code == 200


def test_non_staff_never_reach_the_admins(client, public_user):
    client.force_login(public_user)
    # a 403 that says why (a redirect to the sign-in page sent a signed-in person round in
    # circles: the review of issue 22)
    assert client.get("/cms/").status_code == 403
    assert "/login" in client.get("/django-admin/")["Location"]


def test_password_reset_sends_a_link_and_reveals_nothing(client, site_tree, on_commit):
    user = UserFactory()
    with on_commit():
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and user.email in mail.outbox[0].to
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302  # same answer for an unknown address


def test_editors_who_reach_wagtail_through_a_group_also_need_mfa(client):
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.create(name="Outside editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = UserFactory()
    editor.groups.add(editors)
    client.force_login(editor)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
