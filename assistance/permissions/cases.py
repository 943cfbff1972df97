"""Predicates for cases (see the package docstring)."""

from wsr.members import roles  # noqa: F401
