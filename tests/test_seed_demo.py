import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from wsr.members.models import Affiliation, Membership, Organization

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_has_one_login_per_role(capsys):
    call_command("seed_demo")
    counts = (
        get_user_model().objects.count(),
        Organization.objects.count(),
        Page.objects.count(),
        Affiliation.objects.count(),
    )
    call_command("seed_demo")
    assert counts == (
        get_user_model().objects.count(),
        Organization.objects.count(),
        Page.objects.count(),
        Affiliation.objects.count(),
    )
    User = get_user_model()
    assert User.objects.get(email="staff@wsr.test").is_staff
    assert Affiliation.objects.get(user__email="orgadmin@wsr.test").is_admin
    assert Affiliation.objects.get(user__email="member@wsr.test").organization.membership.is_active
    assert not Affiliation.objects.filter(user__email="public@wsr.test").exists()
    assert Membership.objects.filter(status="applicant").exists()
    assert Page.objects.filter(locale__language_code="es", depth=2).exists()


def test_demo_logins_are_printed_only_in_the_embedded_default(settings, capsys):
    settings.IS_EMBEDDED_DEFAULT = True
    call_command("seed_demo")
    assert "staff@wsr.test" in capsys.readouterr().out
    settings.IS_EMBEDDED_DEFAULT = False
    call_command("seed_demo")
    assert "staff@wsr.test" not in capsys.readouterr().out
