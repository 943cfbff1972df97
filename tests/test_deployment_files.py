import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _compose_command():
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_config_is_valid():
    command = _compose_command()
    if command is None:
        if IN_CI:
            pytest.fail("Neither `docker compose` nor `docker-compose` is installed.")
        pytest.skip("docker compose is not installed")
    result = subprocess.run(
        [*command, "config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SECRET_KEY": "compose-config-check", "EMAIL_URL": "smtp://mail:25"},
    )
    assert result.returncode == 0, result.stderr
    services = yaml.safe_load(result.stdout)["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    assert "gunicorn" in open(ROOT / "Dockerfile").read()
    assert services["worker"]["command"][:3] == ["celery", "-A", "wsr"]


def test_healthz_answers_any_host_without_redirect(client, db, settings):
    settings.ALLOWED_HOSTS = ["wsr.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_collectstatic_with_the_production_manifest_storage_succeeds(settings, tmp_path):
    """The production storage refuses a vendored file that references a missing one (a
    source map, a font): the Docker image and deploys run this command."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "static" / "staticfiles.json").exists()
