"""Thin views of the assistance desk: parse, call a service or selector, render.

Outside a case's audience every case URL answers 404, whatever is guessed (reference,
file id, assignment id, task id); inside it, a requester who tries a staff action gets 403."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wsr.members import roles
from wsr.site import csv as safe_csv
from wsr.site import ratelimits
from wsr.site.access import login_required, public, staff_required, token_view
from wsr.site.storage import serve_private_file

from .. import permissions, selectors, services
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
from ..models import AccessRecord, Case, CaseTask
from ..services.cases import (
    ConfirmLinkError,
    request_confirm_read,
    set_password_url,
)
from ..services.cases import request_confirm as request_confirm_service

QUEUE_PAGE_SIZE = 25

# Imported by views/initiatives.py.
_login_required = login_required
_staff_required = staff_required


def _require(allowed: bool, reason: str) -> None:
    """Inside a case's audience, an action one may not take is a 403 that says why."""
    if not allowed:
        raise PermissionDenied(reason)


def _staff_only_reason() -> str:
    return _("Only the Collaborative's staff can do this.")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# The public request ------------------------------------------------------------------------


@public
def request_create(request):
    if request.method == "POST":
        form = RequestForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            email = data["contact_email"]
            if not ratelimits.is_within_limit(request, action="assistance_request", email=email):
                messages.error(request, ratelimits.limited_message())
                return render(request, "assistance/request_form.html", {"form": form}, status=429)
            case = services.request_submit(
                user=request.user if roles.is_signed_in(request.user) else None,
                data=data,
                uploads=data.get("attachments") or [],
            )
            ratelimits.count_accepted(request, action="assistance_request", email=email)
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
    case = Case.objects.visible_to(request.user).filter(reference=reference).first()
    return render(request, "assistance/request_done.html", {"reference": reference, "case": case})


@token_view
def request_confirm(request, token):
    """The link emailed to a visitor's address: opening it shows the request; confirming
    (a POST, so that a mail scanner following links confirms nothing) makes it theirs."""
    try:
        case = request_confirm_read(token)
    except ConfirmLinkError as error:
        return render(
            request, "assistance/request_confirm.html", {"expired": error.expired}, status=404
        )
    if request.method == "POST":
        user = request_confirm_service(case=case)
        if user is not None:
            if not user.has_usable_password():
                messages.success(
                    request,
                    _(
                        "Thank you: your request %(reference)s is confirmed. Choose a password "
                        "to follow it."
                    )
                    % {"reference": case.reference},
                )
                return redirect(set_password_url(user))
            messages.success(
                request,
                _("Thank you: your request %(reference)s is confirmed and in your account.")
                % {"reference": case.reference},
            )
            return redirect(case.get_absolute_url())
    if not case.is_unverified:
        messages.info(
            request,
            _("The request %(reference)s was already confirmed: sign in to follow it.")
            % {"reference": case.reference},
        )
        return redirect(case.get_absolute_url())
    return render(request, "assistance/request_confirm.html", {"case": case})


# The portal: a person's cases --------------------------------------------------------------


@login_required
def case_list(request):
    from ..selectors.case_search import search_cases

    cases = selectors.case_list_for(request.user)
    q = request.GET.get("q", "")
    if q:
        whole = permissions.can_search_internal_entries(request.user)
        cases = search_cases(cases, q, whole=whole)
    page_obj = Paginator(cases, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/case_list.html",
        {
            "page_obj": page_obj,
            "invitations": selectors.invitations_for(request.user),
            "q": "".join(c for c in q[:200] if c.isprintable()),
            "query_string": f"q={quote(q[:200])}" if q else "",
        },
    )


@login_required
def case_detail(request, reference):
    invitation = selectors.invitation_for(request.user, reference)
    if invitation is not None and not permissions.can_view_case(request.user, invitation.case):
        # Invited, not yet accepted: a summary only (issue 15), with accept and decline.
        _log_read(request, invitation.case, AccessRecord.Kind.CASE)
        return render(
            request,
            "assistance/case_invitation.html",
            {"invitation": invitation, "case": invitation.case},
        )
    case = selectors.case_for(request.user, reference)
    _log_read(request, case, AccessRecord.Kind.CASE)
    return _case_page(request, case, invitation=invitation)


