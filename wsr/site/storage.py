"""Private files (case files, assessment evidence, members' attachments) live outside
MEDIA_ROOT and have no URL: only a view that checks who asks serves them."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.dispatch import receiver
from django.test.signals import setting_changed
from django.utils.functional import LazyObject, empty


class _NoURLStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no URL: link to the view that serves them.")


class PrivateStorage(LazyObject):
    def __init__(self, folder: str):
        self.__dict__["_folder"] = folder
        super().__init__()

    def _setup(self):
        self._wrapped = _NoURLStorage(
            location=Path(settings.PRIVATE_MEDIA_ROOT) / self.__dict__["_folder"]
        )


_storages: list[PrivateStorage] = []


def private_storage(folder: str) -> PrivateStorage:
    storage = PrivateStorage(folder)
    _storages.append(storage)
    return storage


@receiver(setting_changed)
def _private_root_changed(sender, setting, **kwargs):
    if setting == "PRIVATE_MEDIA_ROOT":
        for storage in _storages:
            storage._wrapped = empty  # noqa: SLF001
