"""The shared member model: organizations, their membership of the Collaborative,
the people affiliated with them, and each person's profile."""

import secrets
import unicodedata
from datetime import timedelta
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from wsr.site.time_zones import validate_time_zone

# Sent after a bulk write to people (`update()`, `bulk_update()`: Wagtail's "mark inactive"
# bulk action is one), which sends no post_save: what is kept about people follows it.
people_bulk_changed = Signal()


class _UserQuerySet(models.QuerySet):
    def update(self, **kwargs):
        rows = super().update(**kwargs)
        people_bulk_changed.send(sender=self.model, using=self.db)
        return rows

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        people_bulk_changed.send(sender=self.model, using=self.db)
        return rows


class UserManager(BaseUserManager.from_queryset(_UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. People sign in by email; `is_staff` marks Collaborative staff."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return profile.display_name
        return self.get_full_name() or self.email.split("@")[0]


class Sector(models.Model):
    """A managed list of economic sectors (agriculture, apparel, dairy, ...)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name (English)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        if get_language() == "es" and self.name_es:
            return self.name_es
        return self.name


class Language(models.Model):
    """A language a person may speak (a managed list, ISO 639-1 codes)."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(_("name (English)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        if get_language() == "es" and self.name_es:
            return self.name_es
        return self.name


def name_key(name: str) -> str:
    """An organization name as compared for uniqueness: its letters and digits only, without
    accents or case ("Worker Rights Consortium" = "worker rights  consórtium." =
    "Worker\u200bRights Consortium"): invisible characters, punctuation and spaces
    cannot make a look-alike of another organization's name."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(c for c in decomposed.casefold() if c.isalnum())


NAME_TAKEN = _("Another organization already has this name.")

# A rename this close to another organization's name waits for staff (issue 15).
CLOSE_NAME_RATIO = 0.85


def names_are_close(key: str, other_key: str) -> bool:
    """Whether two name keys are near enough to mistake one organization for the other."""
    if not key or not other_key:
        return False
    if key in other_key or other_key in key:
        return True
    return SequenceMatcher(None, key, other_key).ratio() >= CLOSE_NAME_RATIO


class _ChangesMembershipQuerySet(models.QuerySet):
    """Writes that send no signal (`update()`, bulk writes) still make every process forget
    whether a person is a member (roles.is_member is cached per person: issue 22); access
    follows a lapsed membership at once, however it was written."""

    def _forget_memberships(self):
        from .role_cache import MEMBERSHIPS

        MEMBERSHIPS.bump(using=self.db)

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        self._forget_memberships()
        return rows

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        self._forget_memberships()
        return created

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        self._forget_memberships()
        return rows


class OrganizationQuerySet(_ChangesMembershipQuerySet):
    def active_members(self):
        return self.filter(membership__status=Membership.Status.ACTIVE)

    def visible_to(self, user):
        """Organizations whose profile `user` may see: active members to everyone,
        any organization to staff and to the people affiliated with it."""
        from .roles import is_staff

        if is_staff(user):
            return self.all()
        visible = models.Q(membership__status=Membership.Status.ACTIVE)
        if user.is_authenticated:
            visible |= models.Q(
                Exists(Affiliation.objects.filter(organization=OuterRef("pk"), user=user))
            )
        return self.filter(visible)

    def named(self, name: str):
        """Organizations whose name is `name`, whatever the case, accents and spaces."""
        return self.filter(name_key=name_key(name))

    def administered_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(affiliations__user=user, affiliations__role=Affiliation.Role.ADMIN)


class Organization(models.Model):
    class Kind(models.TextChoices):
        WORKER_ORGANIZATION = "worker_organization", _("Worker organization")
        NGO = "ngo", _("NGO")
        BUSINESS = "business", _("Business")
        ACADEMIC = "academic", _("Academic")
        FAITH_BASED = "faith_based", _("Faith-based")
        FUNDER = "funder", _("Funder")
        STANDARDS_BODY = "standards_body", _("Standards body")

    name = models.CharField(_("name"), max_length=200)
    # The name as compared (name_key): one organization per name, enforced by the database.
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    # A rename close to another organization's name, waiting for staff to approve it.
    pending_name = models.CharField(_("requested name"), max_length=200, blank=True)
    pending_name_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("name requested by"),
    )
    pending_name_requested_at = models.DateTimeField(_("name requested at"), null=True, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organizations/logos/", blank=True)
    is_worker_led = models.BooleanField(
        _("worker-led"), default=False, help_text=_("Led by the workers it represents.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organization, self.name)
        self.name_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:organization-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.name and self.name_taken(self.name):
            raise ValidationError({"name": NAME_TAKEN})

    def name_taken(self, name: str) -> bool:
        """Whether another organization already has `name` (case and accents aside)."""
        return Organization.objects.named(name).exclude(pk=self.pk).exists()


def unique_slug(model, text: str, field: str = "slug") -> str:
    base = slugify(text)[:200] or "organization"
    slug, n = base, 2
    while model.objects.filter(**{field: slug}).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


class Membership(models.Model):
    """An organization's membership of the Collaborative, from application onward."""

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        LAPSED = "lapsed", _("Lapsed")
        DECLINED = "declined", _("Declined")

    class Tier(models.TextChoices):
        FOUNDING = "founding", _("Founding member")
        MEMBER = "member", _("Member")
        ALLY = "ally", _("Ally")

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="membership"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLICANT
    )
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices, default=Tier.MEMBER)
    statement_of_support = models.TextField(
        _("statement of support for the WSR principles"), blank=True
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("applied by"),
    )
    applied_on = models.DateField(_("applied on"), default=timezone.localdate)
    started_on = models.DateField(_("member since"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(
        _("note to the applicant"),
        blank=True,
        help_text=_("Sent to the applicant with the decision (a reason when declining)."),
    )

    objects = _ChangesMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name"]

    def __str__(self):
        return f"{self.organization} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Affiliation(models.Model):
    """A person's place in an organization: admin or member."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(_("position"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = _ChangesMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_affiliation")
        ]

    def __str__(self):
        return f"{self.user} — {self.organization} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class ExpertiseTag(TagBase):
    class Meta:
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")

    def slugify(self, tag, i=None):
        # Within the slug's 100 characters, with room for taggit's "_2" when two names
        # slugify alike (a longer slug was a server error on PostgreSQL: issue 17).
        slug = super().slugify(tag)[:90]
        return slug if i is None else f"{slug}_{i}"


class TaggedExpertise(TaggedItemBase):
    content_object = models.ForeignKey("Profile", on_delete=models.CASCADE)
    tag = models.ForeignKey(ExpertiseTag, on_delete=models.CASCADE, related_name="tagged_profiles")


class ProfileQuerySet(models.QuerySet):
    def in_directory(self):
        """Profiles listed in the member directory: people who chose to be listed
        and belong to at least one active member organization."""
        return self.filter(
            is_listed_in_directory=True,
            user__is_active=True,
        ).filter(
            Exists(
                Affiliation.objects.filter(
                    user=OuterRef("user"),
                    organization__membership__status=Membership.Status.ACTIVE,
                )
            )
        )


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the site and of the emails we send you."),
    )
    languages_spoken = models.ManyToManyField(
        Language, verbose_name=_("languages spoken"), blank=True
    )
    country = CountryField(_("country"), blank=True)
    bio = models.TextField(_("about you"), blank=True, max_length=2000)
    expertise = TaggableManager(
        verbose_name=_("expertise"),
        through=TaggedExpertise,
        blank=True,
        help_text=_("Comma-separated, e.g. complaint mechanisms, worker education."),
    )
    interest_sectors = models.ManyToManyField(
        Sector,
        verbose_name=_("sectors I follow"),
        blank=True,
        related_name="interested_profiles",
    )
    interest_countries = CountryField(_("countries I follow"), multiple=True, blank=True)
    # Opt-in: an organizer's presence and address are theirs to share.
    is_listed_in_directory = models.BooleanField(
        _("show me in the member directory"), default=False
    )
    show_email_in_directory = models.BooleanField(
        _("show my email address to other members"), default=False
    )
    notify_by_email = models.BooleanField(
        _("email me about invitations, applications and my organizations"), default=True
    )
    # No choices: the list changes with tzdata; the validator checks the name instead.
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.display_name or self.user.email


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An organization admin's invitation for a person to join the organization."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Affiliation.Role.choices, default=Affiliation.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    def get_absolute_url(self):
        return reverse("members:invitation-accept", kwargs={"token": self.token})

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class FactorConfirmation(models.Model):
    """An authenticator app set up on an account with admin powers waits here until its
    owner opens the link we email to the account's address. Without this, a staff password
    alone would be enough to enrol a new authenticator and become staff (issue 15). An
    authenticator with no row (set up before this rule, or by staff) counts as confirmed."""

    authenticator = models.OneToOneField(
        "mfa.Authenticator", on_delete=models.CASCADE, related_name="wsr_confirmation"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("authenticator confirmation")

    def __str__(self):
        return f"Confirmation of authenticator {self.authenticator_id}"
