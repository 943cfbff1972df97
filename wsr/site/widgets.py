"""Long option lists (countries, sectors, languages) rendered once per language and reused
(issue 22): the registry's filter form spent 58% of /initiatives/ drawing its country list
option by option through Django's template-based widget renderer.

Two pieces:

`OptionList(name, build, models=())`: a named list of (value, label) choices, built by
`build()` in the active language and kept per process, per language. It is a callable, so it
can be a field's `choices=` (validation then reads the same kept list). A list read from the
database names its models: a save or delete of any of them replaces the list's generation
(wsr/site/generations.py) in the shared cache, so every process rebuilds it on its next use;
such a list is also rebuilt after MAX_AGE seconds, for a queryset update() that sends no signal.

`ListSelect` / `ListSelectMultiple`: Select / SelectMultiple that write the same markup as
Django's django/forms/widgets/select.html (same name, id, attributes, `aria-*`, `multiple`,
option values, labels and `selected`, same whitespace) in Python, never through templates.
When its choices come from an OptionList the options' HTML is made once per (list, language,
generation) and only ` selected` is spliced in for the current value; the empty and null
labels django-filter or a ModelChoiceField put first are written per request. Any other
choices are written in Python each time (still no template: fast for short lists too).

    from wsr.site.widgets import COUNTRIES, SECTORS, ListSelect

    country = django_filters.ChoiceFilter(choices=COUNTRIES, widget=ListSelect, ...)
    country = forms.ChoiceField(choices=COUNTRIES, widget=ListSelect, ...)
    # a ModelChoiceField keeps its queryset (validation unchanged); the widget is told the
    # list that renders that same queryset (same rows, order and labels: str(obj), pk values)
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.all(), widget=ListSelect(options=SECTORS), ...)

Lists here: COUNTRIES (wsr.site.countries.country_choices, static per process), SECTORS
(members.Sector, all, str(sector) labels, pk values) and LANGUAGES (members.Language likewise).
Only lists that are the same for every reader belong in an OptionList: never a list filtered
by the viewer's permissions or organization.
"""

import time

from django import forms
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from wsr.site.countries import country_choices
from wsr.site.generations import Generation

# seconds a list read from the database is kept at most in a process (writes that send no
# signal: queryset update(), raw SQL, another application)
MAX_AGE = 300


class OptionList:
    """A named list of choices, built once per language (and generation) per process."""

    def __init__(self, name: str, build, *, models=(), max_age: float | None = None):
        self.name = name
        self.build = build
        self.generation = Generation(f"site:options:{name}") if models else None
        self.max_age = max_age if max_age is not None else (MAX_AGE if models else None)
        self._entries: dict = {}  # (language, token) -> _Entry
        for model in models:  # "app_label.ModelName": connected once the model is loaded
            post_save.connect(self._changed, sender=model, weak=False)
            post_delete.connect(self._changed, sender=model, weak=False)

    def __repr__(self):
        return f"<OptionList {self.name}>"

    # A field deep-copies its choices for every form instance: one list, shared.
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __call__(self) -> list:
        """The choices in the active language (a new list each call; the items are shared)."""
        return list(self._entry().choices)

    def _changed(self, sender, using=None, **kwargs):
        self.generation.bump(using)

    def _entry(self) -> "_Entry":
        language = translation.get_language() or ""
        token = self.generation.current() if self.generation is not None else ""
        key = (language, token)
        entry = self._entries.get(key)
        if entry is None or (
            self.max_age is not None and time.monotonic() - entry.built_at > self.max_age
        ):
            entry = _Entry(tuple(self.build()))
            if len(self._entries) > 16 or (token and any(k[1] != token for k in self._entries)):
                self._entries = {}  # an older generation: never read again
            self._entries[key] = entry
        return entry


class _Entry:
    """One list in one language: its choices and their rendered options."""

    __slots__ = ("choices", "built_at", "_html", "_positions")

    def __init__(self, choices: tuple):
        self.choices = choices
        self.built_at = time.monotonic()
        self._html = None
        self._positions = None

    def options_html(self):
        """The options, none selected, and where each value's ` selected` goes:
        {str(value): [offset, ...]} (a value may appear more than once)."""
        if self._html is None:
            parts, positions, length = [], {}, 0
            for head, value, tail in _option_pieces(self.choices):
                if value is not None:
                    positions.setdefault(value, []).append(length + len(head))
                parts.append(head + tail)
                length += len(head) + len(tail)
            self._positions = positions
            self._html = "".join(parts)
        return self._html, self._positions


