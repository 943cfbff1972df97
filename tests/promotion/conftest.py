import pytest


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.WSR_STAFF_MFA_REQUIRED = False
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"


@pytest.fixture
def home(site_tree):
    return site_tree["en"]
