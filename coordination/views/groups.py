from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..comment_threads import comment_section_for
from ..forms import (
    MinutesForm,
    OutcomeForm,
    PostForm,
    ProposalForm,
    ThreadForm,
    VoteForm,
)
from ..models import Meeting, Proposal, Thread, Vote
from ..permissions import (
    can_post_in_group,
    can_record_minutes,
    can_record_outcome,
    can_vote,
)
from ..services.groups import handle_of, render_markdown, voting_organizations
from ._common import error_text, login_required, object_view


@login_required
def group_list(request):
    from .invitations import group_list_context  # issue 20: invitations, asking to join

    return render(
        request,
        "coordination/group_list.html",
        {"groups": selectors.groups_for(request.user), **group_list_context(request.user)},
    )


def _group_page(request, group, *, thread_form=None, proposal_form=None, status=200):
    from .invitations import group_page_context

    user = request.user
    member = can_post_in_group(user, group)
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "coordination/group_detail.html",
        {
            "group": group,
            "is_member": member,
            "threads": selectors.threads_for(user, group) if member else [],
            "meetings": Meeting.objects.visible_to(user).filter(group=group)[:10],
            "decisions": selectors.decision_log(user, group, query),
            "follow_through": selectors.group_results(user, group),  # issue 20
            "query": query,
            "thread_form": (thread_form or ThreadForm(prefix="thread")) if member else None,
            "proposal_form": (proposal_form or ProposalForm(prefix="proposal")) if member else None,
            "members": group.memberships.select_related("user__profile").order_by(
                "user__first_name"
            )
            if member
            else [],
            **group_page_context(user, group),  # issue 20: invitations, requests, leaving
        },
        status=status,
    )


@login_required
def group_detail(request, slug):
    return _group_page(request, selectors.group_for(request.user, slug))


@require_POST
@login_required
def group_join(request, slug):
    group = selectors.group_for(request.user, slug)
    services.group_join(group=group, user=request.user)
    messages.success(request, _("Welcome to the working group."))
    return redirect(group)


@require_POST
@login_required
def thread_create(request, slug):
    group = selectors.group_for(request.user, slug)
    form = ThreadForm(request.POST, prefix="thread")
    if form.is_valid():
        try:
            thread = services.thread_create(group=group, author=request.user, **form.cleaned_data)
            return redirect(thread)
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return _group_page(request, group, thread_form=form, status=400)


def _thread_page(request, thread, *, form=None, status=200):
    members = thread.group.memberships.select_related("user__profile")
    return render(
        request,
        "coordination/thread_detail.html",
        {
            "thread": thread,
            "group": thread.group,
            "posts": thread.posts.select_related("author__profile"),
            "form": form or PostForm(),
            "handles": sorted(handle_of(m.user) for m in members),
        },
        status=status,
    )


@login_required
def thread_detail(request, slug, pk):
    thread = get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("group"), group__slug=slug, pk=pk
    )
    return _thread_page(request, thread)


@require_POST
@login_required
def post_create(request, slug, pk):
    thread = get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("group"), group__slug=slug, pk=pk
    )
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post = services.post_create(thread=thread, author=request.user, **form.cleaned_data)
            return redirect(f"{thread.get_absolute_url()}#post-{post.pk}")
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return _thread_page(request, thread, form=form, status=400)


def _may_record(user, meeting) -> bool:
    return meeting.group is not None and can_record_minutes(user, meeting)


def meeting_page(request, meeting, *, form=None, may_record=None, response_form=None, status=200):
    """The meeting page, whole: for its reading, the minutes form and the RSVP form's
    errors (views.meetings.meeting_respond) alike."""
    from .meetings import meeting_context

    user = request.user
    if may_record is None:
        may_record = _may_record(user, meeting)
    if form is None and may_record:
        form = MinutesForm(
            meeting=meeting,
            initial={"minutes": meeting.minutes, "attendees": meeting.attendees.all()},
        )
    return render(
        request,
        "coordination/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda_html": render_markdown(meeting.agenda),
            "minutes_html": render_markdown(meeting.minutes),
            # who attended: for signed-in readers only (names are not for the open web)
            "attendees": meeting.attendees.select_related("profile")
            if user.is_authenticated
            else None,
            "form": form,
            # issue 20: RSVP, online link, .ics
            **meeting_context(user, meeting, response_form=response_form),
            "comment_section": comment_section_for(user, meeting),  # issue 20
        },
        status=status,
    )


@object_view  # issue 20: a public meeting's page is public (404 outside its audience)
def meeting_detail(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("group"), pk=pk
    )
    form = None
    recorder = _may_record(request.user, meeting)
    if request.method == "POST" and recorder:
        form = MinutesForm(request.POST, meeting=meeting)
        if form.is_valid():
            services.meeting_record(
                meeting=meeting,
                actor=request.user,
                minutes=form.cleaned_data["minutes"],
                attendees=form.cleaned_data["attendees"],
            )
            messages.success(request, _("The minutes are saved."))
            return redirect(meeting)
    return meeting_page(
        request,
        meeting,
        form=form,
        may_record=recorder,
        status=400 if form is not None else 200,
    )