def _option_pieces(choices):
    """(head, value, tail) of each option of `choices`, as select.html writes them: the
    option is head + tail, with ` selected` between them when chosen; `value` is the str
    compared with the chosen values. Group openings and closings have value None."""
    for value, label in choices:
        if value is None:
            value = ""
        if isinstance(label, (list, tuple)):
            yield f'\n  <optgroup label="{_text(value)}">', None, ""
            for subvalue, sublabel in label:
                yield _one_option(subvalue, sublabel)
            yield "\n  </optgroup>", None, ""
        else:
            yield _one_option(value, label)


def _one_option(value, label):
    text = str(value)
    return (
        f'\n  <option value="{_text(text)}"',
        text,
        f">{_text(label, localized=True)}</option>\n",
    )


def _text(value, localized=False) -> str:
    """A value as {{ value }} writes it (localized, escaped unless already safe)."""
    if localized:
        value = localize(value)
    if not isinstance(value, str):
        value = str(value)
    return conditional_escape(value)


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html in Python."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {_text(name)}")
        else:
            out.append(f' {_text(name)}="{_text(value)}"')
    return "".join(out)


def _find_options(choices):
    """(leading choices, OptionList or None) behind a widget's `choices`: the empty and null
    labels a django-filter or model choice field puts first, and the list they wrap."""
    leading = []
    field = getattr(choices, "field", None)
    if field is not None:
        if getattr(field, "empty_label", None) is not None:
            leading.append(("", field.empty_label))
        if getattr(field, "null_label", None) is not None:
            leading.append((field.null_value, field.null_label))
        inner = getattr(choices, "choices", None)  # django-filter's ChoiceIterator
    else:
        inner = choices
    inner = getattr(inner, "func", inner)  # Django's CallableChoiceIterator
    return leading, (inner if isinstance(inner, OptionList) else None)


class ListSelect(forms.Select):
    """A Select written in Python; options of an OptionList rendered once (module docstring).
    `options=` names the OptionList for a ModelChoiceField (whose choices are its queryset)."""

    def __init__(self, attrs=None, choices=(), *, options: OptionList | None = None):
        super().__init__(attrs, choices)
        self.options_list = options

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        chosen = set(self.format_value(value))
        body = self._options_html(chosen)
        return mark_safe(
            f'<select name="{_text(name)}"{_attrs_html(final_attrs)}>{body}\n</select>'
        )

    def _options_html(self, chosen: set) -> str:
        leading, options = _find_options(self.choices)
        options = options or self.options_list
        if options is None:
            return self._write(self.choices, chosen)[0]
        head, has_selected = self._write(leading, chosen)
        html, positions = options._entry().options_html()
        if chosen and (self.allow_multiple_selected or not has_selected):
            offsets = sorted(offset for value in chosen for offset in positions.get(value, ()))
            if not self.allow_multiple_selected:
                offsets = offsets[:1]
            if offsets:
                pieces, start = [], 0
                for offset in offsets:
                    pieces.append(html[start:offset])
                    pieces.append(" selected")
                    start = offset
                pieces.append(html[start:])
                html = "".join(pieces)
        return head + html

    def _write(self, choices, chosen: set) -> tuple[str, bool]:
        """The options of `choices` written one by one, and whether one was selected."""
        out = []
        has_selected = False
        for head, value, tail in _option_pieces(choices):
            if value is not None:
                selected = (not has_selected or self.allow_multiple_selected) and value in chosen
                has_selected |= selected
                if selected:
                    head += " selected"
            out.append(head + tail)
        return "".join(out), has_selected


class ListSelectMultiple(ListSelect):
    """A SelectMultiple written in Python (see ListSelect)."""

    allow_multiple_selected = True

    value_from_datadict = forms.SelectMultiple.value_from_datadict
    value_omitted_from_data = forms.SelectMultiple.value_omitted_from_data


def _sectors():
    from wsr.members.models import Sector

    return [(sector.pk, str(sector)) for sector in Sector.objects.all()]


def _languages():
    from wsr.members.models import Language

    return [(language.pk, str(language)) for language in Language.objects.all()]


COUNTRIES = OptionList("countries", country_choices)
SECTORS = OptionList("sectors", _sectors, models=["members.Sector"])
LANGUAGES = OptionList("languages", _languages, models=["members.Language"])
