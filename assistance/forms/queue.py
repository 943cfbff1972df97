"""Forms of the staff queue (issue 19): a saved view, and an action on several cases."""

from django import forms
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ..filters import CaseQueueFilter, QuickSelect
from ..models import NEEDS_REASON_STATUSES, CaseStatus

User = get_user_model()

# More cases than a page never arrive from the queue; a forged list is cut, not served.
MAX_BULK_CASES = 100


def queue_query(data: QueryDict) -> str:
    """The queue's filters in `data` (a query), in a stable order, without the page or any
    key the queue does not know. Not checked: see `clean_queue_query`."""
    kept = QueryDict(mutable=True)
    for name in sorted(CaseQueueFilter.base_filters.keys()):
        values = [v for v in data.getlist(name) if v != ""]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


def clean_queue_query(query: str) -> str:
    """`query` (a queue's query string) reduced by `queue_query` and checked by the queue's
    filterset; ValidationError when a value is not one the filters accept."""
    kept = queue_query(QueryDict(query.lstrip("?")[:2000]))
    filters = CaseQueueFilter(QueryDict(kept))
    if not filters.form.is_valid():
        errors = [
            f"{filters.form.fields[name].label}: {' '.join(messages)}"
            for name, messages in filters.form.errors.items()
        ]
        raise forms.ValidationError(" ".join(errors))
    return kept


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name of this view"), max_length=80)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_query(self):
        return clean_queue_query(self.cleaned_data["query"])


class RenameViewForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=80)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class BulkActionForm(forms.Form):
    """The checked cases (or every case of the page) and what to do with them."""

    ASSIGN, STATUS = "assign", "status"

    case = forms.MultipleChoiceField(required=False)
    all_on_page = forms.BooleanField(label=_("Every case on this page"), required=False)
    page_case = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(ASSIGN, _("Assign a lead")), (STATUS, _("Change the status"))],
        widget=QuickSelect,
    )
    lead = forms.ModelChoiceField(
        label=_("Lead"),
        queryset=User.objects.none(),
        required=False,
        empty_label="—",
        widget=QuickSelect,
    )
    to_status = forms.ChoiceField(
        label=_("New status"),
        choices=[("", "—"), *CaseStatus.choices],
        required=False,
        widget=QuickSelect,
    )
    reason = forms.CharField(
        label=_("Reason or note to the requester"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to decline, refer, put on hold or reopen. Requesters read it."),
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = User.objects.filter(is_staff=True, is_active=True).order_by(
            "email"
        )
        # References are checked against the database by the services, not a choice list.
        self.fields["case"].valid_value = lambda value: True
        self.fields["page_case"].valid_value = lambda value: True

    def clean_query(self):
        try:
            return clean_queue_query(self.cleaned_data["query"])
        except forms.ValidationError:
            return ""

    def clean(self):
        data = super().clean()
        chosen = data.get("page_case", []) if data.get("all_on_page") else data.get("case", [])
        references = list(dict.fromkeys(r[:20] for r in chosen))
        if not references:
            raise forms.ValidationError(_("Select at least one case."))
        if len(references) > MAX_BULK_CASES:
            raise forms.ValidationError(
                _("Select at most %(n)s cases at a time.") % {"n": MAX_BULK_CASES}
            )
        data["references"] = references
        if data.get("action") == self.ASSIGN and not data.get("lead"):
            self.add_error("lead", _("Choose the lead."))
        if data.get("action") == self.STATUS:
            if not data.get("to_status"):
                self.add_error("to_status", _("Choose the new status."))
            elif data["to_status"] in NEEDS_REASON_STATUSES and not data.get("reason", "").strip():
                self.add_error("reason", _("Say why: the requesters will read it."))
        return data
