"""Shared by the API's tests: the whole demo, seeded once per module that asks for it."""

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test.utils import override_settings

from wsr.celery import app as celery_app


@pytest.fixture(scope="module")
def api_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The full demo (every app's content), seeded once for the module and rolled back at its
    end; the request limits are off. Tests that use it also need `db` (each test's own writes
    are rolled back to the seeded state). Django's WSGI handler may be called in-process:
    like the test client, it leaves the connection open between requests."""
    media = tmp_path_factory.mktemp("api-demo-media")
    overrides = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=media / "public",
        PRIVATE_MEDIA_ROOT=media / "private",
        SITE_URL="http://testserver",
        API_RATE_ANONYMOUS="0/60",
        API_RATE_TOKEN="0/60",
        OPEN_DATA_SNAPSHOT_ON_SEED=False,  # (the bulk files' own tests write snapshots)
    )
    overrides.enable()
    celery_app.conf.task_always_eager = True
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            overrides.disable()


@pytest.fixture(autouse=True)
def _count_the_view_not_the_response_cache(request, settings):
    """A test that pins a number of queries reads the same address twice: it counts the
    view's queries, not the anonymous response cache's hit (none; tests/api/test_api_cache.py)."""
    if "django_assert_num_queries" in request.fixturenames:
        settings.API_RESPONSE_CACHE = False
