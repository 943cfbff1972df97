"""Thin views of the assistance desk: parse, call a service or selector, render.

Outside a case's audience every case URL answers 404, whatever is guessed (reference,
file id, assignment id, task id); inside it, a requester who tries a staff action gets 403."""

import csv

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import login_required, public, staff_required

from .. import selectors, services
from ..filters import CaseQueueFilter
from ..forms import (
    CaseUpdateForm,
    InviteExpertForm,
    LessonForm,
    PostForm,
    ReplyForm,
    RequestForm,
    TaskForm,
    TransitionForm,
)
from ..models import Case, CaseAssignment, CaseTask

QUEUE_PAGE_SIZE = 25


_login_required = login_required
_staff_required = staff_required


def _staff_case(request, reference: str) -> Case:
    case = selectors.case_for(request.user, reference)  # 404 outside the audience
    if not request.user.is_staff:
        raise PermissionDenied(_("Only the Collaborative's staff can do this."))
    return case


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# The public request ------------------------------------------------------------------------


@public
def request_create(request):
    if request.method == "POST":
        if not ratelimit.consume(request, action="assistance_request"):
            messages.error(request, _("Too many requests from here. Please try again later."))
            form = RequestForm(request.POST, user=request.user)
            return render(request, "assistance/request_form.html", {"form": form}, status=429)
        form = RequestForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            case = services.request_submit(
                user=request.user if request.user.is_authenticated else None,
                data=data,
                uploads=data.get("attachments") or [],
            )
            request.session["assistance_last_reference"] = case.reference
            return redirect("assistance:request-done")
    else:
        form = RequestForm(user=request.user)
    return render(request, "assistance/request_form.html", {"form": form})


@public
def request_done(request):
    reference = request.session.get("assistance_last_reference")
    if not reference:
        return redirect("assistance:request")
    case = None
    if request.user.is_authenticated:
        case = Case.objects.visible_to(request.user).filter(reference=reference).first()
    return render(request, "assistance/request_done.html", {"reference": reference, "case": case})


# The portal: a person's cases --------------------------------------------------------------


@_login_required
def case_list(request):
    cases = selectors.case_list_for(request.user)
    page_obj = Paginator(cases, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "assistance/case_list.html", {"page_obj": page_obj})


@_login_required
def case_detail(request, reference):
    return _case_page(request, selectors.case_for(request.user, reference))


def _my_invitation(case, user):
    return CaseAssignment.objects.filter(
        case=case, expert=user, status=CaseAssignment.Status.INVITED
    ).first()


def _case_page(request, case, *, bound_post_form=None):
    """The case as `request.user` may see it; a rejected post comes back filled in."""
    whole = selectors.is_working_side(case, request.user)
    my_invitation = _my_invitation(case, request.user)
    context = {
        "case": case,
        "whole": whole,
        "is_staff": request.user.is_staff,
        "my_invitation": my_invitation,
        "timeline": selectors.timeline_for(case, whole=whole),
        "tasks": selectors.tasks_for(case, whole=whole),
        "assignments": case.assignments.select_related("expert__profile") if whole else [],
        "post_form": (bound_post_form or PostForm()) if whole else None,
        "reply_form": (bound_post_form or ReplyForm()) if not whole and not my_invitation else None,
    }
    if request.user.is_staff:
        context.update(
            transition_form=TransitionForm(case=case, prefix="status")
            if case.next_statuses
            else None,
            update_form=CaseUpdateForm(instance=case, prefix="case"),
            invite_form=InviteExpertForm(prefix="invite"),
            suggestions=selectors.expert_suggestions(case),
            lesson_form=LessonForm(prefix="lesson")
            if case.resolved_at and not case.lesson_drawn_at
            else None,
        )
    if whole:
        context["task_form"] = TaskForm(case=case, prefix="task")
    return render(request, "assistance/case_detail.html", context)


@require_POST
@_login_required
def case_post(request, reference):
    case = selectors.case_for(request.user, reference)
    whole = selectors.is_working_side(case, request.user)
    if _my_invitation(case, request.user):
        raise PermissionDenied(_("Accept the invitation before you write on this case."))
    form = (PostForm if whole else ReplyForm)(request.POST, request.FILES)
    if form.is_valid():
        services.case_post(
            case=case,
            author=request.user,
            body=form.cleaned_data["body"],
            is_shared=form.cleaned_data.get("is_shared", False),
            upload=form.cleaned_data.get("file"),
        )
        messages.success(request, _("Posted."))
        return redirect(case.get_absolute_url() + "#timeline")
    return _case_page(request, case, bound_post_form=form)  # what was written is kept


