"""Reads of the staff queue (issue 19): a person's saved views."""

from django.http import Http404

from ..models import SavedQueueView


def saved_views_for(user):
    """`user`'s own saved views, by name. Nobody sees another person's."""
    return SavedQueueView.objects.filter(user=user).order_by("name", "pk")


def saved_view_for(user, pk: int) -> SavedQueueView:
    """`user`'s view `pk`; a 404 for anyone else's, never a 403."""
    view = saved_views_for(user).filter(pk=pk).first()
    if view is None:
        raise Http404
    return view
