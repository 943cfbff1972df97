import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model

from wsr.members.models import Affiliation, Invitation, Membership, Organization, Sector

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(obj, TOTP_SECRET)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Workers Organization {n}")
    kind = Organization.Kind.WORKER_ORGANIZATION
    is_worker_led = True
    countries = ["US"]

    @factory.post_generation
    def membership_status(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            Membership.objects.create(organization=obj, status=extracted)


class ActiveOrganizationFactory(OrganizationFactory):
    @factory.post_generation
    def membership_status(obj, create, extracted, **kwargs):
        if create:
            Membership.objects.create(
                organization=obj, status=extracted or Membership.Status.ACTIVE
            )


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(ActiveOrganizationFactory)
    role = Affiliation.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organization = factory.SubFactory(ActiveOrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    invited_by = factory.SubFactory(UserFactory)


def member(**kwargs):
    """A person affiliated with an active member organization."""
    return AffiliationFactory(**kwargs).user


def org_admin(organization=None):
    affiliation = AffiliationFactory(
        role=Affiliation.Role.ADMIN,
        **({"organization": organization} if organization else {}),
    )
    return affiliation.user, affiliation.organization


def sector(slug="agriculture"):
    return Sector.objects.get(slug=slug)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
