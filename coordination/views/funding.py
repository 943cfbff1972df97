from django.shortcuts import render

from .. import selectors
from ..models import FundingApplication
from ._common import members_only, staff_required


@members_only
def funding_list(request):
    return render(
        request,
        "coordination/funding_list.html",
        {"opportunities": selectors.funding_opportunities_for(request.user)},
    )


@staff_required
def pipeline(request):
    """The staff pipeline: applications by status, with amounts asked and awarded."""
    applications = list(selectors.pipeline(request.user))
    columns = [
        (status, label, [a for a in applications if a.status == status])
        for status, label in FundingApplication.Status.choices
    ]
    return render(
        request,
        "coordination/pipeline.html",
        {"applications": applications, "columns": columns},
    )
