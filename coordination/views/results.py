"""The follow-through of decisions (issue 20): a result's page with its progress updates,
and the pages that create and edit results and post progress (forms_results.py). Outside
the proposal's audience every URL here answers 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms_results import ResultForm, ResultUpdateForm
from ..models import Proposal, Result
from ..permissions import can_create_result, can_edit_result, can_post_result_update
from ..services.results import result_create, result_edit, result_update_post
from ._common import error_text, login_required


def _proposal_for(request, pk) -> Proposal:
    return get_object_or_404(
        Proposal.objects.visible_to(request.user).select_related("group"), pk=pk
    )


def _result_for(request, pk) -> Result:
    return get_object_or_404(
        Result.objects.visible_to(request.user).select_related("proposal__group", "owner__profile"),
        pk=pk,
    )


def _form_page(request, *, form, proposal, result=None, status=200):
    return render(
        request,
        "coordination/result_form.html",
        {"form": form, "proposal": proposal, "group": proposal.group, "result": result},
        status=status,
    )


@login_required
def result_create_view(request, pk):
    proposal = _proposal_for(request, pk)
    if not can_create_result(request.user, proposal):
        raise PermissionDenied(
            _("Conveners and staff track the results of a decision, once its outcome is recorded.")
        )
    form = ResultForm(request.POST or None, group=proposal.group, confirm_adopted=True)
    if request.method == "POST":
        if form.is_valid():
            try:
                result = result_create(proposal=proposal, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The result is tracked."))
                return redirect(result)
            except ValidationError as error:
                form.add_error(None, error_text(error))
        return _form_page(request, form=form, proposal=proposal, status=400)
    return _form_page(request, form=form, proposal=proposal)


@login_required
def result_edit_view(request, pk):
    result = _result_for(request, pk)
    if not can_edit_result(request.user, result):
        raise PermissionDenied(_("Conveners and staff edit the results of a decision."))
    proposal = result.proposal
    initial = {
        "title": result.title,
        "description": result.description,
        "owner": result.owner_id,
        "status": result.status,
        "progress": result.progress,
        "due_date": result.due_date,
    }
    form = ResultForm(request.POST or None, initial=initial, group=proposal.group)
    if request.method == "POST":
        if form.is_valid():
            try:
                result_edit(result=result, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The result is saved."))
                return redirect(result)
            except ValidationError as error:
                form.add_error(None, error_text(error))
        return _form_page(request, form=form, proposal=proposal, result=result, status=400)
    return _form_page(request, form=form, proposal=proposal, result=result)


def _result_page(request, result, *, form=None, status=200):
    user = request.user
    may_post = can_post_result_update(user, result)
    return render(
        request,
        "coordination/result_detail.html",
        {
            "result": result,
            "proposal": result.proposal,
            "group": result.proposal.group,
            "updates": result.updates.select_related("author__profile"),
            "can_edit": can_edit_result(user, result),
            "form": (form or ResultUpdateForm()) if may_post else None,
        },
        status=status,
    )


@login_required
def result_detail(request, pk):
    return _result_page(request, _result_for(request, pk))


@require_POST
@login_required
def result_update_create(request, pk):
    result = _result_for(request, pk)
    if not can_post_result_update(request.user, result):
        raise PermissionDenied(_("The result's owner and the group's conveners post updates."))
    form = ResultUpdateForm(request.POST)
    if form.is_valid():
        try:
            result_update_post(
                result=result,
                author=request.user,
                text=form.cleaned_data["text"],
                status=form.cleaned_data["status"] or "",
                progress=form.cleaned_data["progress"],
            )
            messages.success(request, _("Your progress update is posted."))
            return redirect(result)
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return _result_page(request, result, form=form, status=400)
