"""Files on the local disk (the embedded default) or on a real S3-compatible server
(SeaweedFS, tests/site/s3.py), with the settings wsr/settings.py builds from S3_BUCKET and
friends (issue 18): private objects are never readable without a signature, a view that has
authorized a file streams it or redirects to a signed URL that expires in seconds, and
Wagtail's documents keep their audience check."""

import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from assistance.models import AccessRecord, CaseFile
from tests.assistance.factories import PDF, pdf, people
from tests.members.factories import StaffFactory, member
from tests.repository.factories import document
from wsr.site.storage import PrivateFileURLError, private_storage, storages_to_back_up

from .s3 import PUBLIC_LOCATION

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["local", "s3"])
def store(request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.WSR_STAFF_MFA_REQUIRED = False
    if request.param == "s3":
        settings.STORAGES = {**settings.STORAGES, **request.getfixturevalue("s3_storages")}
    return request.param


s3_only = pytest.mark.parametrize("store", ["s3"], indirect=True)


def _anonymous_get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as refused:
        return refused.code, b"", dict(refused.headers)


def _keys(server, bucket, prefix):
    listed = server.client().list_objects_v2(Bucket=bucket, Prefix=prefix)
    return {entry["Key"] for entry in listed.get("Contents", ())}


def test_public_and_private_files_are_saved_read_and_deleted(store, request):
    cases = private_storage("cases")
    public_name = default_storage.save("logos/acme.png", ContentFile(b"logo bytes"))
    private_name = cases.save("7/plan.pdf", ContentFile(PDF))
    assert default_storage.open(public_name).read() == b"logo bytes"
    assert cases.open(private_name).read() == PDF
    assert (default_storage.size(public_name), cases.size(private_name)) == (10, len(PDF))
    assert cases.listdir("7")[1] == [private_name.split("/")[1]]
    with pytest.raises(PrivateFileURLError):
        cases.url(private_name)

    if store == "s3":
        server, bucket = request.getfixturevalue("s3_server"), request.getfixturevalue("s3_bucket")
        assert f"{PUBLIC_LOCATION}/{public_name}" in _keys(server, bucket, PUBLIC_LOCATION)
        private_key = f"private/cases/{private_name}"
        assert private_key in _keys(server, bucket, "private/cases/")
        # Anyone reads public media by URL; a private object without a signature, nobody.
        status, _body, _headers = _anonymous_get(f"{server.endpoint}/{bucket}/{private_key}")
        assert status == 403
        if server.anyone_reads_media:
            assert _anonymous_get(default_storage.url(public_name))[:2] == (200, b"logo bytes")
    else:
        assert default_storage.url(public_name) == f"/media/{public_name}"

    default_storage.delete(public_name)
    cases.delete(private_name)
    assert not default_storage.exists(public_name)
    assert not cases.exists(private_name)


def test_every_store_is_listed_for_backups(store):
    listed = storages_to_back_up()
    assert listed["default"] is default_storage
    assert listed["private/cases"] is private_storage("cases")
    assert "private/coordination" in listed


@pytest.fixture
def uploaded(client, store):
    """A requester's reply with a PDF, posted through the case page's form."""
    world = people()
    case = world["case"]
    client.force_login(world["requester"])
    response = client.post(
        reverse("assistance:case-post", args=[case.reference]),
        {"body": "The buyer's letter", "file": pdf("buyer letter.pdf")},
    )
    assert response.status_code == 302
    world["file"] = CaseFile.objects.get(case=case)
    world["url"] = reverse("assistance:case-file", args=[case.reference, world["file"].pk])
    client.logout()
    return world


def test_a_case_file_is_streamed_to_its_audience_and_no_one_else(client, uploaded):
    for person in ("staff", "requester"):
        client.force_login(uploaded[person])
        response = client.get(uploaded["url"])
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="buyer letter.pdf"'
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessRecord.objects.filter(kind=AccessRecord.Kind.CASE_FILE).count() == 2
    for person in ("colleague", "stranger", "declined"):
        client.force_login(uploaded[person])
        assert client.get(uploaded["url"]).status_code == 404
    client.logout()
    assert client.get(uploaded["url"]).status_code == 302  # to the sign-in page
    assert AccessRecord.objects.filter(kind=AccessRecord.Kind.CASE_FILE).count() == 2


@s3_only
def test_on_s3_a_case_file_is_private_and_redirected_to_a_signed_url_valid_for_seconds(
    client, settings, uploaded, s3_server, s3_bucket
):
    server, bucket = s3_server, s3_bucket
    key = f"private/cases/{uploaded['file'].file.name}"
    assert server.client().get_object(Bucket=bucket, Key=key)["Body"].read() == PDF
    assert _anonymous_get(f"{server.endpoint}/{bucket}/{key}")[0] == 403
    assert not _keys(server, bucket, f"{PUBLIC_LOCATION}/{uploaded['case'].pk}/")

    settings.PRIVATE_FILES_REDIRECT = True
    settings.PRIVATE_FILES_URL_SECONDS = 60
    for person in ("colleague", "stranger"):
        client.force_login(uploaded[person])
        assert client.get(uploaded["url"]).status_code == 404
    client.force_login(uploaded["staff"])
    response = client.get(uploaded["url"])
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    assert location.startswith(f"{server.endpoint}/{bucket}/{key}?")
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Expires"] == ["60"] and query["X-Amz-Signature"]
    assert AccessRecord.objects.filter(kind=AccessRecord.Kind.CASE_FILE).count() == 1

    status, body, headers = _anonymous_get(location)  # what the browser does next
    assert (status, body) == (200, PDF)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="buyer letter.pdf"'
    # The same address without its signature, or with another file name, is refused.
    assert _anonymous_get(location.split("?")[0])[0] == 403
    assert _anonymous_get(location.replace("letter.pdf", "letter.html"))[0] == 403


def test_a_wagtail_document_is_served_through_its_audience_check(client, settings, store, request):
    settings.PRIVATE_FILES_REDIRECT = True  # documents are never redirected, whatever this says
    loose = document(title="Loose", content=b"draft minutes", name="minutes.txt")
    assert client.get(loose.url).status_code == 404  # used by no live page: staff only
    client.force_login(member())
    assert client.get(loose.url).status_code == 404
    client.force_login(StaffFactory())
    response = client.get(loose.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"draft minutes"
    assert response["X-Content-Type-Options"] == "nosniff"

    if store == "s3":
        server, bucket = request.getfixturevalue("s3_server"), request.getfixturevalue("s3_bucket")
        # Kept with the private files, not under the prefix anyone may read.
        key = f"private/{loose.file.name}"
        assert key in _keys(server, bucket, "private/documents/")
        assert not _keys(server, bucket, f"{PUBLIC_LOCATION}/documents/")
        assert _anonymous_get(f"{server.endpoint}/{bucket}/{key}")[0] == 403
        with pytest.raises(NotImplementedError):  # so Wagtail has no address to send anyone to
            loose.file.url  # noqa: B018
        assert "documents" in default_storage.listdir("")[0]  # backups find them
        loose.file.delete(save=False)
        assert not _keys(server, bucket, key)