def _log_read(request, case, kind, object_id=None) -> None:
    """Every read of a confidential case record is logged (issue 16)."""
    services.access_record(
        user=request.user,
        view_name=request.resolver_match.view_name if request.resolver_match else "",
        kind=kind,
        case=case,
        object_id=object_id,
    )


def _case_page(request, case, *, invitation=None, bound_post_form=None):
    """The case as `request.user` may see it; a rejected post comes back filled in."""
    user = request.user
    whole = permissions.can_see_whole_case(user, case)
    can_post = permissions.can_post_to_case(user, case)
    context = {
        "case": case,
        "whole": whole,
        "my_invitation": invitation,
        "timeline": selectors.timeline_for(case, whole=whole),
        "tasks": selectors.tasks_for(case, whole=whole),
        "assignments": case.assignments.select_related("expert__profile") if whole else [],
        "post_form": (bound_post_form or PostForm()) if whole and can_post else None,
        "reply_form": (bound_post_form or ReplyForm()) if not whole and can_post else None,
        "can_give_consent": permissions.can_give_consent_to_share(user, case),
        "can_anonymize": permissions.can_anonymize_case(user, case),
    }
    if permissions.can_manage_case(user, case):
        context.update(
            transition_form=TransitionForm(case=case, prefix="status")
            if case.next_statuses
            else None,
            update_form=CaseUpdateForm(instance=case, prefix="case"),
            # Without the requester's consent, experts are not asked (issue 16).
            invite_form=InviteExpertForm(prefix="invite") if case.consent_to_share else None,
            suggestions=selectors.expert_suggestions(case) if case.consent_to_share else [],
        )
    if permissions.can_view_access_log(user, case):
        context["access_log"] = selectors.access_log_for(case=case)
        context["access_log_limit"] = selectors.ACCESS_LOG_LIMIT
        context["access_log_days"] = services.privacy.access_log_days()
    if permissions.can_draw_lesson_from_case(user, case) and (
        case.resolved_at and not case.lesson_drawn_at and case.consent_to_share
    ):
        context["lesson_form"] = LessonForm(prefix="lesson")
    if permissions.can_work_on_case_tasks(user, case):
        context["task_form"] = TaskForm(case=case, prefix="task")
    from .desk import desk_context  # issue 19: canned responses, links and merges

    context.update(desk_context(request, case, whole=whole))
    return render(request, "assistance/case_detail.html", context)


@require_POST
@login_required
def case_post(request, reference):
    case = selectors.case_for(request.user, reference)
    _require(
        permissions.can_post_to_case(request.user, case),
        _("You cannot write on this case."),
    )
    whole = permissions.can_see_whole_case(request.user, case)
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


def _managed_case(request, reference: str) -> Case:
    """A case for a staff action: 404 outside its audience, 403 inside it for non-staff."""
    case = selectors.case_for(request.user, reference)
    _require(permissions.can_manage_case(request.user, case), _staff_only_reason())
    return case


@login_required
@require_POST
def case_transition(request, reference):
    case = _managed_case(request, reference)
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
    case = _managed_case(request, reference)
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
    case = _managed_case(request, reference)
    form = InviteExpertForm(request.POST, prefix="invite")
    if form.is_valid():
        try:
            expert = form.cleaned_data["expert"]
            services.expert_invite(
                case=case,
                actor=request.user,
                expert=expert,
                reason=form.cleaned_data["reason"],
                reasons=selectors.expert_reasons_for(case, expert)
                if form.cleaned_data["suggested"]
                else None,
            )
            messages.success(request, _("The expert was asked by email."))
        except ValidationError as error:
            messages.error(request, _error_text(error))
    else:
        messages.error(request, _("Choose an expert."))
    return redirect(case.get_absolute_url())


@require_POST
@login_required
def assignment_respond(request, reference, pk):
    assignment = selectors.invitation_for(request.user, reference)
    if assignment is None or assignment.pk != pk:
        raise Http404
    if not permissions.can_respond_to_invitation(request.user, assignment):
        raise Http404
    case = assignment.case
    accept = request.POST.get("accept") == "1"
    try:
        services.assignment_respond(assignment=assignment, expert=request.user, accept=accept)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(case.get_absolute_url())
    if accept:
        messages.success(request, _("Thank you: you now work on this case."))
        return redirect(case.get_absolute_url())
    messages.success(request, _("You declined this case."))
    return redirect("assistance:case-list")


