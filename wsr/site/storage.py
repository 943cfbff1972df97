"""Where files live, and how a private one reaches the person a view has let see it.

Private files (case files, assessment evidence, coordination attachments) have no URL for
pages: only a view that checks who asks serves them, through `serve_private_file`. They
live under PRIVATE_MEDIA_ROOT on the local disk (the embedded default) or, when S3_BUCKET is
set, under a private prefix (or bucket) of an S3-compatible store, never readable without a
signature (issue 18, docs/architecture.md "Object storage").

Public media (logos, Wagtail images) go to the `default` storage: MEDIA_ROOT, or the public
prefix of the bucket. Wagtail's documents are checked against their audience by
`serve_view` on every download; on S3 they are kept with the private files, so no bucket
policy that opens the public prefix can open them too."""

import mimetypes
import posixpath
import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.dispatch import receiver
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.test.signals import setting_changed
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header
from django.utils.module_loading import import_string
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# STORAGES alias of the private store when it is not the local disk (settings.py).
PRIVATE_ALIAS = "private"
# Folders of the public media that only a checking view may serve (Wagtail's documents).
CHECKED_MEDIA_FOLDERS = ("documents",)


class PrivateFileURLError(ValueError, NotImplementedError):
    """A ValueError for our code; NotImplementedError is what Wagtail's document view
    expects from a storage that has no URL for a file."""


def _refuse_url():
    raise PrivateFileURLError("Private files have no URL: link to the view that serves them.")


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        _refuse_url()


_resources = threading.local()


class SharedConnectionS3Storage(S3Storage):
    """Stores that reach the same server with the same account share one boto3 resource per
    thread: making one takes a third of a second, and a process has five stores or more."""

    def _shared(self, signed: bool):
        found = _resources.__dict__.setdefault("by_account", {})
        key = (
            signed,
            self.endpoint_url,
            self.region_name,
            self.access_key,
            self.secret_key,
            self.security_token,
            self.session_profile,
            self.use_ssl,
            self.verify,
            id(self.client_config),
        )
        if key not in found:  # the config is kept with it, so its id is not reused
            getter = S3Storage.connection if signed else S3Storage.unsigned_connection
            found[key] = (self.client_config, getter.fget(self))
        return found[key][1]

    @property
    def connection(self):
        return self._shared(signed=True)

    @property
    def unsigned_connection(self):
        return self._shared(signed=False)


class PrivateS3Storage(SharedConnectionS3Storage):
    """Objects written without a public ACL, never under a public domain; a page gets no URL,
    only `serve_private_file` gets a signed one that expires within seconds."""

    def __init__(self, **options):
        options.update(querystring_auth=True, custom_domain=None, default_acl=None)
        options.setdefault("file_overwrite", False)
        super().__init__(**options)

    def url(self, name, parameters=None, expire=None, http_method=None):
        _refuse_url()

    def signed_url(self, name: str, *, filename: str, content_type: str, seconds: int) -> str:
        return super().url(
            name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(True, filename),
                "ResponseContentType": content_type,
                "ResponseCacheControl": "private, no-store",
            },
            expire=seconds,
        )


def _private_backend(folder: str) -> Storage:
    config = settings.STORAGES.get(PRIVATE_ALIAS)
    if config is None:
        return PrivateFileSystemStorage(location=Path(settings.PRIVATE_MEDIA_ROOT) / folder)
    options = dict(config.get("OPTIONS", {}))
    options["location"] = posixpath.join(options.get("location", ""), folder).strip("/")
    return import_string(config["BACKEND"])(**options)


class PrivateStorage(LazyObject):
    """Built on first use, so tests that change the settings get the matching store."""

    def __init__(self, folder: str):
        self.__dict__["_folder"] = folder
        super().__init__()

    def _setup(self):
        self._wrapped = _private_backend(self.__dict__["_folder"])


