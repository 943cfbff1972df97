"""Meetings (issue 20): answers with counts, the online link for who may attend, the agenda,
a per-meeting .ics; meetings added by a group's members; calendar items and opportunities
added by members, and the staff review of those asked to be public."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.ical import CalendarEvent, calendar_ics, ics_response

from .. import selectors, services
from ..forms_meetings import CalendarItemForm, MeetingForm, OpportunityForm, ResponseForm
from ..models import CalendarItem, Meeting, MeetingResponse, Opportunity
from ..permissions import (
    can_delete_meeting,
    can_edit_calendar_item,
    can_edit_meeting,
    can_edit_opportunity,
    can_propose_items,
    can_propose_meeting,
    can_rsvp,
    can_see_online_link,
)
from ._common import error_text, login_required, members_only, object_view, staff_required


def _meeting_for(request, pk) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("group"), pk=pk
    )


def meeting_context(user, meeting, *, response_form=None) -> dict:
    """What the meeting page adds for issue 20: counts, the person's answer, the online
    link when they may attend, and what they may do."""
    response = None
    if user.is_authenticated:
        response = MeetingResponse.objects.filter(meeting=meeting, user=user).first()
    may_answer = can_rsvp(user, meeting)
    may_edit = can_edit_meeting(user, meeting)
    return {
        "rsvp_counts": services.meeting_counts(meeting),
        "my_response": response,
        "response_form": (
            response_form or ResponseForm(initial={"answer": response.answer if response else None})
        )
        if may_answer
        else None,
        "online_url": meeting.online_url
        if can_see_online_link(user, meeting, response=response)
        else "",
        "link_after_answer": bool(meeting.online_url) and may_answer,
        "can_edit_meeting": may_edit,
        "can_delete_meeting": can_delete_meeting(user, meeting),
        # anonymous readers of a public meeting: members answer once signed in
        "sign_in_to_answer": not user.is_authenticated
        and timezone.now() < (meeting.ends_at or meeting.starts_at),
    }


@require_POST
@login_required
def meeting_respond(request, pk):
    meeting = _meeting_for(request, pk)
    form = ResponseForm(request.POST)
    if form.is_valid():
        # Outside the people who may answer: 403 with the reason (PermissionDenied).
        services.meeting_respond(
            meeting=meeting, user=request.user, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Your answer is recorded. You can change it until the end."))
        return redirect(f"{meeting.get_absolute_url()}#rsvp-title")
    if not can_rsvp(request.user, meeting):
        raise PermissionDenied(_("You cannot answer for this meeting."))
    from .groups import meeting_page

    return meeting_page(request, meeting, response_form=form, status=400)


@object_view  # as the meeting's page: anyone in its audience (public.ics links here)
def meeting_ics(request, pk):
    """One meeting as an iCalendar file, for whoever may see its page; the online link is in
    it only for who may attend. Same UID as in the calendar feeds, so apps see one event."""
    meeting = _meeting_for(request, pk)
    host = settings.SITE_URL.split("://")[-1]
    page = settings.SITE_URL + meeting.get_absolute_url()
    online = meeting.online_url if can_see_online_link(request.user, meeting) else ""
    description = "\n\n".join(
        part
        for part in (
            _("Online: %(link)s") % {"link": online} if online else "",
            meeting.agenda,
            page,
        )
        if part
    )
    event = CalendarEvent(
        uid=f"meeting-{meeting.pk}@{host}",
        summary=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        location=meeting.place or online,
        url=page,
        description=description,
        categories=[_("Meeting")],
    )
    response = ics_response(
        calendar_ics([event], product="Meeting"),
        filename=f"meeting-{meeting.pk}.ics",
        attachment=True,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _meeting_form_page(request, *, form, group, meeting=None, status=200):
    return render(
        request,
        "coordination/meeting_form.html",
        {"form": form, "group": group, "meeting": meeting},
        status=status,
    )


@login_required
def meeting_create(request, slug):
    group = selectors.group_for(request.user, slug)
    if not can_propose_meeting(request.user, group):
        raise PermissionDenied(_("Join the working group to add its meetings."))
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = services.meeting_create(
                    group=group, actor=request.user, **form.cleaned_data
                )
                messages.success(request, _("The meeting is on the group's page and calendar."))
                return redirect(meeting)
            except ValidationError as error:
                form.add_error(None, error_text(error))
        return _meeting_form_page(request, form=form, group=group, status=400)
    return _meeting_form_page(request, form=form, group=group)


@login_required
def meeting_edit(request, pk):
    meeting = _meeting_for(request, pk)
    if not can_edit_meeting(request.user, meeting):
        raise PermissionDenied(_("Only the group's conveners can change this meeting."))
    initial = {name: getattr(meeting, name) for name in services.meetings.MEETING_FIELDS}
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_edit(meeting=meeting, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The meeting is saved."))
                return redirect(meeting)
            except ValidationError as error:
                form.add_error(None, error_text(error))
        return _meeting_form_page(
            request, form=form, group=meeting.group, meeting=meeting, status=400
        )
    return _meeting_form_page(request, form=form, group=meeting.group, meeting=meeting)


@login_required
def meeting_delete(request, pk):
    """Who added a meeting (or runs its group) deletes it, after a confirmation; who
    answered yes or maybe is told it is cancelled."""
    meeting = _meeting_for(request, pk)
    if not can_delete_meeting(request.user, meeting):
        raise PermissionDenied(_("Only who added the meeting and the group's conveners delete it."))
    group = meeting.group
    if request.method == "POST":
        services.meetings.meeting_delete(meeting=meeting, actor=request.user)
        messages.success(request, _("The meeting is deleted; who said they would come is told."))
        return redirect(group) if group is not None else redirect("coordination:calendar")
    return render(
        request,
        "coordination/confirm_delete.html",
        {
            "title": _("Delete this meeting?"),
            "excerpt": meeting.title,
            "back_url": meeting.get_absolute_url(),
            "note": _("Who answered yes or maybe is told that it is cancelled."),
        },
    )


# Items members add ------------------------------------------------------------------------


def _my_items(user):
    """What the person added and may still see (a record staff kept to staff is not
    theirs to list any more)."""
    return {
        "my_calendar_items": CalendarItem.objects.visible_to(user)
        .filter(proposed_by=user)
        .order_by("-starts_at")[:50],
        "my_opportunities": Opportunity.objects.visible_to(user)
        .filter(owner=user)
        .only("title", "audience", "public_requested", "reviewed_at")
        .order_by("title")[:50],
    }


def _item_page(request, *, form, what, record=None, status=200):
    return render(
        request,
        "coordination/item_form.html",
        {"form": form, "what": what, "record": record, **_my_items(request.user)},
        status=status,
    )


def _saved_message(request, record):
    if record.public_requested:
        messages.success(
            request,
            _(
                "Saved. Members see it now; the Collaborative's staff will review it before "
                "it is public."
            ),
        )
    else:
        messages.success(request, _("Saved and published."))


def _item_form_view(request, *, form_class, what, record, save, done):
    form = form_class(request.POST or None, user=request.user, initial=_initial(record))
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save(**form.cleaned_data)
                _saved_message(request, saved)
                return redirect(done(saved))
            except ValidationError as error:
                form.add_error(None, error_text(error))
            except PermissionDenied as error:
                form.add_error(None, str(error))
        return _item_page(request, form=form, what=what, record=record, status=400)
    return _item_page(request, form=form, what=what, record=record)


def _initial(record) -> dict:
    if record is None:
        return {}
    from ..models import Audience

    initial = {f.name: getattr(record, f.name) for f in record._meta.concrete_fields}
    initial["sector"] = getattr(record, "sector_id", None)
    if record.public_requested:
        initial["audience"] = Audience.PUBLIC
    if hasattr(record, "country"):
        initial["country"] = record.country.code
    return initial


def _calendar_url(item) -> str:
    month = timezone.localtime(item.starts_at).strftime("%Y-%m")
    return f"{reverse('coordination:calendar')}?month={month}&view=list"


@members_only
def calendar_item_create(request):
    if not can_propose_items(request.user):
        raise PermissionDenied
    return _item_form_view(
        request,
        form_class=CalendarItemForm,
        what="calendar",
        record=None,
        save=lambda **data: services.calendar_item_propose(actor=request.user, **data),
        done=_calendar_url,
    )


@members_only
def calendar_item_edit(request, pk):
    item = get_object_or_404(CalendarItem.objects.visible_to(request.user), pk=pk)
    if not can_edit_calendar_item(request.user, item):
        raise Http404
    return _item_form_view(
        request,
        form_class=CalendarItemForm,
        what="calendar",
        record=item,
        save=lambda **data: services.calendar_item_edit(item=item, actor=request.user, **data),
        done=_calendar_url,
    )


@members_only
def opportunity_create(request):
    if not can_propose_items(request.user):
        raise PermissionDenied
    return _item_form_view(
        request,
        form_class=OpportunityForm,
        what="opportunity",
        record=None,
        save=lambda **data: services.opportunity_propose(actor=request.user, **data),
        done=lambda saved: saved.get_absolute_url(),
    )


@members_only
def opportunity_edit(request, pk):
    opportunity = get_object_or_404(Opportunity.objects.visible_to(request.user), pk=pk)
    if not can_edit_opportunity(request.user, opportunity):
        raise Http404
    return _item_form_view(
        request,
        form_class=OpportunityForm,
        what="opportunity",
        record=opportunity,
        save=lambda **data: services.opportunity_edit(
            opportunity=opportunity, actor=request.user, **data
        ),
        done=lambda saved: saved.get_absolute_url(),
    )


# Staff review -----------------------------------------------------------------------------

REVIEWED = {"calendar": CalendarItem, "opportunity": Opportunity}


@staff_required
def review_list(request):
    items, opportunities = services.pending_review()
    return render(
        request,
        "coordination/review.html",
        {"calendar_items": items, "opportunities": opportunities},
    )


@require_POST
@staff_required
def review_decide(request, kind, pk):
    model = REVIEWED.get(kind)
    if model is None:
        raise Http404
    record = get_object_or_404(model.objects.filter(public_requested=True), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        # Nothing but an explicit choice decides: a stray or forged POST changes nothing.
        return HttpResponseBadRequest(_("Choose to approve or to decline."))
    approve = decision == "approve"
    services.proposal_review(record=record, actor=request.user, approve=approve)
    if approve:
        messages.success(request, _("“%(title)s” is public now.") % {"title": record.title})
    else:
        messages.success(
            request,
            _("“%(title)s” stays with members; its proposer is told.") % {"title": record.title},
        )
    return redirect("coordination:review")
