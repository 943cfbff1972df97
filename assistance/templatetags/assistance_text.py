"""Words of the assistance desk stored as codes and written in the reader's language when an
email or page is rendered (issue 17). A value that is not a code (an email queued before
codes were stored) is shown as it is."""

from django import template
from django.utils.translation import get_language

from ..models import CaseStatus, Determination, HelpKind, Urgency, expert_reasons_text

register = template.Library()


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else value


@register.filter
def case_status(value):
    return _label(CaseStatus, value)


@register.filter
def help_kind(value):
    return _label(HelpKind, value)


@register.filter
def urgency(value):
    return _label(Urgency, value)


@register.filter
def determination(value):
    return _label(Determination, value)


@register.filter
def expert_reasons(reasons):
    """The reasons an expert was suggested (codes), as one line."""
    return expert_reasons_text(reasons) if isinstance(reasons, list) else ""


@register.filter
def language_in_text(name) -> str:
    """A language's name inside a sentence: Spanish writes it in lowercase ("texto en
    español"), English with its capital ("text in Spanish")."""
    name = str(name)
    return name.lower() if get_language() == "es" else name
