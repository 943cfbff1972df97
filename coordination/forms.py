from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsr.companies.models import Company
from wsr.members.models import Sector
from wsr.site.countries import country_choices
from wsr.site.uploads import check_upload

from .models import STANDARD_OPTIONS, Effort, Proposal, Update


class UpdateForm(forms.Form):
    body = forms.CharField(
        label=_("Your update"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    links = forms.CharField(
        label=_("Links (one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    ask = forms.ChoiceField(label=_("An ask?"), choices=Update.Ask.choices, required=False)
    ask_detail = forms.CharField(label=_("What you ask"), max_length=300, required=False)
    ask_date = forms.DateField(
        label=_("Date to hold"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    attachment = forms.FileField(label=_("Attachment (optional)"), required=False)

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = forms.URLField().clean
        for line in lines:
            try:
                validate(line)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("“%(link)s” is not a web address.") % {"link": line}
                ) from error
        return "\n".join(lines)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return check_upload(upload) if upload else upload

    def clean(self):
        data = super().clean()
        if data.get("ask") == Update.Ask.DATE and not data.get("ask_date"):
            self.add_error("ask_date", _("Give the date to hold."))
        return data


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        help_text=_("Markdown: **bold**, *italics*, lists, links. Mention someone with @handle."),
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        help_text=_("Markdown: **bold**, *italics*, lists, links. Mention someone with @handle."),
    )


class CommentForm(forms.Form):
    """A comment or a reply (issue 20); `parent` names the comment a reply answers."""

    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Markdown: **bold**, *italics*, lists, links. Mention someone with @handle."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


def default_options() -> str:
    """The usual answers, one per line, in the language of the page (issue 17)."""
    return "\n".join(str(wording) for wording in STANDARD_OPTIONS.values())


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )
    options = forms.CharField(
        label=_("Options (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=default_options,
    )
    closes_at = forms.DateTimeField(
        label=_("Voting closes"),
        help_text=_("In your time zone, as set on your profile."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    voter_mode = forms.ChoiceField(label=_("Who votes"), choices=Proposal.VoterMode.choices)
    results = forms.ChoiceField(label=_("Results"), choices=Proposal.Results.choices)

    def clean_closes_at(self):
        value = self.cleaned_data["closes_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("The vote must close in the future."))
        return value

    def clean_options(self):
        labels = [
            line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()
        ]
        if len(labels) < 2 or len(set(labels)) != len(labels):
            raise forms.ValidationError(_("Give at least two different options."))
        return labels


class VoteForm(forms.Form):
    option = forms.ModelChoiceField(
        label=_("Your vote"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    organization = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=None, required=False, empty_label=None
    )

    def __init__(self, *args, proposal, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = proposal.options.all()
        from wsr.members.models import Organization

        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizations]
        )
        if proposal.voter_mode != Proposal.VoterMode.ORGANIZATION:
            del self.fields["organization"]
        else:  # issue 20: never an empty choice (views offer the form only with one)
            self.fields["organization"].required = True


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class InviteForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Invite a member"), queryset=None)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model
        from django.db.models import Exists, OuterRef

        from .permissions import member_affiliations

        active = member_affiliations().filter(user=OuterRef("pk"))
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(Exists(active), is_active=True)
            .exclude(group_memberships__group=group)
            .select_related("profile")
            .order_by("first_name", "last_name")
        )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes (Markdown)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who attended"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        people = get_user_model().objects.select_related("profile")
        if meeting.group_id:
            people = people.filter(group_memberships__group_id=meeting.group_id)
        else:
            people = people.filter(is_staff=True)
        self.fields["attendees"].queryset = people.order_by("first_name", "last_name")


class AudienceMixin:
    """Who sees a record (an effort, a meeting, an item): the form declares `audience` and
    `working_group`; staff alone may keep it to staff, a working group is one the person may
    choose (permissions.choosable_working_groups), and only a group's record names one."""

    def set_audience_choices(self, user) -> None:
        from .models import Audience
        from .permissions import can_keep_to_staff, choosable_working_groups

        staff = can_keep_to_staff(user)
        self.fields["audience"].choices = [
            (value, label) for value, label in Audience.choices if staff or value != Audience.STAFF
        ]
        self.fields["working_group"].queryset = choosable_working_groups(user)

    def clean(self):
        from .models import Audience

        data = super().clean()
        if data.get("audience") == Audience.GROUP and not data.get("working_group"):
            self.add_error("working_group", _("Choose the working group."))
        if data.get("audience") != Audience.GROUP:
            data["working_group"] = None
        return data


class EffortForm(AudienceMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Effort.Kind.choices)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    lead_organizations = forms.ModelMultipleChoiceField(
        label=_("Lead organizations"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=country_choices,
        required=False,
    )
    audience = forms.ChoiceField(label=_("Who sees it"), choices=[])
    working_group = forms.ModelChoiceField(
        label=_("Working group (when only a group sees it)"), queryset=None, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from wsr.members.models import Organization

        from .models import Audience
        from .permissions import can_keep_to_staff

        self.fields["lead_organizations"].queryset = (
            Organization.objects.all()
            if can_keep_to_staff(user)
            else Organization.objects.filter(affiliations__user=user)
        )
        self.set_audience_choices(user)
        self.fields["audience"].initial = Audience.MEMBERS


class TargetForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Add a target company"), queryset=Company.objects.all()
    )

    def __init__(self, *args, effort=None, **kwargs):
        super().__init__(*args, **kwargs)
        if effort is not None:  # not the companies it targets already
            self.fields["company"].queryset = Company.objects.exclude(
                pk__in=effort.targets.values("company_id")
            )


# Managing one's own effort and writing (issue 20) -------------------------------------------


class EffortEditForm(EffortForm):
    """EffortForm without the lead organizations: who leads an effort decides who may run
    and take it over, so it is not changed here (staff change it in the admin)."""

    def __init__(self, *args, user, effort, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        del self.fields["lead_organizations"]
        if effort.working_group_id:
            from django.db.models import Q

            from .models import WorkingGroup

            self.fields["working_group"].queryset = WorkingGroup.objects.filter(
                Q(pk__in=self.fields["working_group"].queryset.values("pk"))
                | Q(pk=effort.working_group_id)
            )

    @staticmethod
    def initial_for(effort) -> dict:
        return {
            "name": effort.name,
            "kind": effort.kind,
            "summary": effort.summary,
            "sectors": list(effort.sectors.all()),
            "countries": list(effort.countries),
            "audience": effort.audience,
            "working_group": effort.working_group_id,
        }


class EffortStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Effort.Status.choices)


class PartnerForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Add a partner organization"), queryset=None)

    def __init__(self, *args, effort, **kwargs):
        super().__init__(*args, **kwargs)
        from wsr.members.models import Organization

        self.fields["organization"].queryset = (
            Organization.objects.active_members()  # issue 20: not applicants, not former
            .exclude(pk__in=effort.lead_organizations.values("pk"))
            .exclude(pk__in=effort.partners.values("pk"))
            .order_by("name")
        )


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Hand the effort to"),
        queryset=None,
        help_text=_("Someone in one of its lead organizations. They are told by email."),
    )

    def __init__(self, *args, effort, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.efforts import owner_candidates

        self.fields["owner"].queryset = owner_candidates(effort)
        self.fields["owner"].label_from_instance = lambda person: person.display_name


class UpdateEditForm(UpdateForm):
    remove_attachment = forms.BooleanField(label=_("Remove the attachment"), required=False)

    def __init__(self, *args, update, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].label = _("Replace the attachment (optional)")
        if not update.attachment:
            del self.fields["remove_attachment"]
            self.fields["attachment"].label = _("Attachment (optional)")


class PostEditForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=_("Markdown: **bold**, *italics*, lists, links."),
    )