@require_POST
@login_required
def task_add(request, reference):
    case = selectors.case_for(request.user, reference)
    _require(
        permissions.can_work_on_case_tasks(request.user, case),
        _("Only the people working on the case add tasks."),
    )
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
@login_required
def task_complete(request, reference, pk):
    case = selectors.case_for(request.user, reference)
    _require(
        permissions.can_work_on_case_tasks(request.user, case),
        _("Only the people working on the case complete tasks."),
    )
    task = get_object_or_404(CaseTask, pk=pk, case=case)
    services.case_task_complete(task=task, actor=request.user)
    return redirect(case.get_absolute_url() + "#tasks")


@login_required
@require_POST
def lesson_start(request, reference):
    case = selectors.case_for(request.user, reference)
    _require(permissions.can_draw_lesson_from_case(request.user, case), _staff_only_reason())
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


@require_POST
@login_required
def case_consent(request, reference):
    """The requester agrees, after filing, to share the case with experts and lessons, or
    withdraws that agreement."""
    case = selectors.case_for(request.user, reference)
    _require(
        permissions.can_give_consent_to_share(request.user, case),
        _("Only the person who made the request can agree to share it."),
    )
    consent = request.POST.get("consent") != "withdraw"
    services.case_consent_set(case=case, actor=request.user, consent=consent)
    if consent:
        messages.success(
            request, _("Thank you: staff may now ask experts to help on your request.")
        )
    else:
        messages.success(request, _("Your consent is withdrawn: no new expert or lesson."))
    return redirect(case.get_absolute_url())


@require_POST
@login_required
def case_anonymize(request, reference):
    """Staff remove what identifies people from a closed case (after a confirmation)."""
    case = selectors.case_for(request.user, reference)
    _require(
        permissions.can_anonymize_case(request.user, case),
        _("Only staff anonymize a case, and only once it is closed."),
    )
    if request.POST.get("confirm") != case.reference:
        messages.error(request, _("Type the case's reference to confirm: nothing was removed."))
        return redirect(case.get_absolute_url() + "#anonymize")
    services.case_anonymize(case=case, actor=request.user)
    messages.success(request, _("The case was anonymized."))
    return redirect(case.get_absolute_url())


@login_required
def case_file(request, reference, pk):
    """A case file, to its audience only, as a download under its original name."""
    case = selectors.case_for(request.user, reference)
    whole = permissions.can_see_whole_case(request.user, case)
    file = get_object_or_404(selectors.files_for(case, whole=whole).select_related("entry"), pk=pk)
    if not permissions.can_download_case_file(request.user, file):
        raise Http404
    _log_read(request, case, AccessRecord.Kind.CASE_FILE, object_id=file.pk)
    return serve_private_file(
        file.file, filename=file.original_name, content_type=file.content_type
    )


@login_required
def case_history(request, reference):
    case = selectors.case_for(request.user, reference)
    _require(permissions.can_view_case_history(request.user, case), _staff_only_reason())
    _log_read(request, case, AccessRecord.Kind.CASE_HISTORY)
    return render(
        request,
        "assistance/case_history.html",
        {"case": case, "changes": selectors.case_changes(case)},
    )


# Staff: queue, workload, reports -----------------------------------------------------------


