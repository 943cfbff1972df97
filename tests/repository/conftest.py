import pytest
from wagtail.models import Locale

from tests.members.factories import StaffFactory, UserFactory, member

from .factories import repository_index


@pytest.fixture
def index(site_tree):
    return repository_index(site_tree["en"])


@pytest.fixture
def index_es(index, site_tree):
    translated = index.get_translation_or_none(Locale.objects.get(language_code="es"))
    if translated is None:
        translated = index.copy_for_translation(Locale.objects.get(language_code="es"))
        translated.save_revision().publish()
    return translated


@pytest.fixture
def viewers(db):
    return {"public": UserFactory(), "member": member(), "staff": StaffFactory()}
