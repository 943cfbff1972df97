"""Forms of issue 20's meetings part: answering a meeting, adding or changing a meeting,
and the calendar items and opportunities members add."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import AudienceMixin
from .models import Audience, CalendarItem, MeetingResponse, Opportunity

FIRST_YEAR, LAST_YEAR = 1900, 2200  # as the calendar and the staff reports (issue 17, 19)


def in_calendar_years(value) -> None:
    """Refuse dates and times outside 1900–2200: 0001-01-01 or 9999-12-31 would break every
    page that shows them in another time zone, and the .ics files."""
    from django.core.exceptions import ValidationError

    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


WHEN_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
WHEN_HELP = _("In your time zone, as set on your profile.")


class ResponseForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Will you attend?"),
        choices=MeetingResponse.Answer.choices,
        widget=forms.RadioSelect,
    )


class _Timed(forms.Form):
    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        return data


class MeetingForm(_Timed):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"), help_text=WHEN_HELP, widget=WHEN_WIDGET, validators=[in_calendar_years]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), required=False, widget=WHEN_WIDGET, validators=[in_calendar_years]
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to the people who may attend, never publicly."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20000,
        help_text=_("Markdown: **bold**, *italics*, lists, links."),
    )


class _WithAudience(AudienceMixin, forms.Form):
    audience = forms.ChoiceField(
        label=_("Who sees it"),
        choices=[],
        initial=Audience.MEMBERS,
        help_text=_("Public items are published after a review by the Collaborative's staff."),
    )
    working_group = forms.ModelChoiceField(
        label=_("Working group (when only a group sees it)"), queryset=None, required=False
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")  # "All day", not "All day:" beside its box
        super().__init__(*args, **kwargs)
        self.set_audience_choices(user)


class CalendarItemForm(_WithAudience, _Timed):
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarItem.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"), help_text=WHEN_HELP, widget=WHEN_WIDGET, validators=[in_calendar_years]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), required=False, widget=WHEN_WIDGET, validators=[in_calendar_years]
    )
    all_day = forms.BooleanField(label=_("All day"), required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=6000,
    )
    field_order = ["kind", "title", "starts_at", "ends_at", "all_day", "place", "description"]


class OpportunityForm(_WithAudience):
    title = forms.CharField(label=_("Title"), max_length=200)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=None)
    country = forms.ChoiceField(label=_("Country"), choices=[])
    region = forms.ChoiceField(
        label=_("Region"), choices=Opportunity._meta.get_field("region").choices
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("A state, a district, a port…"),
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=Opportunity._meta.get_field("stage").choices
    )
    supply_chain = forms.CharField(
        label=_("Supply chain"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=6000,
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        min_value=-90,
        max_value=90,
        max_digits=8,
        decimal_places=5,
        help_text=_("From −90 (south) to 90 (north), e.g. 26.6406"),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        min_value=-180,
        max_value=180,
        max_digits=8,
        decimal_places=5,
        help_text=_("From −180 (west) to 180 (east), e.g. −81.8723"),
    )
    field_order = [
        "title", "sector", "country", "region", "place", "stage", "supply_chain", "latitude",
        "longitude",
    ]  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        from wsr.members.models import Sector
        from wsr.site.countries import country_choices

        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["country"].choices = [("", "—"), *country_choices()]
