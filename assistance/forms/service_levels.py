"""The date range of the staff reports (issue 19, item 2)."""

from datetime import date, timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The longest range a report covers: ten years of cases are still a few queries.
MAX_RANGE_DAYS = 3660
# The days a range may name: wider than any case, and clear of the first and last dates
# Python has (9999-12-31 plus the day after is past them; the calendar's years, issue 17).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)
DAY_VALIDATORS = [MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]


def default_range():
    """The last twelve months, today included."""
    today = timezone.localdate()
    return today - timedelta(days=365), today


class ReportRangeForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        validators=DAY_VALIDATORS,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The first day, as YYYY-MM-DD. Empty: twelve months ago."),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        validators=DAY_VALIDATORS,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day, as YYYY-MM-DD. Empty: today."),
    )

    def clean(self):
        data = super().clean()
        default_start, default_end = default_range()
        start = data.get("start") or default_start
        end = data.get("end") or default_end
        if "start" in self.errors or "end" in self.errors:
            return data
        if start > end:
            raise forms.ValidationError(_("The first day must not come after the last day."))
        if (end - start).days > MAX_RANGE_DAYS:
            raise forms.ValidationError(_("Choose a range of at most ten years."))
        data["start"], data["end"] = start, end
        return data

    def range(self):
        """The chosen (start, end) days; the default range when the input is not valid."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return default_range()
