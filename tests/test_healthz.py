"""/healthz names each part of the stack and answers 200 while the database does (issue 18)."""

import socket
import time

import pytest
from django.test import override_settings

from wsr.celery import app as celery_app


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_reports_every_part(client, db):
    started = time.perf_counter()
    response = client.get("/healthz")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "eager", "storage": "ok"},
    }
    assert elapsed < 0.5  # ~5 ms here; generous for a loaded machine


def test_healthz_is_degraded_not_down_when_the_cache_is_down(client, db):
    broken = {
        "default": {
            "BACKEND": "wsr.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        }
    }
    with override_settings(CACHES=broken):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "down"
    assert response.json()["checks"]["database"] == "ok"


@pytest.fixture
def broker_not_eager():
    conf = celery_app.conf
    before = conf.broker_url
    conf.task_always_eager = False
    yield conf
    conf.broker_url = before
    conf.task_always_eager = True


def test_healthz_names_an_unreachable_broker(client, db, broker_not_eager):
    broker_not_eager.broker_url = f"redis://127.0.0.1:{_closed_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["broker"] == "down"


def test_healthz_names_an_unwritable_storage(client, db, settings, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(not_a_folder)},
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "down"
    assert response.json()["status"] == "degraded"
