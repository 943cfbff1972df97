"""Audiences: who a piece of content is for, one vocabulary for the whole platform. Every
app's visibility queryset starts here. Pages (resources, events) take the audiences without
a group; coordination records may also be for one working group (coordination.reach_q)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import is_member, is_staff


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members")
    GROUP = "group", _("A working group")
    STAFF = "staff", _("Staff")


# Pages have no working group: the audiences a page may have.
PAGE_AUDIENCE_CHOICES = [
    (choice.value, choice.label) for choice in (Audience.PUBLIC, Audience.MEMBERS, Audience.STAFF)
]


def audiences_for(user) -> list[str]:
    """The audiences whose content `user` may see."""
    if is_staff(user):
        return [Audience.PUBLIC, Audience.MEMBERS, Audience.STAFF]
    if user is not None and is_member(user):
        return [Audience.PUBLIC, Audience.MEMBERS]
    return [Audience.PUBLIC]
