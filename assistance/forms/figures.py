"""Complaints per category and outcome on the form of one period's figures (issue 19): one
field per active entry of the managed list, named like its column of the CSV
(complaints_<code>, outcome_<code>), so the form and the file say the same things."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ComplaintCategory
from ..services import figures


class ComplaintCountsForm(forms.Form):
    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is None:
            categories = figures.complaint_categories(active_only=True)
        self.categories = list(categories)
        for category in self.categories:
            self.fields[category.column] = forms.IntegerField(
                label=category.name,
                min_value=0,
                max_value=2_147_483_647,
                required=False,
            )

    def groups(self):
        """(legend, bound fields) for the categories and for the outcomes."""
        kinds = [
            (ComplaintCategory.Kind.CATEGORY, _("Complaints by category")),
            (ComplaintCategory.Kind.OUTCOME, _("Complaints by outcome")),
        ]
        return [
            (legend, [self[c.column] for c in self.categories if c.kind == kind])
            for kind, legend in kinds
            if any(c.kind == kind for c in self.categories)
        ]

    def counts(self) -> dict[int, int]:
        """{category id: count} of the fields filled in (blank: not counted)."""
        return {
            c.pk: self.cleaned_data[c.column]
            for c in self.categories
            if self.cleaned_data.get(c.column) is not None
        }

    def check_against(self, received) -> bool:
        """The counts against the complaints received in the period; False with the errors
        added if they do not fit."""
        ok = True
        for column, message in figures.counts_problems(self.counts(), self.categories, received):
            self.add_error(column if column in self.fields else None, message)
            ok = False
        return ok