@login_required
@require_POST
def case_transition(request, reference):
    if not request.user.is_authenticated:
        raise Http404
    case = _staff_case(request, reference)
    form = TransitionForm(request.POST, case=case, prefix="status")
    if form.is_valid():
        try:
            services.case_transition(
                case=case,
                actor=request.user,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The case was updated."))
        except ValidationError as error:
            messages.error(request, _error_text(error))
    else:
        messages.error(request, _("Choose one of the next steps offered."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_update(request, reference):
    if not request.user.is_authenticated:
        raise Http404
    case = _staff_case(request, reference)
    form = CaseUpdateForm(request.POST, instance=Case.objects.get(pk=case.pk), prefix="case")
    if form.is_valid():
        services.case_update(
            case=case,
            actor=request.user,
            data={name: form.cleaned_data[name] for name in form.changed_data},
        )
        messages.success(request, _("The case was updated."))
    else:
        messages.error(request, _("The case could not be updated: check the fields."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def expert_invite(request, reference):
    if not request.user.is_authenticated:
        raise Http404
    case = _staff_case(request, reference)
    form = InviteExpertForm(request.POST, prefix="invite")
    if form.is_valid():
        try:
            services.expert_invite(
                case=case,
                actor=request.user,
                expert=form.cleaned_data["expert"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The expert was asked by email."))
        except ValidationError as error:
            messages.error(request, _error_text(error))
    else:
        messages.error(request, _("Choose an expert."))
    return redirect(case.get_absolute_url())


@require_POST
@_login_required
def assignment_respond(request, reference, pk):
    case = selectors.case_for(request.user, reference)
    assignment = get_object_or_404(CaseAssignment, pk=pk, case=case, expert=request.user)
    try:
        services.assignment_respond(
            assignment=assignment, expert=request.user, accept=request.POST.get("accept") == "1"
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(case.get_absolute_url())
    if request.POST.get("accept") == "1":
        messages.success(request, _("Thank you: you now work on this case."))
        return redirect(case.get_absolute_url())
    messages.success(request, _("You declined this case."))
    return redirect("assistance:case-list")


@require_POST
@_login_required
def task_add(request, reference):
    case = selectors.case_for(request.user, reference)
    if not selectors.is_working_side(case, request.user):
        raise PermissionDenied(_("Only the people working on the case add tasks."))
    form = TaskForm(request.POST, case=case, prefix="task")
    if form.is_valid():
        services.case_task_add(case=case, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The task was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(case.get_absolute_url() + "#tasks")


@require_POST
@_login_required
def task_complete(request, reference, pk):
    case = selectors.case_for(request.user, reference)
    if not selectors.is_working_side(case, request.user):
        raise PermissionDenied(_("Only the people working on the case complete tasks."))
    task = get_object_or_404(CaseTask, pk=pk, case=case)
    services.case_task_complete(task=task, actor=request.user)
    return redirect(case.get_absolute_url() + "#tasks")


@login_required
@require_POST
def lesson_start(request, reference):
    if not request.user.is_authenticated:
        raise Http404
    case = _staff_case(request, reference)
    form = LessonForm(request.POST, prefix="lesson")
    if form.is_valid():
        try:
            page = services.lesson_start(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect(case.get_absolute_url())
        messages.success(
            request, _("The draft is in the repository's moderation workflow: finish it there.")
        )
        return redirect(f"/cms/pages/{page.pk}/edit/")
    messages.error(request, _("Give the lesson a title and a summary."))
    return redirect(case.get_absolute_url())


@_login_required
def case_file(request, reference, pk):
    """A case file, to its audience only, as a download under its original name."""
    case = selectors.case_for(request.user, reference)
    whole = selectors.is_working_side(case, request.user)
    file = get_object_or_404(selectors.files_for(case, whole=whole), pk=pk)
    response = FileResponse(
        file.file.open("rb"),
        as_attachment=True,
        filename=file.original_name,
        content_type=file.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def case_history(request, reference):
    if not request.user.is_authenticated:
        raise Http404
    case = _staff_case(request, reference)
    return render(
        request,
        "assistance/case_history.html",
        {"case": case, "changes": selectors.case_changes(case)},
    )


# Staff: queue, workload, reports -----------------------------------------------------------


@_staff_required
def queue(request):
    filters = CaseQueueFilter(request.GET, queryset=Case.objects.all())
    cases = selectors.queue(filters)
    page_obj = Paginator(cases, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assistance/queue.html",
        {"filter": filters, "page_obj": page_obj, "query_string": query.urlencode()},
    )


@_staff_required
def workload(request):
    return render(
        request,
        "assistance/workload.html",
        {"people": selectors.workload(), "unassigned": selectors.unassigned_count()},
    )


def _bars(rows):
    top = max((n for _label, n in rows), default=0) or 1
    return [{"label": label, "n": n, "percent": round(100 * n / top)} for label, n in rows]


@_staff_required
def reports(request):
    data = selectors.report()
    return render(
        request,
        "assistance/reports.html",
        {
            "report": data,
            "by_status": _bars(data["by_status"]),
            "by_kind": _bars(data["by_kind"]),
            "by_sector": _bars(data["by_sector"]),
            "by_quarter": _bars([(q["quarter"], q["n"]) for q in data["by_quarter"]]),
        },
    )


@_staff_required
def reports_csv(request):
    data = selectors.report()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assistance-report.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["table", "label", "cases", "median days to first response", "median days to resolution"]
    )
    for name in ("by_status", "by_kind", "by_sector"):
        for label, n in data[name]:
            writer.writerow([name.removeprefix("by_"), label, n, "", ""])
    for row in data["by_quarter"]:
        writer.writerow(
            [
                "quarter",
                row["quarter"],
                row["n"],
                row["median_first_response"] if row["median_first_response"] is not None else "",
                row["median_resolution"] if row["median_resolution"] is not None else "",
            ]
        )
    writer.writerow(
        [
            "overall",
            "",
            data["total"],
            data["median_first_response"] or "",
            data["median_resolution"] or "",
        ]
    )
    return response
