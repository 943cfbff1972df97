"""Country choices for forms and filters, in the reader's language (issue 17)."""

from django_countries import countries


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country in the active language, sorted by that name after
    COUNTRIES_FIRST. A callable, so a form or filter built at import time does not freeze
    the names of the language active then: Django calls it for each rendering."""
    return list(countries)
