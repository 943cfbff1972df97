"""Audiences: who a piece of content is for. Every app's visibility queryset starts here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import is_member, is_staff


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members")
    STAFF = "staff", _("Staff")


def audiences_for(user) -> list[str]:
    """The audiences whose content `user` may see."""
    if is_staff(user):
        return [Audience.PUBLIC, Audience.MEMBERS, Audience.STAFF]
    if user is not None and is_member(user):
        return [Audience.PUBLIC, Audience.MEMBERS]
    return [Audience.PUBLIC]
