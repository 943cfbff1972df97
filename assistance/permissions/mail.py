"""Predicates for email received for cases (issue 19)."""

from wsr.members import roles

__all__ = ["can_review_case_mail"]


def can_review_case_mail(user) -> bool:
    """The held emails: read them, attach them to a case, discard them. Staff only: an
    email may come from anyone about anything."""
    return roles.is_staff(user)
