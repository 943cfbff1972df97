import pytest

from .factories import StaffFactory, UserFactory, member, org_admin


@pytest.fixture
def public_user(db):
    return UserFactory()


@pytest.fixture
def a_member(db):
    return member()


@pytest.fixture
def admin_and_org(db):
    return org_admin()


@pytest.fixture
def staff(db):
    return StaffFactory()
