"""Coordination in Wagtail (/cms/): staff manage opportunities, efforts, funding, working
groups, meetings and calendar items; the portal and company pages get their panels."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import (
    CalendarItem,
    Effort,
    Funder,
    FundingApplication,
    FundingOpportunity,
    Meeting,
    Opportunity,
    WorkingGroup,
)

AUDIENCE = ["audience", "working_group"]


class OpportunityViewSet(ModelViewSet):
    model = Opportunity
    icon = "site"
    menu_label = _("Opportunities")
    list_display = ["title", "sector", "country", "stage", "audience"]
    list_filter = ["stage", "region", "audience", "sector"]
    search_fields = ["title", "supply_chain"]
    form_fields = [
        "title",
        "sector",
        "country",
        "region",
        "place",
        "latitude",
        "longitude",
        "supply_chain",
        "worker_organizations",
        "buyers",
        "stage",
        "owner",
        *AUDIENCE,
    ]
    inspect_view_enabled = True


class EffortViewSet(ModelViewSet):
    model = Effort
    icon = "pick"
    menu_label = _("Efforts")
    list_display = ["name", "kind", "status", "audience"]
    list_filter = ["kind", "status", "audience"]
    search_fields = ["name", "summary"]
    form_fields = [
        "name",
        "kind",
        "summary",
        "lead_organizations",
        "partners",
        "sectors",
        "countries",
        "status",
        "owner",
        *AUDIENCE,
    ]
    inspect_view_enabled = True


class FunderViewSet(ModelViewSet):
    model = Funder
    icon = "tag"
    menu_label = _("Funders")
    list_display = ["name", "kind", "audience"]
    form_fields = ["name", "kind", "website", "notes", *AUDIENCE]


class FundingOpportunityViewSet(ModelViewSet):
    model = FundingOpportunity
    icon = "date"
    menu_label = _("Funding opportunities")
    list_display = ["program", "funder", "deadline", "audience"]
    list_filter = ["audience", "currency"]
    form_fields = [
        "funder",
        "program",
        "amount_min",
        "amount_max",
        "currency",
        "deadline",
        "eligibility",
        "sectors",
        "countries",
        "link",
        *AUDIENCE,
    ]


class FundingApplicationViewSet(ModelViewSet):
    model = FundingApplication
    icon = "doc-full"
    menu_label = _("Funding pipeline")
    list_display = ["title", "funder", "status", "deadline", "owner"]
    list_filter = ["status"]
    form_fields = [
        "funder",
        "opportunity",
        "title",
        "owner",
        "status",
        "amount_asked",
        "amount_awarded",
        "currency",
        "deadline",
        "deadline_note",
        "notes",
    ]
    inspect_view_enabled = True


class WorkingGroupViewSet(ModelViewSet):
    model = WorkingGroup
    icon = "group"
    menu_label = _("Working groups")
    list_display = ["name", "is_open"]
    form_fields = ["name", "purpose", "is_open"]


class MeetingViewSet(ModelViewSet):
    model = Meeting
    icon = "time"
    menu_label = _("Meetings")
    list_display = ["title", "group", "starts_at"]
    form_fields = [
        "group",
        "title",
        "starts_at",
        "ends_at",
        "place",
        "online_url",  # issue 20: shown only to who may attend
        "agenda",
        "minutes",
        "attendees",
        *AUDIENCE,
    ]


class CalendarItemViewSet(ModelViewSet):
    model = CalendarItem
    icon = "calendar"
    menu_label = _("Calendar items")
    list_display = ["title", "kind", "starts_at", "audience"]
    list_filter = ["kind", "audience"]
    form_fields = [
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "all_day",
        "place",
        "description",
        "effort",
        *AUDIENCE,
    ]


class CoordinationGroup(ViewSetGroup):
    menu_label = _("Coordination")
    menu_icon = "pick"
    menu_order = 258
    items = (
        OpportunityViewSet("coordination_opportunities"),
        EffortViewSet("coordination_efforts"),
        FunderViewSet("coordination_funders"),
        FundingOpportunityViewSet("coordination_funding"),
        FundingApplicationViewSet("coordination_applications"),
        WorkingGroupViewSet("coordination_groups"),
        MeetingViewSet("coordination_meetings"),
        CalendarItemViewSet("coordination_calendar"),
    )


@hooks.register("register_admin_viewset")
def register_coordination_viewsets():
    return CoordinationGroup()


@hooks.register("wsr_dashboard_panels")
def coordination_panel(request):
    """Funding deadlines that match the person's organizations, and followed efforts (those
    still in their audience: a follow outlives a membership). Only the columns the panel
    shows (issue 22)."""
    from .models import Effort, EffortFollow
    from .selectors import funding_matching

    return "coordination/dashboard_panel.html", {
        "funding": funding_matching(request.user),
        "followed": list(
            EffortFollow.objects.filter(
                user=request.user, effort__in=Effort.objects.visible_to(request.user)
            )
            .select_related("effort")
            .only("effort__name", "effort__slug")
            .order_by("effort__name")[:8]
        ),
    }


@hooks.register("wsr_company_panels")
def company_efforts_panel(request, company):
    """On a company page: the efforts that target it and the opportunities that source from
    it, as the viewer may see them."""
    from .models import Effort, Opportunity

    efforts = list(
        Effort.objects.visible_to(request.user).filter(targets__company=company).order_by("name")
    )
    opportunities = list(
        Opportunity.objects.visible_to(request.user)
        .filter(buyers=company)
        .select_related("sector")
        .order_by("title")
    )
    return (
        "related",
        "coordination/company_panel.html",
        {
            "efforts": efforts,
            "opportunities": opportunities,
        },
    )


@hooks.register("wsr_company_timeline")
def company_campaign_timeline(request, company):
    """On a company's timeline (issue 20): campaign milestones of the efforts that target it,
    within the viewer's audience."""
    from .company_timeline import campaign_entries

    return campaign_entries(request, company)


@hooks.register("wsr_digest_sections")
def coordination_digest_sections():
    from .digest import sections

    return sections()


@hooks.register("wsr_rights_end")
def end_rights_through_an_organization(*, user, organization=None, actor=None):
    """A person left an organization, or stopped being a member: what they had here through
    it ends (issue 15)."""
    from .services import member_rights_end

    member_rights_end(user=user, organization=organization, actor=actor)


@hooks.register("wsr_affiliation_losses")
def affiliation_losses(organization, affiliations):
    """What each person of the org admin's people page would lose here if removed."""
    from .selectors import affiliation_losses

    return affiliation_losses(organization, affiliations)


@hooks.register("register_log_actions")
def register_coordination_log_actions(actions):
    actions.register_action(
        "wsr.organization.groups_end",
        _("End working-group memberships"),
        _("Working-group memberships ended"),
    )


@hooks.register("wsr_personal_data")
def coordination_personal_data(user) -> dict:
    from .personal_data import personal_data

    return personal_data(user)


@hooks.register("wsr_account_deletion")
def coordination_account_deletion(user):
    from .personal_data import account_deletion

    return account_deletion(user)


@hooks.register("wsr_search_records")
def coordination_search_records(user, q):
    """Efforts, updates, discussions and opportunities in the site search (issue 20)."""
    from .search import search_records

    return search_records(user, q)


@hooks.register("wsr_search_reach")
def coordination_search_reach(user) -> list[str]:
    """What, beside the audience, decides the records above for `user` (issue 22)."""
    from .search import reach_of

    return reach_of(user)
