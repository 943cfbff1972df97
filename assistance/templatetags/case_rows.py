"""The rows of the case lists (the staff queue, a person's cases), written in Python
(issue 22). Through the template engine each row cost ~0.5 ms (an include, a dozen
`{% translate %}`, filters resolved one by one): half of the queue's own time. The markup is
the one `_case_row.html` had (removed: tests/assistance/test_queue_cache.py keeps it to
compare); the fixed texts are translated once per language and process (each
`{% translate %}` and `get_<field>_display` looked the text up in every catalog).

    {% load case_rows %}
    <tbody>{% case_rows page_obj staff_columns=True selectable=can_bulk %}</tbody>
"""

import re
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timesince import TIME_STRINGS, timesince, timeuntil
from django.utils.translation import get_language, gettext, gettext_noop

from wsr.site.templatetags.when import when_html

from ..models import Case
from .service_levels import response_overdue

register = template.Library()

# The columns' names, as the rows' data-label attributes show them (small screens).
COLUMN_LABELS = {
    "select": gettext_noop("Select"),
    "organization": gettext_noop("Organization"),
    "kind": gettext_noop("Kind of help"),
    "status": gettext_noop("Status"),
    "sector": gettext_noop("Sector"),
    "countries": gettext_noop("Countries"),
    "urgency": gettext_noop("Urgency"),
    "people": gettext_noop("Lead and experts"),
    "response_due": gettext_noop("Response due"),
    "submitted": gettext_noop("Submitted"),
}
# The rows' other fixed texts (the msgids the template's {% translate %} and
# {% blocktranslate %} used).
TEXTS = {
    "urgent": gettext_noop("Urgent"),
    "overdue": gettext_noop("Overdue"),
    "unverified": gettext_noop("Unverified"),
    "no_lead": gettext_noop("no lead"),
    "select_one": gettext_noop("Select %(reference)s"),
    "typed_by": gettext_noop("typed by “%(name)s”"),
    "ago": gettext_noop("%(age)s ago"),
    # service_levels.due_in's texts
    "due_in": gettext_noop("due in %(time)s"),
    "overdue_by": gettext_noop("overdue by %(time)s"),
}
CHOICE_FIELDS = ("kind", "status", "urgency")
# A reference that reverse() would write as it is (no character to quote).
PLAIN_REFERENCE = re.compile(r"[A-Za-z0-9._-]+")
SENTINEL = "REFERENCE-SENTINEL"


@lru_cache(maxsize=16)
def _labels(language: str) -> dict:
    columns = {name: escape(gettext(text)) for name, text in COLUMN_LABELS.items()}
    # {% translate %} escaped its text, {% blocktranslate %} did not (only the values).
    texts = {
        name: gettext(text) if "%(" in text else escape(gettext(text))
        for name, text in TEXTS.items()
    }
    choices = {
        name: {value: force_str(label) for value, label in Case._meta.get_field(name).flatchoices}
        for name in CHOICE_FIELDS
    }
    return {"columns": columns, "texts": texts, "choices": choices}


def _current() -> dict:
    return _labels(get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=512)
def _time_string(language: str, name: str, number: int) -> str:
    return TIME_STRINGS[name] % {"num": number}


class _TimeString:
    """A unit of `timesince` ("%(num)d hours"), translated once per language and number:
    each use of Django's lazy plural looked in every catalog (most of a row's time)."""

    def __init__(self, name: str):
        self.name = name

    def __mod__(self, values: dict) -> str:
        return _time_string(get_language() or settings.LANGUAGE_CODE, self.name, values["num"])


CACHED_TIME_STRINGS = {name: _TimeString(name) for name in TIME_STRINGS}


@lru_cache(maxsize=4096)
def _when(language: str, zone: str, value, date_only: bool) -> str:
    return when_html(value, date_only=date_only)


def _when_cached(value, *, date_only: bool = False) -> str:
    """`when_html`, a pure function of the value, the language and the reader's zone,
    remembered: the first page of the queue shows the same times request after request."""
    if value is None:
        return when_html(value, date_only=date_only)
    language = get_language() or settings.LANGUAGE_CODE
    return _when(language, timezone.get_current_timezone_name(), value, date_only)


def _due_in(value, now, texts) -> str:
    """`service_levels.due_in` with the cached unit texts."""
    if value >= now:
        return texts["due_in"] % {
            "time": timeuntil(value, now, depth=1, time_strings=CACHED_TIME_STRINGS)
        }
    return texts["overdue_by"] % {
        "time": timesince(value, now, depth=1, time_strings=CACHED_TIME_STRINGS)
    }


