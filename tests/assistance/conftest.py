import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WSR_STAFF_MFA_REQUIRED = False


@pytest.fixture
def signed_in_staff(client):
    """A staff person, signed in on `client` (with the second factor recorded)."""
    from tests.members.factories import StaffFactory

    person = StaffFactory()
    client.force_login(person)
    return person
