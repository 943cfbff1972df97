import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from wsr.members.models import Affiliation, Membership, Organization

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_has_one_login_per_role_and_prints_them_only_embedded(
    settings, capsys
):
    # (one test, two seedings: the whole demo takes most of a minute on two cores)
    settings.IS_EMBEDDED_DEFAULT = True
    call_command("seed_demo")
    assert "staff@wsr.test" in capsys.readouterr().out
    counts = (
        get_user_model().objects.count(),
        Organization.objects.count(),
        Page.objects.count(),
        Affiliation.objects.count(),
    )
    settings.IS_EMBEDDED_DEFAULT = False
    call_command("seed_demo")
    assert "staff@wsr.test" not in capsys.readouterr().out
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
