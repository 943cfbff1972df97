"""Private conversations (issue 20): "I can help" on an ask, direct messages, blocks and
reports. Outside a conversation's audience its URL answers 404; staff read reported
messages on their own page, never the conversations."""

from datetime import UTC, datetime

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wsr.members.roles import is_member

from ..models import Block, Conversation, ConversationParticipant, Message, Report, Update
from ..permissions import can_message, can_offer_help, help_organizations_of
from ..services import conversations as service
from ._common import error_text, members_only, staff_required

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
BODY_HELP = gettext_lazy("Markdown: **bold**, *italics*, lists, links.")


class MessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=service.MAX_LENGTH,
        help_text=BODY_HELP,
    )


class HelpOfferForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("In the name of"), queryset=None, empty_label=None
    )
    body = forms.CharField(
        label=gettext_lazy("What you can offer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=service.MAX_LENGTH,
        help_text=BODY_HELP,
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        from wsr.members.models import Organization

        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizations]
        ).order_by("name")


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What is wrong with this message?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy("Only the Collaborative's staff read reports."),
    )


class HandleForm(forms.Form):
    outcome = forms.CharField(label=gettext_lazy("What was done"), max_length=500, required=False)


# Reads ------------------------------------------------------------------------------------


def conversations_for(user):
    """The inbox: the conversations `user` may read, newest first, each with `unread` (the
    messages of others after the person last read it) and what its title needs."""
    last_read = ConversationParticipant.objects.filter(
        conversation=OuterRef("pk"), user=user
    ).values("last_read_at")[:1]
    # a blocker is never counted unread for the messages of the person they blocked
    blocked = Block.objects.filter(blocker=user).values("blocked_id")
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"))
        .exclude(author=user)
        .exclude(author__in=blocked)
        .filter(created_at__gt=Coalesce(OuterRef("my_read_at"), Value(EPOCH)))
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    participants = ConversationParticipant.objects.select_related("user__profile")
    return (
        Conversation.objects.visible_to(user)
        .annotate(my_read_at=Subquery(last_read))
        .annotate(unread=Coalesce(Subquery(unread), Value(0)))
        .select_related("effort", "offering_organization", "update")
        .prefetch_related(Prefetch("participants", queryset=participants))
        .order_by("-last_message_at", "-pk")
    )


def _conversation(user, pk):
    return get_object_or_404(
        Conversation.objects.visible_to(user).select_related(
            "effort", "offering_organization", "update"
        ),
        pk=pk,
    )


def _title(conversation, user) -> str:
    if conversation.is_direct:
        other = service.other_person(conversation, user)
        return other.display_name if other else _("a former member")
    return _("%(organization)s offers help on “%(effort)s”") % {
        "organization": conversation.offering_organization.name,
        "effort": conversation.effort.name,
    }


# Pages ------------------------------------------------------------------------------------


@members_only
def inbox(request):
    user = request.user
    rows = []
    for conversation in conversations_for(user):
        rows.append(
            {
                "conversation": conversation,
                "title": _title(conversation, user),
                "unread": conversation.unread,
            }
        )
    return render(
        request,
        "coordination/inbox.html",
        {
            "rows": rows,
            "blocks": Block.objects.filter(blocker=user).select_related("blocked__profile"),
        },
    )


def _conversation_page(request, conversation, *, form=None, status=200):
    user = request.user
    other = service.other_person(conversation, user) if conversation.is_direct else None
    can_reply = True
    if conversation.is_direct:
        can_reply = other is not None and can_message(user, other)
    page = render(
        request,
        "coordination/conversation_detail.html",
        {
            "conversation": conversation,
            "title": _title(conversation, user),
            "other": other,
            "is_blocked": other is not None
            and Block.objects.filter(blocker=user, blocked=other).exists(),
            "conversation_messages": conversation.messages.select_related(
                "author__profile", "removed_by__profile"
            ),
            # a refused reply keeps its text in the form, with the reason
            "form": form if form is not None else (MessageForm() if can_reply else None),
        },
        status=status,
    )
    if status == 200:
        service.conversation_mark_read(conversation=conversation, user=user)
    return page


@members_only
def conversation_detail(request, pk):
    return _conversation_page(request, _conversation(request.user, pk))


@require_POST
@members_only
def conversation_reply(request, pk):
    conversation = _conversation(request.user, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            message = service.message_reply(
                conversation=conversation, author=request.user, body=form.cleaned_data["body"]
            )
            return redirect(f"{conversation.get_absolute_url()}#message-{message.pk}")
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error(error))
    return _conversation_page(request, conversation, form=form, status=400)


def _error(error) -> str:
    if isinstance(error, ValidationError):
        return error_text(error)
    return str(error) or _("You cannot message this person.")


def _member(pk):
    """A person who may be messaged or blocked: an active account of a current member.
    Anyone else is 404, without their name."""
    person = get_object_or_404(get_user_model().objects.filter(is_active=True), pk=pk)
    if not is_member(person):
        raise Http404
    return person


@members_only
def message_new(request, user_pk):
    recipient = _member(user_pk)
    if recipient.pk == request.user.pk:
        raise PermissionDenied(_("You cannot message yourself."))
    if not can_message(request.user, recipient):
        return render(
            request,
            "coordination/message_new.html",
            {"recipient": recipient, "refused": service.CANNOT_MESSAGE},
            status=403,
        )
    existing = service.direct_conversation_of(request.user, recipient)
    if existing is not None and request.method == "GET":
        return redirect(existing)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                message = service.message_send(
                    author=request.user, recipient=recipient, body=form.cleaned_data["body"]
                )
                return redirect(f"{message.conversation.get_absolute_url()}#message-{message.pk}")
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error(error))
    return render(
        request,
        "coordination/message_new.html",
        {
            "recipient": recipient,
            "form": form,
            "is_blocked": Block.objects.filter(blocker=request.user, blocked=recipient).exists(),
        },
        status=400 if form.errors else 200,
    )


