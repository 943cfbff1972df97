"""Forms of the initiative registry: the assessment workbench, the right of reply and the
enforcement figures (by form, or as a CSV checked row by row before anything is saved)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..models import Determination, EnforcementReport, Evidence, Initiative, Score
from ..selectors.initiatives import assessor_candidates
from ..services import REPORT_FIELDS, figures
from ..services.assessments import assessor_refusal
from . import figures_csv
from .cases import CaseFileField

User = get_user_model()


class OpenAssessmentForm(forms.Form):
    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=Initiative.objects.all())
    assessors = forms.ModelMultipleChoiceField(
        label=_("Assessors"),
        queryset=User.objects.none(),
        help_text=_(
            "Staff or people of member organizations, none of them affiliated with the "
            "initiative's organizations; at least two, so that one can review the other's work."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = assessor_candidates()

    def clean_assessors(self):
        people = self.cleaned_data["assessors"]
        if len(people) < 2:
            raise forms.ValidationError(_("Choose at least two assessors."))
        return people

    def clean(self):
        data = super().clean()
        initiative, people = data.get("initiative"), data.get("assessors")
        if initiative is not None and people:
            for person in people:
                reason = assessor_refusal(initiative=initiative, person=person)
                if reason is not None:
                    self.add_error("assessors", reason)
        return data


class AssignAssessorForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Add an assessor"),
        queryset=User.objects.none(),
        error_messages={
            "invalid_choice": _(
                "Choose a person from the list: staff and people of member organizations who "
                "are not assessors of it already and not affiliated with the initiative's "
                "organizations."
            )
        },
    )

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = assessor_candidates(assessment=assessment)


class DeclarationForm(forms.Form):
    """An assessor's declaration of interests, made once before the evidence opens."""

    NONE, CONFLICT = "none", "conflict"

    declaration = forms.ChoiceField(
        label=_("Your declaration"),
        choices=[
            (NONE, _("I have no conflict of interest in this initiative.")),
            (CONFLICT, _("I have a conflict of interest (describe it below).")),
        ],
        widget=forms.RadioSelect,
    )
    conflict = forms.CharField(
        label=_("The conflict"),
        help_text=_(
            "For example: you worked for the initiative, one of its buyers or suppliers, or "
            "someone close to you does. Staff read it; it is never published."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("declaration") == self.CONFLICT and not (data.get("conflict") or "").strip():
            self.add_error("conflict", _("Describe the conflict in a few words."))
        return data

    @property
    def has_conflict(self) -> bool:
        return self.cleaned_data["declaration"] == self.CONFLICT


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[("", _("Not scored yet"))] + list(Score.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )
    rationale = forms.CharField(
        label=_("Rationale (published)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=6000,
        required=False,
    )
    recommendation = forms.CharField(
        label=_("Recommendation for improvement (published)"),
        help_text=_("What the initiative could do to score higher on this criterion."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the scorecard (published)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    criterion = forms.ModelChoiceField(
        label=_("Criterion"),
        queryset=None,
        required=False,
        empty_label=_("The whole assessment"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, max_length=500)
    file = CaseFileField(label=_("File"), required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10000
    )
    is_confidential = forms.BooleanField(
        label=_("Confidential (never published; interview notes always are)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = assessment.version.criteria.all()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Evidence.Kind.LINK and not data.get("url"):
            self.add_error("url", _("Give the link."))
        if kind == Evidence.Kind.DOCUMENT and not data.get("url") and not data.get("file"):
            self.add_error("file", _("Attach the document or give its link."))
        if kind == Evidence.Kind.INTERVIEW and not data.get("notes"):
            self.add_error("notes", _("Write the interview notes."))
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("What needs to change"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class OverrideForm(forms.Form):
    determination = forms.ChoiceField(
        label=_("Override the computed determination"),
        choices=[("", _("No override: use the rule"))] + list(Determination.choices),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for the override (published)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def clean(self):
        data = super().clean()
        if data.get("determination") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("An override needs a written reason."))
        return data


class InitiativeReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your response (published with the scorecard)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=8000,
    )


class ReportRules:
    """What figures of one period must satisfy, for the form and for each row of a CSV."""

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        if end and end > timezone.localdate():
            self.add_error(
                "period_end",
                _("This period has not ended yet: report its figures once it is over."),
            )
        received, resolved = data.get("complaints_received"), data.get("complaints_resolved")
        if received is not None and resolved is not None and resolved > received:
            self.add_error(
                "complaints_resolved", _("More complaints resolved than received in the period.")
            )
        if data.get("premium_paid") is not None and not data.get("premium_currency"):
            self.add_error("premium_currency", _("Give the currency of the premium."))
        return data


class ReportForm(ReportRules, forms.ModelForm):
    class Meta:
        model = EnforcementReport
        fields = list(REPORT_FIELDS)
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def validate_unique(self):
        """The period may be reported again (it replaces figures not yet verified)."""


CSV_COLUMNS = list(REPORT_FIELDS)
CSV_DATE_COLUMNS = ("period_start", "period_end")


class ReportRowForm(ReportRules, forms.Form):
    """One row of a CSV, read the same way whatever the interface language: the fields and
    rules of ReportForm without its model instance. The database's check constraints say
    again what clean() says, and asking them cost three queries a row (issue 18)."""

    DECIMAL_COLUMNS = frozenset(
        name
        for name in CSV_COLUMNS
        if isinstance(EnforcementReport._meta.get_field(name), models.DecimalField)
    )

    def __init__(self, data, **kwargs):
        super().__init__(figures_csv.decimal_points(data, self.DECIMAL_COLUMNS), **kwargs)


class SharedFields(dict):
    """The row form's fields, shared by the forms of every row rather than deep-copied for
    each (the currency choices' copy was a third of a row's time): nothing changes them
    after this module has set them up."""

    def __deepcopy__(self, memo):
        return SharedFields(self)


ReportRowForm.base_fields = SharedFields(
    forms.fields_for_model(EnforcementReport, fields=CSV_COLUMNS)
)
figures_csv.iso_dates_only(ReportRowForm.base_fields, CSV_DATE_COLUMNS)
for _name, _field in ReportRowForm.base_fields.items():
    # the model's own validators (the database's integer range among them), which a
    # ModelForm asked through its instance
    _extra = EnforcementReport._meta.get_field(_name).validators
    _field.validators = [*_field.validators, *(v for v in _extra if v not in _field.validators)]


MAX_MESSAGES = 50


def read_report_rows(text: str, *, progress=None) -> tuple[list[dict], list[str]]:
    """The cleaned rows of an enforcement-figures CSV and its problems, each naming its row
    and column; `progress(rows_read)` is called every PROGRESS_EVERY rows. The header must
    have been checked (check_report_header)."""
    header, rows, errors, periods = [], [], [], set()
    counted = {}  # the complaint-count columns of the header (issue 19)
    try:
        for number, cells in figures_csv.records(text):
            if number == 1:
                header = [name.strip() for name in cells]
                counted = {c: v for c, v in figures.count_columns().items() if c in header}
                continue
            row, row_errors = _read_row(number, header, cells, periods, counted)
            errors += row_errors
            if row is not None:
                rows.append(row)
            if progress is not None and (number - 1) % PROGRESS_EVERY == 0:
                progress(number - 1)
    except figures_csv.UnreadableRow as unreadable:
        errors.append(unreadable.message(header))
    return rows, errors


PROGRESS_EVERY = 100


def shown_errors(errors: list[str]) -> list[str]:
    """At most MAX_MESSAGES problems, and how many more there are."""
    shown = errors[:MAX_MESSAGES]
    if len(errors) > len(shown):
        more = len(errors) - len(shown)
        shown.append(
            ngettext("…and %(n)s more problem.", "…and %(n)s more problems.", more) % {"n": more}
        )
    return shown


def check_report_header(header):
    missing = [c for c in CSV_COLUMNS if c not in header and c not in figures.OPTIONAL_COLUMNS]
    counted = figures.count_columns() if any(c not in CSV_COLUMNS for c in header) else {}
    unknown = [c for c in header if c not in CSV_COLUMNS and c not in counted]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(_("missing columns: %(c)s") % {"c": ", ".join(missing)})
        if unknown:
            problems.append(_("unknown columns: %(c)s") % {"c": ", ".join(unknown)})
        raise forms.ValidationError(
            _("The header row does not match (%(problems)s).") % {"problems": "; ".join(problems)}
        )


def _read_row(number, header, cells, periods, counted=None):
    """The cleaned data of row `number` (or None) and its problems; `periods` holds the
    periods of the rows before; `counted` the complaint-count columns of the file."""
    values = {name: (cells[i] if i < len(cells) else "").strip() for i, name in enumerate(header)}
    if not any(values.values()):
        return None, []
    form = ReportRowForm(values)
    valid = form.is_valid()
    counts, problems = figures.read_counts(
        values, counted or {}, form.cleaned_data.get("complaints_received")
    )
    if not valid or problems:
        return None, [
            _("Row %(row)s, column %(column)s: %(message)s")
            % {
                "row": number,
                "column": column if column != "__all__" else "-",
                "message": message,
            }
            for column, messages in [*form.errors.items(), *((c, [m]) for c, m in problems)]
            for message in messages
        ]
    period = (form.cleaned_data["period_start"], form.cleaned_data["period_end"])
    if period in periods:
        message = _("Row %(row)s, column period_start: this period is in the file twice.")
        return None, [message % {"row": number}]
    periods.add(period)
    return {**form.cleaned_data, "counts": counts, "row": number}, []


class LargeUpload:
    """What ReportUploadForm gives for a file of more rows than are read in the request: its
    text, for an import in the background (assistance.services.imports)."""

    def __init__(self, text: str, rows: int):
        self.text, self.rows = text, rows


def _upload_help() -> str:
    """Worded when the form is shown, in the reader's language (a lazy text formatted when
    this module loads was English for everyone)."""
    return gettext(
        "One row per period, with these columns: %(columns)s, and optionally one column "
        "per complaint category and outcome (see the template). Dates as YYYY-MM-DD; "
        "decimals with a point or a comma (12.5 or 12,5); leave the premium and its "
        "currency empty if there is none."
    ) % {"columns": ", ".join(CSV_COLUMNS)}


class ReportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or spreadsheet (XLSX) file"),
        help_text=lazy(_upload_help, str)(),
    )

    MAX_BYTES = 1024 * 1024
    MAX_MESSAGES = MAX_MESSAGES

    def clean_file(self):
        """Every row is checked with ReportRowForm; one bad row refuses the whole file,
        naming the row and the column, so nothing is half-imported. A file of more than
        ASSISTANCE_IMPORT_INLINE_ROWS rows is checked by a task instead (a LargeUpload)."""
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is too large: at most 1 MB."))
        raw = upload.read()
        try:
            # A spreadsheet is read as the CSV text of its "Figures" sheet (issue 19): the
            # same checks, messages and background import follow.
            text = figures.xlsx_text(raw) if figures.is_xlsx(raw) else raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("Save the file as CSV in UTF-8.")) from error
        header, count = [], 0
        try:
            for number, cells in figures_csv.records(text):
                if number == 1:
                    header = [name.strip() for name in cells]
                    check_report_header(header)
                count = number - 1
        except figures_csv.UnreadableRow:
            pass  # named below, or by the task
        if count > settings.ASSISTANCE_IMPORT_INLINE_ROWS:
            return LargeUpload(text, count)
        rows, errors = read_report_rows(text)
        if not header and not errors:
            check_report_header(header)
        if errors:
            raise forms.ValidationError(shown_errors(errors))
        if not rows:
            raise forms.ValidationError(_("The file has no rows of figures."))
        return rows


class ReportVerifyForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Verified: publish the figures")), ("0", _("Return for correction"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
