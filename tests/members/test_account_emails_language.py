"""allauth's emails name the site and, in Spanish, address people as "usted" (issue 17)."""

import pytest
from django.core import mail

from tests.test_translations import INFORMAL

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, on_commit, path, email):
    with on_commit():
        client.post(path, {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    (message,) = [m for m in mail.outbox if m.to == [email]]
    return message


def test_the_verification_email_names_the_site(client, site_tree, on_commit):
    message = sign_up(client, on_commit, "/accounts/signup/", "new@example.org")
    assert "Hello from WSR Collaborative!" in message.body
    assert "register an account on testserver." in message.body
    assert "from !" not in message.body and " on ." not in message.body


def test_the_spanish_verification_email_names_the_site_and_says_usted(client, site_tree, on_commit):
    message = sign_up(client, on_commit, "/es/accounts/signup/", "nueva@example.org")
    assert "WSR Collaborative" in message.body
    assert "/es/accounts/confirm-email/" in message.body
    assert not INFORMAL.search(message.body), INFORMAL.search(message.body)
    assert not INFORMAL.search(message.subject)


def test_the_spanish_password_reset_email_says_usted(client, site_tree, on_commit):
    person = UserFactory(email="olvido@example.org")
    person.profile.preferred_language = "es"
    person.profile.save()
    with on_commit():
        client.post("/es/accounts/password/reset/", {"email": person.email})
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    assert "WSR Collaborative" in message.body
    assert "/es/accounts/password/reset/key/" in message.body
    assert not INFORMAL.search(message.body), INFORMAL.search(message.body)
