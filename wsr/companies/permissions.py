"""Who may do what in the company registry (issue 20): the one place these rules live, built
on wsr.members.roles. Views, services and templates ask these predicates, never `is_staff`."""

from __future__ import annotations

from wsr.members.roles import is_staff


def can_request_response(user, company=None) -> bool:
    """Staff send a company a request for response (and issue new links, withdraw it)."""
    return is_staff(user)


def can_take_down_response(user, response=None) -> bool:
    """Staff take down a published response (unlawful content), leaving a dated note."""
    return is_staff(user)