@login_required
def group_invite(request, slug):
    """The conveners' invite page: search the members, invite one. Inviting asks the person
    (issue 20): they join only when they accept."""
    from .invitations import invite_page

    return invite_page(request, slug)


@require_POST
@login_required
def proposal_create(request, slug):
    group = selectors.group_for(request.user, slug)
    form = ProposalForm(request.POST, prefix="proposal")
    if form.is_valid():
        try:
            proposal = services.proposal_create(
                group=group, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("The proposal is open for votes."))
            return redirect(proposal)
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return _group_page(request, group, proposal_form=form, status=400)


def _proposal_page(request, proposal, *, form=None, status=200):
    user = request.user
    organizations = [a.organization for a in voting_organizations(proposal, user)]
    my_votes = Vote.objects.filter(proposal=proposal).select_related("option", "organization")
    if proposal.voter_mode == Proposal.VoterMode.ORGANIZATION:
        my_votes = my_votes.filter(organization__in=organizations)
    else:
        my_votes = my_votes.filter(voter=user, organization__isnull=True)
    may_vote = can_vote(user, proposal)
    # Issue 20: the form shows the current choice (of the person, or of the first of their
    # organizations), and says who cast each organization's vote and when.
    my_votes = list(my_votes.select_related("voter__profile").order_by("organization__name"))
    initial = {}
    if my_votes:
        initial = {"option": my_votes[0].option_id, "organization": my_votes[0].organization_id}
    return render(
        request,
        "coordination/proposal_detail.html",
        {
            "proposal": proposal,
            "group": proposal.group,
            "tally": selectors.tally(proposal),
            "my_votes": my_votes,
            "comment_section": comment_section_for(user, proposal),  # issue 20
            "no_organization_to_vote_for": not may_vote
            and not proposal.is_closed
            and proposal.voter_mode == Proposal.VoterMode.ORGANIZATION
            and can_post_in_group(user, proposal.group),
            "form": (
                form or VoteForm(proposal=proposal, organizations=organizations, initial=initial)
            )
            if may_vote
            else None,
            "outcome_form": OutcomeForm(initial={"outcome": proposal.outcome})
            if proposal.is_closed and can_record_outcome(user, proposal)
            else None,
        },
        status=status,
    )


def _proposal_for(request, pk) -> Proposal:
    return get_object_or_404(
        Proposal.objects.visible_to(request.user).select_related("group"), pk=pk
    )


@login_required
def proposal_detail(request, pk):
    return _proposal_page(request, _proposal_for(request, pk))


@require_POST
@login_required
def vote(request, pk):
    proposal = _proposal_for(request, pk)
    if not proposal.is_closed and not can_vote(request.user, proposal):  # issue 20
        raise PermissionDenied(
            _("You cannot vote on this proposal: you belong to no member organization.")
            if can_post_in_group(request.user, proposal.group)
            else _("Join the working group first.")
        )
    organizations = [a.organization for a in voting_organizations(proposal, request.user)]
    form = VoteForm(request.POST, proposal=proposal, organizations=organizations)
    if form.is_valid():
        try:
            services.vote_cast(
                proposal=proposal,
                voter=request.user,
                option=form.cleaned_data["option"],
                organization=form.cleaned_data.get("organization"),
            )
            messages.success(request, _("Your vote is recorded. You may change it until closing."))
            return redirect(proposal)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(
                None, error_text(error) if isinstance(error, ValidationError) else str(error)
            )
    return _proposal_page(request, proposal, form=form, status=400)


@require_POST
@login_required
def proposal_outcome(request, pk):
    proposal = _proposal_for(request, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_outcome_record(
                proposal=proposal, actor=request.user, outcome=form.cleaned_data["outcome"]
            )
            messages.success(request, _("The outcome is recorded in the decision log."))
        except ValidationError as error:
            messages.error(request, error_text(error))
    return redirect(proposal)


@require_POST
@login_required
def affiliation_groups_end(request, slug, pk):
    """An org admin ends the working-group memberships of a person of their organization
    (from the people page); anyone else gets 404."""
    from wsr.members.models import Affiliation
    from wsr.members.permissions import access_organization_for_admin

    organization = access_organization_for_admin(request.user, slug)
    affiliation = get_object_or_404(
        Affiliation.objects.select_related("user__profile"), pk=pk, organization=organization
    )
    try:
        ended = services.group_memberships_end_through(
            organization=organization, user=affiliation.user, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            ngettext(
                "%(person)s left %(count)d working group.",
                "%(person)s left %(count)d working groups.",
                ended,
            )
            % {"person": affiliation.user.display_name, "count": ended},
        )
    return redirect("members:organization-people", slug=organization.slug)
