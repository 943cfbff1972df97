"""Enforcement figures in the reader's language (issue 19): numbers grouped by Django's
localization (1,234 / 1 234), money as US$3,100,000 in English and 3 100 000 US$ in
Spanish; never 3100000.00 USD."""

from django import template

from ..services.figures import format_money, format_number

register = template.Library()


@register.filter
def figure(value, decimals=None):
    """A count or measure; `decimals` fixes the decimals shown (else as many as it has)."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.simple_tag
def money(amount, currency):
    return format_money(amount, currency)
