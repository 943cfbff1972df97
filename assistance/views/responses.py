"""The initiative's responses per criterion (issue 19): written on the right-of-reply page,
read by the assessors on the workbench, files served only to those the policy allows.

Outside the assessment's audience every URL here answers 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import login_required, object_view
from wsr.site.storage import serve_private_file

from .. import permissions, selectors, services
from ..forms.responses import CriterionResponseForm
from ..models import CriterionResponseFile
from ..selectors.responses import responses_by_criterion
from .cases import _error_text


def attach_responses(request, assessment, rows, *, bound=None) -> None:
    """Give each score row of the reply page its response (with files) and, while the
    organization may still respond, its form (`bound`: (criterion key, bound form))."""
    responses = responses_by_criterion(assessment)
    can_respond = permissions.can_respond_on_criteria(request.user, assessment)
    for row in rows:
        row.response = responses.get(row.criterion_id)
        row.response_form = None
        if not can_respond:
            continue
        if bound is not None and bound[0] == row.key:
            row.response_form = bound[1]
        else:
            row.response_form = CriterionResponseForm(
                initial={"text": row.response.text if row.response else ""},
                prefix=f"response-{row.key}",
            )


def _criterion_url(assessment, key: str) -> str:
    return f"{assessment.get_absolute_url()}#criterion-{key}"


@require_POST
@login_required
def criterion_response_save(request, pk, criterion_pk):
    assessment = selectors.assessment_for(request.user, pk)  # 404 outside the audience
    if not permissions.speaks_for_initiative(request.user, assessment.initiative):
        raise PermissionDenied(_("Only the initiative's lead organization may respond."))
    criterion = get_object_or_404(assessment.version.criteria, pk=criterion_pk)
    form = CriterionResponseForm(request.POST, request.FILES, prefix=f"response-{criterion.key}")
    if form.is_valid():
        try:
            services.criterion_response_save(
                assessment=assessment,
                actor=request.user,
                criterion=criterion,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            reason = permissions.response_refusal(request.user, assessment)
            if reason is not None:  # the deadline passed: nothing to correct in the form
                messages.error(request, reason)
                return redirect(_criterion_url(assessment, criterion.key))
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request,
                _("Your response on “%(criterion)s” was saved.")
                % {"criterion": criterion.display_name},
            )
            return redirect(_criterion_url(assessment, criterion.key))
    from .initiatives import _reply_page

    return _reply_page(request, assessment, status=400, response_bound=(criterion.key, form))


def _response_file(request, pk) -> CriterionResponseFile:
    found = get_object_or_404(
        CriterionResponseFile.objects.select_related(
            "response__assessment__initiative", "response__criterion"
        ),
        pk=pk,
    )
    if not permissions.can_see_response_file(request.user, found):
        raise Http404
    return found


@object_view
def response_file(request, pk):
    """A file attached to a response: to the assessors, staff and the initiative's side,
    never to the public (the scorecard publishes the texts only)."""
    found = _response_file(request, pk)
    return serve_private_file(
        found.file,
        filename=found.original_name or "response",
        content_type=found.content_type or "application/octet-stream",
    )


@require_POST
@login_required
def response_file_remove(request, pk):
    found = _response_file(request, pk)
    assessment = found.response.assessment
    key = found.response.criterion.key
    try:
        services.response_file_remove(response_file=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("“%(name)s” was removed from your response.") % {"name": found.original_name}
        )
    return redirect(_criterion_url(assessment, key))
