"""Joining and leaving working groups (issue 20): the convener's invite page (search the
members, invite one), the invitee's answer, requests to join an invitation-only group and
their decision, and leaving. Outside a record's audience its URL answers 404."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors
from ..forms import InviteForm
from ..membership_forms import InviteSearchForm, JoinRequestForm, LeaveForm
from ..models import GroupInvitation, GroupMembership, JoinRequest, WorkingGroup
from ..permissions import (
    can_decide_join_request,
    can_invite_to_group,
    can_leave_group,
    can_request_to_join,
    can_respond_to_invitation,
    can_withdraw_invitation,
    member_affiliations,
)
from ..services import invitations as services
from ._common import error_text, login_required

SEARCH_LIMIT = 20


def people_to_invite(group, query: str):
    """Members of the Collaborative not in `group` whose name or organization contains each
    word of `query`, or whose email address is `query` (whole addresses only: conveners
    find people, they do not probe addresses). A fixed number of queries."""
    words = query.split()
    if not words:
        return []
    people = (
        get_user_model()
        .objects.filter(Exists(member_affiliations().filter(user=OuterRef("pk"))), is_active=True)
        .exclude(group_memberships__group=group)
    )
    by_email = Q(email__iexact=query.strip())
    by_words = Q()
    for word in words:
        by_words &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(profile__display_name__icontains=word)
            | Exists(
                member_affiliations().filter(
                    user=OuterRef("pk"), organization__name__icontains=word
                )
            )
        )
    return list(
        people.filter(by_email | by_words)
        .annotate(
            is_invited=Exists(
                GroupInvitation.objects.pending().filter(group=group, invitee=OuterRef("pk"))
            )
        )
        .select_related("profile")
        .prefetch_related(
            Prefetch(
                "affiliations",
                queryset=member_affiliations().select_related("organization"),
                to_attr="member_affiliations",
            )
        )
        .order_by("first_name", "last_name", "pk")[:SEARCH_LIMIT]
    )


def _posted(request):
    """The POST data, bound even when empty (a bare confirmation is a valid form)."""
    return request.POST if request.method == "POST" else None


def _pending_invitations(group):
    return (
        GroupInvitation.objects.pending()
        .filter(group=group)
        .select_related("invitee__profile", "invited_by__profile")
    )


def invite_page(request, slug):
    """GET: search the members; POST `person`: invite them (routed as group-invite)."""
    group = selectors.group_for(request.user, slug)
    if not can_invite_to_group(request.user, group):
        raise PermissionDenied(_("Only the group's conveners and staff invite people."))
    search = InviteSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    form = InviteForm(_posted(request), group=group)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            person = form.cleaned_data["person"]
            try:
                services.group_invite(group=group, actor=request.user, person=person)
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(
                    request,
                    _("%(person)s is invited and was told. They join when they accept.")
                    % {"person": person.display_name},
                )
            target = reverse("coordination:group-invite", kwargs={"slug": group.slug})
            if query:
                target += "?" + urlencode({"q": query})
            return redirect(target)
        status = 400
    return render(
        request,
        "coordination/group_invite.html",
        {
            "group": group,
            "search": search if search.is_bound else InviteSearchForm(),
            "query": query,
            "people": people_to_invite(group, query),
            "form": form,
            "pending": _pending_invitations(group),
        },
        status=status,
    )


@login_required
def invitation_detail(request, pk):
    """The invitee reads the invitation (the group's name and purpose, even when they do
    not see the group yet) and accepts or declines; a convener may withdraw it."""
    invitation = get_object_or_404(
        GroupInvitation.objects.visible_to(request.user).select_related(
            "group", "invited_by__profile", "invitee__profile"
        ),
        pk=pk,
    )
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        try:
            if answer in ("accept", "decline"):
                services.invitation_respond(
                    invitation=invitation, user=request.user, accept=answer == "accept"
                )
                if answer == "accept":
                    messages.success(request, _("Welcome to the working group."))
                    return redirect(invitation.group)
                messages.success(request, _("You declined the invitation."))
            elif answer == "withdraw":
                services.invitation_withdraw(invitation=invitation, actor=request.user)
                messages.success(request, _("The invitation is withdrawn."))
                return redirect("coordination:group-invite", slug=invitation.group.slug)
            else:
                return render(
                    request,
                    "coordination/invitation_detail.html",
                    _invitation_context(request.user, invitation),
                    status=400,
                )
        except PermissionDenied as error:
            messages.error(request, str(error))
        return redirect(invitation)
    return render(
        request,
        "coordination/invitation_detail.html",
        _invitation_context(request.user, invitation),
    )


def _invitation_context(user, invitation):
    return {
        "invitation": invitation,
        "group": invitation.group,
        "may_respond": can_respond_to_invitation(user, invitation),
        "may_withdraw": can_withdraw_invitation(user, invitation),
    }


def _listed_group(user, slug) -> WorkingGroup:
    return get_object_or_404(WorkingGroup.objects.listed_to(user), slug=slug)


@login_required
def join_request_create(request, slug):
    """A member asks to join an invitation-only group they found on the groups page."""
    group = _listed_group(request.user, slug)
    if GroupMembership.objects.filter(group=group, user=request.user).exists():
        return redirect(group)
    invitation = GroupInvitation.objects.pending().filter(group=group, invitee=request.user).first()
    if invitation is not None:
        return redirect(invitation)
    pending = JoinRequest.objects.pending().filter(group=group, user=request.user).first()
    if not can_request_to_join(request.user, group):
        raise Http404  # an open group is joined from its page; staff see every group
    form = JoinRequestForm(_posted(request))
    status = 200
    if request.method == "POST" and pending is None:
        if form.is_valid():
            try:
                services.join_request_create(
                    group=group, user=request.user, message=form.cleaned_data["message"]
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("Your request is sent. The conveners will answer it."))
                return redirect("coordination:group-list")
        status = 400
    return render(
        request,
        "coordination/join_request_form.html",
        {"group": group, "form": form, "pending": pending},
        status=status,
    )


@require_POST
@login_required
def join_request_decide(request, pk):
    join_request = get_object_or_404(
        JoinRequest.objects.visible_to(request.user).select_related("group", "user__profile"),
        pk=pk,
    )
    answer = request.POST.get("answer", "")
    if answer not in ("approve", "decline") or not can_decide_join_request(
        request.user, join_request
    ):
        raise PermissionDenied(_("Only the group's conveners decide on open requests."))
    services.join_request_decide(
        join_request=join_request, actor=request.user, approve=answer == "approve"
    )
    person = join_request.user.display_name
    if answer == "approve":
        messages.success(request, _("%(person)s joined the group.") % {"person": person})
    else:
        messages.success(request, _("You declined the request of %(person)s.") % {"person": person})
    return redirect(join_request.group)


@login_required
def group_leave(request, slug):
    """GET: confirm (the last convener names a successor); POST: leave."""
    group = selectors.group_for(request.user, slug)
    if not can_leave_group(request.user, group):
        raise Http404
    candidates = services.last_convener_successors(group, request.user)
    form = LeaveForm(_posted(request), candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.group_leave(
                    group=group,
                    user=request.user,
                    successor=form.cleaned_data.get("successor"),
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("You left %(group)s.") % {"group": group.name})
                return redirect("coordination:group-list")
        status = 400
    return render(
        request,
        "coordination/group_leave.html",
        {"group": group, "form": form, "is_last_convener": candidates is not None},
        status=status,
    )


# Parts of the group pages ------------------------------------------------------------------


def group_page_context(user, group) -> dict:
    """What the group page shows about joining and leaving: at most four queries, two for a
    member who does not convene."""
    is_convener = can_invite_to_group(user, group)
    may_leave = can_leave_group(user, group)
    return {
        "may_invite": is_convener,
        "may_leave": may_leave,
        "may_request": not may_leave and can_request_to_join(user, group),
        "join_requests": list(
            JoinRequest.objects.pending()
            .filter(group=group)
            .select_related("user__profile")
            .order_by("created_at", "pk")
        )
        if is_convener
        else [],
        "my_invitation": None
        if may_leave
        else GroupInvitation.objects.pending().filter(group=group, invitee=user).first(),
    }


def group_list_context(user) -> dict:
    """My pending invitations, and the invitation-only groups I am not in (name and purpose
    only: so I can ask to join). A fixed number of queries."""
    mine = GroupMembership.objects.filter(user=user).values("group_id")
    return {
        "my_invitations": list(
            GroupInvitation.objects.visible_to(user)
            .pending()
            .filter(invitee=user)
            .select_related("group", "invited_by__profile")
        ),
        "closed_groups": list(
            WorkingGroup.objects.listed_to(user)
            .filter(is_open=False)
            .exclude(pk__in=mine)
            .exclude(pk__in=WorkingGroup.objects.visible_to(user).values("pk"))
            .annotate(
                is_requested=Exists(
                    JoinRequest.objects.pending().filter(group=OuterRef("pk"), user=user)
                )
            )
            .only("name", "slug", "purpose", "is_open")
        ),
    }