def _url_maker():
    """`case.get_absolute_url()` without a reverse() a row: the URL around a sentinel."""
    around = reverse("assistance:case-detail", kwargs={"reference": SENTINEL})
    head, _sentinel, tail = around.partition(SENTINEL)

    def url(case) -> str:
        if PLAIN_REFERENCE.fullmatch(case.reference):
            return f"{head}{case.reference}{tail}"
        return case.get_absolute_url()

    return url


def _people(case, no_lead: str) -> str:
    people = escape(case.lead.display_name) if case.lead else f"<em>{no_lead}</em>"
    return people + "".join(
        f", {escape(a.expert.display_name)}"
        for a in case.assignments.all()
        if a.status == "accepted"
    )


def _row(case, labels, url, now, *, staff_columns: bool, selectable: bool) -> str:
    columns, texts, choices = labels["columns"], labels["texts"], labels["choices"]
    reference = escape(case.reference)
    cells = []
    if selectable:
        select = texts["select_one"] % {"reference": reference}
        cells.append(
            f'<td class="select-cell" data-label="{columns["select"]}"><input type="checkbox"'
            f' name="case" value="{reference}" form="bulk-form" id="select-{reference}">'
            f'<label class="visually-hidden" for="select-{reference}">{select}</label></td>'
        )
    is_open = case.is_open
    badges = ""
    if case.urgency == "urgent" and is_open:
        badges += f' <span class="badge badge--alert">{texts["urgent"]}</span>'
    if response_overdue(case):
        badges += f' <span class="badge badge--alert">{texts["overdue"]}</span>'
    cells.append(f'<th scope="row"><a href="{escape(url(case))}">{reference}</a>{badges}</th>')
    if case.organization:
        organization = escape(case.organization.name)
    else:
        organization = escape(case.organization_name or "—")
    if case.is_unverified:
        organization += f' <span class="badge badge--alert">{texts["unverified"]}</span>'
        if staff_columns:
            typed = texts["typed_by"] % {"name": escape(case.contact_name)}
            organization += f'<br><span class="meta">{typed}</span>'
    cells.append(f'<td data-label="{columns["organization"]}">{organization}</td>')
    for name in ("kind", "status"):
        value = getattr(case, name)
        label = escape(choices[name].get(value, value))
        cells.append(f'<td data-label="{columns[name]}">{label}</td>')
    if staff_columns:
        sector = escape(case.sector) if case.sector else "—"
        cells.append(f'<td data-label="{columns["sector"]}">{sector}</td>')
        countries = ", ".join(escape(country.code) for country in case.countries) or "—"
        cells.append(f'<td data-label="{columns["countries"]}">{countries}</td>')
        urgency = escape(choices["urgency"].get(case.urgency, case.urgency))
        cells.append(f'<td data-label="{columns["urgency"]}">{urgency}</td>')
        people = _people(case, texts["no_lead"])
        cells.append(f'<td data-label="{columns["people"]}">{people}</td>')
        due = case.response_due_at
        if due and is_open:
            due_in = escape(_due_in(due, now, texts))
            due_html = f'{_when_cached(due)}<br><span class="meta">{due_in}</span>'
        else:
            due_html = "—"
        cells.append(f'<td data-label="{columns["response_due"]}">{due_html}</td>')
    submitted = case.submitted_at
    try:
        age = (
            escape(timesince(submitted, now, time_strings=CACHED_TIME_STRINGS)) if submitted else ""
        )
    except (ValueError, TypeError):
        age = ""
    ago = texts["ago"] % {"age": age}
    cells.append(
        f'<td data-label="{columns["submitted"]}">{_when_cached(submitted, date_only=True)}'
        f" ({ago})</td>"
    )
    return "<tr>\n  " + "\n  ".join(cells) + "\n</tr>\n"


@register.simple_tag
def case_rows(cases, staff_columns=False, selectable=False) -> str:
    """The table rows of `cases` (a page or a list), as `_case_row.html` wrote them
    (tests/assistance/test_queue_cache.py compares them)."""
    labels = _current()
    url = _url_maker()
    now = timezone.now()
    return mark_safe(  # noqa: S308 -- every value above is escaped; the texts are ours
        "".join(
            _row(case, labels, url, now, staff_columns=staff_columns, selectable=selectable)
            for case in cases
        )
    )
