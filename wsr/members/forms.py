from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wsr.site.countries import country_choices
from wsr.site.time_zones import canonical_zone, zone_choices

from .models import Affiliation, ExpertiseTag, Language, Organization, Profile, Sector


class LogoField(forms.ImageField):
    """An image checked on its content (Pillow), and no larger than the configured size."""

    def clean(self, data, initial=None):
        image = super().clean(data, initial)
        if image and hasattr(image, "size") and image.size > settings.WSR_LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("The logo is too large (at most %(size)s MB).")
                % {"size": settings.WSR_LOGO_MAX_BYTES // (1024 * 1024)}
            )
        return image


class OrganizationFieldsMixin(forms.Form):
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries where you work"),
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class MembershipApplicationForm(OrganizationFieldsMixin, forms.ModelForm):
    statement_of_support = forms.CharField(
        label=_("Statement of support for the WSR principles"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Tell us how your organization supports worker-driven social "
            "responsibility and what you hope to contribute."
        ),
        min_length=40,
    )
    agrees_to_principles = forms.BooleanField(
        label=_("Our organization supports the seven WSR principles."),
        required=True,
    )
    logo = LogoField(label=_("Logo"), required=False)

    class Meta:
        model = Organization
        fields = ["name", "kind", "website", "description", "is_worker_led", "logo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Organization.objects.named(name).exists():
            raise forms.ValidationError(
                _(
                    "An organization with this name is already registered. Ask its "
                    "administrator to invite you instead."
                )
            )
        return name


class OrganizationProfileForm(OrganizationFieldsMixin, forms.ModelForm):
    logo = LogoField(label=_("Logo"), required=False)

    class Meta:
        model = Organization
        fields = ["name", "kind", "website", "description", "is_worker_led", "logo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Affiliation.Role.choices, initial=Affiliation.Role.MEMBER
    )


class AffiliationRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Affiliation.Role.choices)


class TimeZoneField(forms.ChoiceField):
    """The zones grouped by region; an old alias a profile or browser carries (US/Eastern,
    Asia/Calcutta) stays valid, spelt as the zone database spells it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault(
            "help_text", _("Times on the site and in our emails are shown in this zone.")
        )
        super().__init__(choices=zone_choices, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return canonical_zone(value) or value

    def valid_value(self, value):
        return canonical_zone(value) == value


class DetectedTimeZoneInput(forms.HiddenInput):
    """Filled by static/js/timezone.js (loaded by base.html) from the browser's zone;
    without JavaScript it keeps the site's default, which the person can change on their
    profile."""

    def __init__(self, attrs=None):
        super().__init__({"data-detect-time-zone": "", **(attrs or {})})


class SignupTimeZoneForm(forms.Form):
    """Added to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    time_zone = forms.CharField(
        required=False, initial=settings.TIME_ZONE, widget=DetectedTimeZoneInput
    )

    def clean_time_zone(self):
        return canonical_zone(self.cleaned_data.get("time_zone")) or settings.TIME_ZONE

    def signup(self, request, user):
        profile = user.profile
        profile.time_zone = self.cleaned_data.get("time_zone") or settings.TIME_ZONE
        profile.save(update_fields=["time_zone"])


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField()
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    languages_spoken = forms.ModelMultipleChoiceField(
        label=_("Languages you speak"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    interest_sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors I follow"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("We use your interests to choose what to tell you about."),
    )
    interest_countries = forms.MultipleChoiceField(
        label=_("Countries I follow"),
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "preferred_language",
            "country",
            "bio",
            "expertise",
            "is_listed_in_directory",
            "show_email_in_directory",
            "notify_by_email",
            "time_zone",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    MAX_EXPERTISE = 20

    def clean_expertise(self):
        """Areas as long as the tag's name may be, and not too many (issue 17: a longer
        one was a server error on PostgreSQL)."""
        tags = self.cleaned_data["expertise"]
        longest = ExpertiseTag._meta.get_field("name").max_length
        too_long = [tag for tag in tags if len(tag) > longest]
        if too_long:
            raise forms.ValidationError(
                _("Each area of expertise can have at most %(n)s characters: “%(tag)s…” has more.")
                % {"n": longest, "tag": too_long[0][:30]}
            )
        if len(tags) > self.MAX_EXPERTISE:
            raise forms.ValidationError(
                _("Name at most %(n)s areas of expertise.") % {"n": self.MAX_EXPERTISE}
            )
        return tags


class AccountDeletionForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and profile will be deleted for good."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
