import os
import time

import django.test
import pytest
from django.core.cache import cache
from django.utils import translation

from wsr.celery import app as celery_app

# Playwright's sync API runs an event loop in the test thread; Django's ORM is only
# touched by the live server thread and by the test itself between browser calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class Client(django.test.Client):
    """Django's test client, whose `force_login` stands for the whole allauth sign-in: a
    person with an authenticator cannot finish signing in without it, so the session records
    the second factor for them (roles.is_staff needs it). `second_factor=False` gives a
    session that stopped after the password, as a login page that skipped allauth did."""

    def force_login(self, user, backend=None, second_factor=True):
        from allauth.mfa.models import Authenticator

        super().force_login(user, backend)
        has_factor = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        record_sign_in(self, user, second_factor=second_factor and has_factor)


def record_sign_in(client, user, *, second_factor: bool):
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.account.internal.userkit import user_id_to_str

    session = client.session
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if second_factor:
        records.append({"method": "mfa", "at": now, "type": "totp"})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()


@pytest.fixture
def client():
    return Client()


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SITE_URL = "http://testserver"
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    cache.clear()
    # The test client runs requests in this thread: a Spanish request must not leak.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()


@pytest.fixture
def site_tree(db):
    """The locales and the live home pages in English and Spanish, as the demo has them."""
    from wsr.site.services import site_tree_ensure

    return site_tree_ensure(
        home_fields={"title": "Home", "hero_title": "Workers define the rules"},
        home_fields_by_language={
            "es": {"title": "Inicio", "hero_title": "Los trabajadores definen las reglas"}
        },
    )


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (emails) as if the request's transaction committed."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
