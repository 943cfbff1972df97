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


def pytest_configure(config):
    """Under pytest-xdist each worker has a Redis database and media folders of its own: a
    worker's `cache.clear()` (FLUSHDB) or a real Celery worker consuming the queue must not
    reach into the other worker's test. Subprocesses (servers, runners) inherit the choice."""
    import atexit
    import shutil
    import tempfile

    from asgiref.local import Local
    from django.conf import settings
    from django.core.cache import caches

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        if getattr(config.option, "numprocesses", None):
            _template_prepare_while_workers_start()
        return
    index = int(worker.removeprefix("gw") or 0)
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(redis_url)
        base = int(parts.path.strip("/") or 0)
        redis_url = urlunsplit(parts._replace(path=f"/{(base + 1 + index) % 16}"))
        os.environ["REDIS_URL"] = redis_url
        settings.REDIS_URL = redis_url
        settings.CACHES["default"]["LOCATION"] = redis_url
        settings.CELERY_BROKER_URL = redis_url
        celery_app.conf.broker_url = redis_url
        caches._settings = caches.settings = caches.configure_settings(None)
        caches._connections = Local()
    for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        folder = tempfile.mkdtemp(prefix=f"wsr-test-{name.lower()}-{worker}-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ[name] = folder
        setattr(settings, name, folder)


def pytest_collection_modifyitems(config, items):
    """A test that commits (transaction=True) ends with the database flushed, and a flush
    after a serialized_rollback test leaves out what the migrations loaded (permissions,
    locales, the managed lists). Every such test gets that data back at its start, so none
    depends on which test ran before it in its worker."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in (marker.kwargs)
        ):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True),
                append=False,
            )


def _template_prepare_while_workers_start():
    """In the pytest-xdist controller: one id for the run (the workers inherit it), and the
    migrated template made while the workers start and collect (~15 s of overlap)."""
    import threading
    import uuid

    from tests import database

    os.environ.setdefault("WSR_TEST_RUN", uuid.uuid4().hex)
    threading.Thread(target=database.template_prepare, name="template", daemon=True).start()


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """The migrated database, made once per run and copied for each worker (tests/database.py)."""
    from tests import database

    with django_db_blocker.unblock():
        tear_down = database.set_up(os.environ.get("PYTEST_XDIST_WORKER", "main"))
    yield
    with django_db_blocker.unblock():
        tear_down()


@pytest.fixture
def client():
    return Client()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # seed_demo writes the open-data files: never into the working copy's var/
    settings.OPEN_DATA_ROOT = tmp_path_factory.getbasetemp() / "open-data"
    settings.OPEN_DATA_SNAPSHOT_ON_SEED = (
        False  # (seconds per seed; tests that need files write them)
    )
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
