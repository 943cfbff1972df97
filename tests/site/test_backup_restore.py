"""Issue 18, item 5: a backup holds the database and every stored file; after the site is
wiped, a restore serves the same pages and files (run on SQLite and on PostgreSQL)."""

import json

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from tests.assistance.factories import case as make_case
from tests.assistance.factories import pdf
from tests.repository.factories import document, repository_index, resource
from wsr.site.backup import storages_to_back_up
from wsr.site.models import StandardPage
from wsr.site.services import site_tree_ensure

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _content_types_cached():
    """A restore empties the content-type cache (its ids described the replaced database).
    The suite's next test loads the migrations' rows back with those same ids; with an empty
    cache a signal during that load would create a content type first and collide. Filled
    again here from the restored rows, before the flush that ends this test."""
    yield
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture(autouse=True, params=["disk", "s3"])
def _media(request, settings, tmp_path):
    """The local disk (the embedded default) and a real S3 server (tests/site/s3.py)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.WSR_STAFF_MFA_REQUIRED = False
    if request.param == "s3":
        if connection.vendor != "sqlite":
            pytest.skip("the storage layer is the same whatever the database: S3 on SQLite only")
        settings.STORAGES = {**settings.STORAGES, **request.getfixturevalue("s3_storages")}


def _small_site():
    homes = site_tree_ensure(
        home_fields={"title": "Home", "hero_title": "Workers define the rules"},
        home_fields_by_language={"es": {"title": "Inicio", "hero_title": "Las reglas"}},
    )
    about = homes["en"].add_child(
        instance=StandardPage(title="About", slug="about", introduction="Who we are.")
    )
    about.save_revision().publish()
    toolkit = document(content=b"How to file a complaint.\n")
    guide = resource(repository_index(homes["en"]), "Complaint guide", attachments=[toolkit])
    case = make_case(uploads=[pdf(content=b"%PDF-1.4\n% confidential evidence\n%%EOF\n")])
    return {
        "anonymous": ["/", "/es/", "/about/", guide.url, toolkit.url],
        "requester": [f"/assistance/cases/{case.reference}/files/{case.files.get().pk}/"],
        "case": case,
    }


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _fetch(client, paths):
    return {
        path: (response.status_code, _body(response))
        for path in paths
        for response in [client.get(path)]
    }


def _stored_files() -> dict[str, set[str]]:
    from wsr.site.backup import _walk

    return {key: set(_walk(storage)) for key, storage in storages_to_back_up().items()}


def _wipe():
    """As a new server would start: an empty database, no files, an empty cache."""
    call_command("flush", "--no-input", verbosity=0)
    cache.clear()
    for key, storage in storages_to_back_up().items():
        for name in _stored_files()[key]:
            storage.delete(name)


def test_a_restored_backup_serves_the_same_pages_and_files(client, tmp_path):
    site = _small_site()
    requester = client.__class__()
    requester.force_login(site["case"].requester)
    before = _fetch(client, site["anonymous"])
    before_private = _fetch(requester, site["requester"])
    assert {status for status, _body in before.values()} == {200}
    assert [status for status, _body in before_private.values()] == [200]
    files = _stored_files()
    assert files["default"] and any(files[key] for key in files if key != "default")

    call_command("backup", str(tmp_path / "backup.tar.gz"), verbosity=0)
    _wipe()
    assert client.get("/about/").status_code == 404
    assert not any(_stored_files().values())

    call_command("restore", str(tmp_path / "backup.tar.gz"), "--no-input", verbosity=0)

    assert _stored_files() == files
    assert _fetch(client, site["anonymous"]) == before
    assert _fetch(requester, site["requester"]) == before_private
    # (pages for a signed-in person carry a fresh CSRF token: same answer, other bytes)
    assert requester.get(site["case"].get_absolute_url()).status_code == 200


def test_a_damaged_archive_is_refused_before_anything_changes(tmp_path):
    site_tree_ensure(home_fields={"title": "Home", "hero_title": "Rules"})
    document(content=b"Original text.\n")
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    # secrets, sessions and case files inside: for its owner only (found by review)
    written = [tmp_path / "backup", *(tmp_path / "backup").rglob("*")]
    assert {oct(path.stat().st_mode & 0o077) for path in written} == {"0o0"}
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    name = manifest["files"]["default"][0]["name"]
    (tmp_path / "backup" / "files" / "default" / name).write_bytes(b"Tampered.\n")
    default_storage.delete(name)

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "backup"), "--no-input", verbosity=0)
    assert not default_storage.exists(name)


@pytest.mark.django_db  # (a transaction of its own: what is refused)
def test_a_backup_inside_a_transaction_is_refused_rather_than_left_waiting(tmp_path):
    with pytest.raises(CommandError, match="transaction"):
        call_command("backup", str(tmp_path / "backup"), verbosity=0)