@members_only
def help_offer(request, pk):
    update = get_object_or_404(
        Update.objects.visible_to(request.user).select_related("effort"), pk=pk
    )
    if not update.ask:
        raise PermissionDenied(_("This update asks for nothing."))
    mine = help_organizations_of(request.user, update)
    if mine and request.method == "GET":
        open_already = Conversation.objects.filter(
            kind=Conversation.Kind.HELP, update=update, offering_organization__in=mine
        ).first()
        if open_already is not None and len(mine) == 1:
            return redirect(open_already)
    if not can_offer_help(request.user, update):
        raise PermissionDenied(_("You cannot offer help on this ask."))
    form = HelpOfferForm(request.POST or None, organizations=mine)
    status, refused = 200, None
    if service.help_offer_blocked(request.user, update):
        # refused like a direct message (the text is kept; the blocker is not named)
        status, refused = 403, service.CANNOT_MESSAGE
    elif request.method == "POST" and form.is_valid():
        try:
            conversation, created = service.help_offer(
                update=update,
                user=request.user,
                organization=form.cleaned_data["organization"],
                body=form.cleaned_data["body"],
            )
            if created:
                messages.success(request, _("Your offer is sent. The effort's people were told."))
            else:
                messages.success(
                    request,
                    _(
                        "Your organization had offered help on this ask already: your text "
                        "is added to the conversation."
                    ),
                )
            return redirect(conversation)
        except ValidationError as error:
            form.add_error(None, error_text(error))
        except PermissionDenied as error:
            status, refused = 403, _error(error)
    if status == 200 and form.errors:
        status = 400
    return render(
        request,
        "coordination/help_offer.html",
        {"update": update, "effort": update.effort, "form": form, "refused": refused},
        status=status,
    )


@require_POST
@members_only
def person_block(request, user_pk):
    person = _member(user_pk)
    try:
        service.block(blocker=request.user, blocked=person)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("coordination:inbox")
    messages.success(
        request,
        _("%(name)s can no longer message you. They are not told.") % {"name": person.display_name},
    )
    return redirect(_next(request))


@require_POST
@members_only
def person_unblock(request, user_pk):
    # one's own blocks only: a person blocked before they left can still be unblocked
    person = get_object_or_404(
        Block.objects.filter(blocker=request.user).select_related("blocked"), blocked_id=user_pk
    ).blocked
    service.unblock(blocker=request.user, blocked=person)
    messages.success(request, _("%(name)s can message you again.") % {"name": person.display_name})
    return redirect(_next(request))


def _next(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("coordination:inbox")


@members_only
def message_report(request, pk):
    message = get_object_or_404(
        Message.objects.filter(
            conversation__in=Conversation.objects.visible_to(request.user)
        ).select_related("author__profile", "conversation"),
        pk=pk,
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.message_report(
                message=message, reporter=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Thank you. The Collaborative's staff will look at it."))
            return redirect(message.conversation)
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return render(
        request,
        "coordination/message_report.html",
        {"message": message, "form": form},
        status=400 if form.errors else 200,
    )


def _report_page(request, *, bound=None, status=200):
    """The staff's page of reports; `bound` is (report pk, form) after a refused POST,
    shown on its report with the errors and the text kept."""
    reports = Report.objects.select_related(
        "message__author__profile",
        "message__removed_by__profile",
        "reporter__profile",
        "handled_by__profile",
    )
    open_reports = list(reports.filter(handled_at__isnull=True))
    for report in open_reports:
        report.form = bound[1] if bound and bound[0] == report.pk else None
    return render(
        request,
        "coordination/report_list.html",
        {
            "open_reports": open_reports,
            "handled_reports": reports.filter(handled_at__isnull=False)[:20],
            "refused": bound[1] if bound and bound[0] is None else None,
        },
        status=status,
    )


@staff_required
def report_list(request):
    return _report_page(request)


@require_POST
@staff_required
def report_handle(request, pk):
    report = get_object_or_404(Report, pk=pk)
    form = HandleForm(request.POST)
    if form.is_valid():
        try:
            service.report_handle(
                report=report, actor=request.user, outcome=form.cleaned_data["outcome"]
            )
            messages.success(request, _("The report is marked as handled."))
            return redirect("coordination:report-list")
        except ValidationError as error:
            form.add_error(None, error_text(error))
    # an open report shows the errors on its form; a handled one above the lists
    key = report.pk if report.handled_at is None else None
    return _report_page(request, bound=(key, form), status=400)


@require_POST
@staff_required
def message_remove(request, pk):
    """Staff remove a reported message's text; the report stays."""
    message = get_object_or_404(Message.objects.filter(reports__isnull=False).distinct(), pk=pk)
    service.message_remove(message=message, actor=request.user)
    messages.success(request, _("The message is removed. Its report stays."))
    return redirect("coordination:report-list")


__all__ = [
    "conversation_detail",
    "conversation_reply",
    "conversations_for",
    "help_offer",
    "inbox",
    "message_new",
    "message_remove",
    "message_report",
    "person_block",
    "person_unblock",
    "report_handle",
    "report_list",
]
