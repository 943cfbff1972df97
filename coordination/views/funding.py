from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from ._common import members_only


def _staff_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied(_("This page is for the Collaborative's staff."))
        return view(request, *args, **kwargs)

    return wrapper


@members_only
def funding_list(request):
    return render(
        request,
        "coordination/funding_list.html",
        {"opportunities": selectors.funding_opportunities_for(request.user)},
    )


@_staff_only
def pipeline(request):
    """The staff pipeline: applications by status, with amounts asked and awarded."""
    applications = list(selectors.pipeline(request.user))
    columns = (
        [
            (status, label, [a for a in applications if a.status == status])
            for status, label in applications[0].Status.choices
        ]
        if applications
        else []
    )
    return render(
        request,
        "coordination/pipeline.html",
        {"applications": applications, "columns": columns},
    )
