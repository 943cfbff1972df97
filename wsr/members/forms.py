from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Affiliation, Language, Organization, Profile, Sector


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
        choices=countries,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
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


class ProfileForm(forms.ModelForm):
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
        choices=countries,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
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

    def clean_time_zone(self):
        import zoneinfo

        value = self.cleaned_data["time_zone"].strip()
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                _("Enter a time zone such as America/New_York or Europe/Madrid.")
            )
        return value


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