@staff_required
def queue(request):
    from ..desk_cache import bulk_fields_html, filter_form_html, queue_count
    from ..forms.queue import BulkActionForm, SavedViewForm, queue_query
    from ..selectors.saved_views import saved_views_for

    filters = CaseQueueFilter(request.GET, queryset=Case.objects.all())
    cases = selectors.queue(filters)
    query = request.GET.copy()
    query.pop("page", None)
    # The filters were checked when the page's cases were found: no second check here.
    current = queue_query(query) if filters.form.is_valid() else ""
    # Counts, the filter form and the bulk form's lists are kept between requests (issue 22).
    paginator = Paginator(cases, QUEUE_PAGE_SIZE)
    paginator.count = queue_count(request, filters, filters.qs, current)
    page_obj = paginator.get_page(request.GET.get("page"))
    views = list(saved_views_for(request.user))
    can_bulk = permissions.can_change_cases_in_bulk(request.user)
    bulk_form = BulkActionForm(initial={"query": current}, auto_id="bulk_%s")
    return render(
        request,
        "assistance/queue.html",
        {
            "filter": filters,
            "filter_form": filter_form_html(request, filters, query.urlencode()),
            "page_obj": page_obj,
            "query_string": query.urlencode(),
            "saved_views": views,
            "current_view": next((v for v in views if v.query == current), None),
            "save_form": SavedViewForm(initial={"query": current}),
            "bulk_form": bulk_form,
            "bulk_fields": bulk_fields_html(request, bulk_form) if can_bulk else "",
            "can_bulk": can_bulk,
        },
    )


@staff_required
def workload(request):
    return render(
        request,
        "assistance/workload.html",
        {"people": selectors.workload(), "unassigned": selectors.unassigned_count()},
    )


def _bars(rows):
    top = max((n for _label, n in rows), default=0) or 1
    return [{"label": label, "n": n, "percent": round(100 * n / top)} for label, n in rows]


@staff_required
def reports(request):
    from ..forms.service_levels import ReportRangeForm
    from ..selectors.service_levels import compliance

    form = ReportRangeForm(request.GET or None)
    start, end = form.range()
    data = selectors.report(_submitted_between(start, end))
    kept = compliance(start, end)
    return render(
        request,
        "assistance/reports.html",
        {
            "report": data,
            "by_status": _bars(data["by_status"]),
            "by_kind": _bars(data["by_kind"]),
            "by_sector": _bars(data["by_sector"]),
            "by_quarter": _bars([(q["quarter"], q["n"]) for q in data["by_quarter"]]),
            # Deadline compliance (service levels, issue 19): met, missed, not due yet.
            "range_form": form,
            "start": start,
            "end": end,
            "range_query": f"start={start.isoformat()}&end={end.isoformat()}",
            "compliance": kept,
        },
    )


def _submitted_between(start, end):
    from ..selectors.service_levels import _bounds

    low, high = _bounds(start, end)
    return Case.objects.filter(submitted_at__gte=low, submitted_at__lt=high)


def _compliance_csv(request, start, end):
    from ..selectors.service_levels import compliance

    kept = compliance(start, end)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="assistance-compliance-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    writer = safe_csv.writer(response)
    # Headers in the reader's language like the rows' labels; the first column's values
    # (person, month, overall) stay codes, as in the other reports CSV.
    writer.writerow(
        [
            pgettext("CSV column", "table"),
            pgettext("CSV column", "label"),
            pgettext("CSV column", "met on time"),
            pgettext("CSV column", "missed"),
            pgettext("CSV column", "open"),
            pgettext("CSV column", "total"),
            pgettext("CSV column", "percent met on time"),
        ]
    )
    for table, rows in (
        ("person", kept["by_person"]),
        ("month", kept["by_month"]),
        ("overall", [kept["total"]]),
    ):
        for row in rows:
            label = row["month"].strftime("%Y-%m") if table == "month" else row["label"]
            writer.writerow(
                [
                    table,
                    label,
                    row["met"],
                    row["missed"],
                    row["open"],
                    row["total"],
                    "" if row["percent"] is None else row["percent"],
                ]
            )
    return response


@staff_required
def reports_csv(request):
    from ..forms.service_levels import ReportRangeForm

    form = ReportRangeForm(request.GET or None)
    if request.GET and not form.is_valid():
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    start, end = form.range()
    if request.GET.get("table") == "compliance":
        return _compliance_csv(request, start, end)
    data = selectors.report(_submitted_between(start, end))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assistance-report.csv"'
    writer = safe_csv.writer(response)
    writer.writerow(
        [
            pgettext("CSV column", "table"),
            pgettext("CSV column", "label"),
            pgettext("CSV column", "cases"),
            pgettext("CSV column", "median days to first response"),
            pgettext("CSV column", "median days to resolution"),
        ]
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