class PublicMediaStorage(SharedConnectionS3Storage):
    """The public prefix of the bucket, whose objects may be fetched by URL (a bucket policy,
    a CDN, or S3_PUBLIC_ACL); names under a checked folder (`documents/...`) are stored in
    the private store instead and have no URL."""

    def __init__(self, **options):
        options.setdefault("file_overwrite", False)  # two "report.pdf" must both survive
        options.setdefault("querystring_auth", False)  # page caches keep these URLs
        super().__init__(**options)
        self._checked = {folder: PrivateStorage(folder) for folder in CHECKED_MEDIA_FOLDERS}

    def _route(self, name: str) -> tuple[Storage | None, str, str]:
        folder, _, rest = clean_name(name).lstrip("/").partition("/")
        if folder in self._checked:
            if settings.STORAGES.get(PRIVATE_ALIAS) is None:
                raise ImproperlyConfigured("An S3 default storage needs STORAGES['private'].")
            return self._checked[folder], folder, rest
        return None, "", name

    def _open(self, name, mode="rb"):
        storage, _, rest = self._route(name)
        return storage.open(rest, mode) if storage else super()._open(name, mode)

    def _save(self, name, content):
        storage, folder, rest = self._route(name)
        if storage is None:
            return super()._save(name, content)
        return f"{folder}/{storage._save(rest, content)}"  # noqa: SLF001

    def delete(self, name):
        storage, _, rest = self._route(name)
        return storage.delete(rest) if storage else super().delete(name)

    def exists(self, name):
        storage, _, rest = self._route(name)
        return storage.exists(rest) if storage else super().exists(name)

    def size(self, name):
        storage, _, rest = self._route(name)
        return storage.size(rest) if storage else super().size(name)

    def get_modified_time(self, name):
        storage, _, rest = self._route(name)
        return storage.get_modified_time(rest) if storage else super().get_modified_time(name)

    def listdir(self, name):
        storage, _, rest = self._route(name)
        if storage:
            return storage.listdir(rest)
        directories, files = super().listdir(name)
        if not clean_name(name).strip("/"):  # the checked folders, as on the local disk
            directories = sorted({*directories, *self._checked})
        return directories, files

    def url(self, name, parameters=None, expire=None, http_method=None):
        storage, _, _ = self._route(name)
        if storage:
            _refuse_url()
        return super().url(name, parameters, expire, http_method)


_storages: dict[str, PrivateStorage] = {}


def private_storage(folder: str) -> PrivateStorage:
    """The private store of one app's files: PRIVATE_MEDIA_ROOT/<folder>, or the private
    prefix of the bucket followed by <folder>."""
    if folder not in _storages:
        _storages[folder] = PrivateStorage(folder)
    return _storages[folder]


def storages_to_back_up() -> dict[str, Storage]:
    """Every store whose files the database points at, by a key that does not depend on
    where they live: `default` (public media, with Wagtail's documents under `documents/`
    wherever they are kept) and `private/<folder>` for each private store."""
    found: dict[str, Storage] = {"default": default_storage}
    for folder, storage in sorted(_storages.items()):
        found[f"private/{folder}"] = storage
    return found


def serve_private_file(
    file, *, filename: str, content_type: str | None = None
) -> FileResponse | HttpResponseRedirect:
    """Answer with a private file that the calling view has already authorized: streamed from
    the store, or, with PRIVATE_FILES_REDIRECT on S3, a redirect to a signed URL valid for
    PRIVATE_FILES_URL_SECONDS. Either way it is a download under `filename` and no cache
    keeps it."""
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    signed_url = getattr(file.storage, "signed_url", None)  # only a private S3 store has one
    response: HttpResponse
    if settings.PRIVATE_FILES_REDIRECT and signed_url is not None:
        response = HttpResponseRedirect(
            signed_url(
                file.name,
                filename=filename,
                content_type=content_type,
                seconds=settings.PRIVATE_FILES_URL_SECONDS,
            )
        )
    else:
        response = FileResponse(
            file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@receiver(setting_changed)
def _storage_settings_changed(sender, setting, **kwargs):
    if setting in ("PRIVATE_MEDIA_ROOT", "STORAGES"):
        for storage in _storages.values():
            storage._wrapped = empty  # noqa: SLF001
