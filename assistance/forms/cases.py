from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wsr.members.models import Organization, Sector
from wsr.site.countries import country_choices
from wsr.site.uploads import ALLOWED_TYPES, check_upload  # noqa: F401

from ..models import Case, HelpKind, Urgency

User = get_user_model()

MAX_FILES = 5
check_case_file = check_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CaseFilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(n)s files.") % {"n": MAX_FILES})
        single = super().clean
        return [check_case_file(single(upload, initial)) for upload in uploads if upload]


class CaseFileField(forms.FileField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return check_case_file(upload) if upload else upload


class RequestForm(forms.Form):
    """The public request for assistance. A signed-in person picks one of their
    organizations or names another; a visitor names theirs and gives an email to confirm.
    A named organization stays text on the case until staff link it to a real one."""

    organization = forms.ModelChoiceField(
        label=_("Your organization"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Another organization (describe it below)"),
    )
    organization_name = forms.CharField(
        label=_("Organization name"), max_length=200, required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "We send the case reference here, with a link to confirm that the address is "
            "yours: until you open it, the request is linked to no account."
        ),
    )
    contact_phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpKind.choices)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=country_choices,
        required=False,
        help_text=_("Where the workers concerned are."),
    )
    description = forms.CharField(
        label=_("What do you need?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=8000,
        help_text=_(
            "Describe the situation and the help you hope for. Do not name workers who could "
            "face retaliation: we will ask for what we need, safely."
        ),
    )
    urgency = forms.ChoiceField(label=_("How soon?"), choices=Urgency.choices, initial="normal")
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
    attachments = CaseFilesField(
        label=_("Documents (optional)"),
        required=False,
        help_text=_("Up to 5 files of at most 15 MB: PDF, photos, office documents, recordings."),
    )
    consent_to_share = forms.BooleanField(
        label=_(
            "You may share this request with outside experts who help the Collaborative, and "
            "use what we learn from it, anonymized, in lessons for others."
        ),
        help_text=_(
            "Without it, only the Collaborative's staff work on your request. Either way, we "
            "email you about your request (its status and our messages to you), whatever you "
            "choose here."
        ),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            self.fields["organization"].queryset = Organization.objects.filter(
                affiliations__user=user
            ).order_by("name")
            self.fields["contact_email"].initial = user.email
            self.fields["contact_name"].initial = user.display_name
            self.fields["contact_email"].help_text = _("We send the case reference here.")
        else:
            del self.fields["organization"]
        # A request made on a Spanish page is most likely wanted in Spanish (issue 17); on
        # the default language's pages the person's profile says more.
        page_language = translation.get_language() or settings.LANGUAGE_CODE
        language = getattr(getattr(user, "profile", None), "preferred_language", None)
        if page_language != settings.LANGUAGE_CODE or not language:
            language = page_language
        self.fields["preferred_language"].initial = language
        self.fields["attachments"].help_text = _(
            "Up to %(n)s files of at most %(size)s MB: PDF, photos, office documents, recordings."
        ) % {"n": MAX_FILES, "size": settings.ASSISTANCE_MAX_FILE_BYTES // (1024 * 1024)}

    def clean(self):
        data = super().clean()
        if not data.get("organization"):
            if not data.get("organization_name"):
                self.add_error("organization_name", _("Name your organization."))
        return data


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move the case to"))
    reason = forms.CharField(
        label=_("Reason or note to the requester"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required to decline, refer, put on hold or reopen. The requester reads it."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s.value, s.label) for s in case.next_statuses]


class CaseUpdateForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["organization", "kind", "sector", "countries", "urgency", "lead"]
        help_texts = {
            "organization": _(
                "Link the case to the organization it is really from. Its administrators "
                "then see the case."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name")
        self.fields["lead"].queryset = User.objects.filter(is_staff=True, is_active=True).order_by(
            "email"
        )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    is_shared = forms.BooleanField(
        label=_("Share with the requester (they are emailed)"), required=False
    )
    file = CaseFileField(label=_("Attach a file (optional)"), required=False)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    file = CaseFileField(label=_("Attach a file (optional)"), required=False)


class InviteExpertForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Why this person"), max_length=300, required=False)
    # Set by a suggestion's button: its reasons are stored (as codes), not this form's text.
    suggested = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = User.objects.filter(is_active=True).order_by("email")


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task or milestone"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    is_shared = forms.BooleanField(label=_("Show to the requester"), required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            is_active=True, pk__in=_people_on(case)
        ).order_by("email")

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return due


def _people_on(case: Case) -> list[int]:
    staff = list(User.objects.filter(is_staff=True).values_list("pk", flat=True))
    experts = list(case.assignments.filter(status="accepted").values_list("expert_id", flat=True))
    return staff + experts


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Title of the lesson"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=600,
        help_text=_(
            "Write it for the repository: no names of workers, organizations or companies "
            "from the case, nothing the requester shared in confidence."
        ),
    )
