from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wsr.members.forms import TimeZoneField

from .kinds import APPS, KINDS, Mode
from .models import Weekday
from .sections import sections

HOURS = [(hour, f"{hour:02d}:00") for hour in range(24)]


class PreferencesForm(forms.Form):
    """One choice per kind of notification, when digests go out, and section filters."""

    daily_hour = forms.TypedChoiceField(
        label=_("Daily digest at"), choices=HOURS, coerce=int, initial=7
    )
    weekly_day = forms.TypedChoiceField(
        label=_("Weekly digest on"), choices=Weekday.choices, coerce=int, initial=0
    )
    weekly_hour = forms.TypedChoiceField(
        label=_("Weekly digest at"), choices=HOURS, coerce=int, initial=7
    )
    # the same list as the profile's (one setting, one way to choose it)
    time_zone = TimeZoneField(label=_("Your time zone"))
    language = forms.ChoiceField(label=_("Language of your emails"), choices=settings.LANGUAGES)

    def __init__(self, *args, modes: dict, schedule, profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["daily_hour"].initial = schedule.daily_hour
        self.fields["weekly_day"].initial = schedule.weekly_day
        self.fields["weekly_hour"].initial = schedule.weekly_hour
        self.fields["time_zone"].initial = profile.time_zone if profile else "UTC"
        self.fields["language"].initial = (
            profile.preferred_language if profile else settings.LANGUAGE_CODE
        )
        self.kind_fields = []
        for key, kind in KINDS.items():
            name = f"kind_{key}"
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.description,
                choices=[(mode, label) for mode, label in Mode.choices if mode in kind.modes],
                initial=modes[key],
            )
            self.kind_fields.append((kind.app, name))
        self.filter_fields = []
        self.filter_groups = []
        filters = schedule.section_filters or {}
        for key, section in sections().items():
            if section.filter_choices is None:
                continue
            group = []
            self.filter_groups.append((KINDS[key].label, group))
            for filter_name, (label, choices) in section.filter_choices().items():
                name = f"filter_{key}__{filter_name}"
                self.fields[name] = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=filters.get(key, {}).get(filter_name, []),
                    help_text=_("Leave all unticked for everything."),
                )
                self.filter_fields.append(name)
                group.append(self[name])

    def groups(self):
        """The kind fields, grouped by app for fieldsets."""
        return [
            (label, [self[name] for app, name in self.kind_fields if app == key])
            for key, label in APPS.items()
        ]

    def modes(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"kind_{key}"] for key in KINDS}

    def section_filters(self) -> dict:
        filters: dict = {}
        for name in self.filter_fields:
            key, filter_name = name.removeprefix("filter_").split("__", 1)
            values = self.cleaned_data.get(name) or []
            if values:
                filters.setdefault(key, {})[filter_name] = values
        return filters
