"""What requests for response add to the company page, its timeline, the admin, and a
person's data (issue 20); registered in wagtail_hooks.py."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import CompanyResponse, ResponseRequest
from .permissions import can_request_response
from .response_selectors import company_requests


def responses_panel(request, company):
    """The company page's section of requests for response, with their outcome."""
    return (
        "related",
        "companies/_responses_panel.html",
        {
            "company": company,
            "requests": company_requests(request, company),
            "can_request": can_request_response(request.user, company),
        },
    )


def response_timeline(request, company):
    """A response received, or a non-response once the deadline passed."""
    from .timeline import TimelineEntry

    entries = []
    for item in company_requests(request, company):
        url = item.get_absolute_url()
        if item.outcome == "responded":
            entries.append(
                TimelineEntry(
                    date=item.response.submitted_at,
                    kind="response",
                    title=_("Responded to “%(title)s”") % {"title": item.title},
                    url=url,
                )
            )
        elif item.outcome == "no_response":
            entries.append(
                TimelineEntry(
                    date=item.deadline,
                    kind="non_response",
                    title=_("Did not respond to “%(title)s” by the deadline")
                    % {"title": item.title},
                    url=url,
                )
            )
    return entries


class NoAddOrDeletePolicy(ModelPermissionPolicy):
    """Requests are created only on the company page (response_request_create sends the link
    in the same transaction), and never deleted: deleting one would take its published
    response with it, without the dated note a take-down leaves. So the admin may edit."""

    REFUSED = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.REFUSED and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.REFUSED]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


register_permission_policy(ResponseRequest, NoAddOrDeletePolicy(ResponseRequest), exact_class=True)


class ResponseRequestViewSet(ModelViewSet):
    """Staff correct a request, unpublish it, or clear its contact on request; no add or
    delete (NoAddOrDeletePolicy)."""

    model = ResponseRequest
    icon = "mail"
    menu_label = gettext_lazy("Requests for response")
    add_to_admin_menu = True
    menu_order = 261
    list_display = ["title", "company", "status", "sent_at", "deadline"]
    list_filter = ["status", "subject", "is_published"]
    search_fields = ["title", "company__name", "contact_email"]
    form_fields = [
        "title",
        "subject",
        "text",
        "source_title",
        "source_url",
        "contact_name",
        "contact_email",
        "is_published",
    ]
    inspect_view_enabled = True


def _when(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    """Requests for response this person sent, and responses they took down (as staff)."""
    return {
        "company_requests_sent": [
            {"company": r.company.name, "title": r.title, "sent_at": _when(r.sent_at)}
            for r in ResponseRequest.objects.filter(sent_by=user).select_related("company")
        ],
        "company_responses_taken_down": [
            {
                "company": r.request.company.name,
                "reason": r.withdrawn_reason,
                "taken_down_at": _when(r.withdrawn_at),
            }
            for r in CompanyResponse.objects.filter(withdrawn_by=user).select_related(
                "request__company"
            )
        ],
    }


def account_deletion(user):
    """Kept, without the person's name: the requests are the Collaborative's record."""
    from wsr.members.personal_data import AccountDeletionPart

    sent = ResponseRequest.objects.filter(sent_by=user).exists()
    taken_down = CompanyResponse.objects.filter(withdrawn_by=user).exists()
    if not (sent or taken_down):
        return None
    return AccountDeletionPart(
        kept=[_("Requests for response you sent to companies, without your name")],
        carry_out=lambda: (
            ResponseRequest.objects.filter(sent_by=user).update(sent_by=None),
            CompanyResponse.objects.filter(withdrawn_by=user).update(withdrawn_by=None),
        ),
    )
