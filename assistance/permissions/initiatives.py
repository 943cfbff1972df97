"""Predicates for initiatives, assessments and enforcement figures."""

from wsr.members import roles  # noqa: F401
