import importlib

import pytest
from django.apps import apps

from wsr.members.models import Language, Sector

migration = importlib.import_module("wsr.members.migrations.0002_sectors_and_languages")

pytestmark = pytest.mark.django_db


def test_managed_lists_migration_adds_and_removes_its_rows():
    migration.remove_lists(apps, None)
    assert not Sector.objects.filter(slug="dairy").exists()
    migration.add_lists(apps, None)
    migration.add_lists(apps, None)  # idempotent
    assert Sector.objects.get(slug="dairy").name_es == "Lechería"
    assert Language.objects.filter(code="bn").count() == 1
    assert Sector.objects.count() == len(migration.SECTORS)
