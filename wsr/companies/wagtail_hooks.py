"""Staff edit the shared company registry in Wagtail (/cms/)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Company, CompanyClaim, VoluntaryScheme


class CompanyViewSet(ModelViewSet):
    model = Company
    icon = "site"
    menu_label = _("Companies")
    list_display = ["name", "headquarters_country", "updated_at"]
    list_filter = ["sectors", "is_demo"]
    search_fields = ["name", "aliases", "brands"]
    form_fields = [
        "name",
        "slug",
        "aliases",
        "headquarters_country",
        "sectors",
        "brands",
        "website",
        "is_demo",
    ]
    inspect_view_enabled = True


class VoluntarySchemeViewSet(ModelViewSet):
    model = VoluntaryScheme
    icon = "list-ul"
    menu_label = _("Voluntary schemes")
    list_display = ["name", "kind"]
    form_fields = ["name", "kind", "description", "website"]


class CompanyClaimViewSet(ModelViewSet):
    model = CompanyClaim
    icon = "openquote"
    menu_label = _("Company claims")
    list_display = ["company", "scheme", "source_is_public", "checked_on"]
    list_filter = ["source_is_public", "scheme"]
    form_fields = [
        "company",
        "scheme",
        "statement",
        "source_title",
        "source_url",
        "source_is_public",
        "checked_on",
    ]


class CompanyEventViewSet(ModelViewSet):
    """Dated items on a company's timeline (issue 20): news, allegations with sources."""

    from .models import CompanyEvent as model

    icon = "date"
    menu_label = _("Company timeline events")
    list_display = ["title", "company", "date", "kind", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title", "summary", "source_title"]
    form_fields = [
        "company",
        "date",
        "kind",
        "title",
        "summary",
        "source_title",
        "source_url",
        "is_public",
    ]


class CompaniesGroup(ViewSetGroup):
    menu_label = _("Companies")
    menu_icon = "site"
    menu_order = 260
    items = (
        CompanyViewSet("wsr_companies"),
        VoluntarySchemeViewSet("wsr_schemes"),
        CompanyClaimViewSet("wsr_claims"),
        CompanyEventViewSet("wsr_company_events"),
    )


@hooks.register("register_admin_viewset")
def register_company_viewsets():
    return CompaniesGroup()


@hooks.register("wsr_company_timeline")
def company_event_timeline(request, company):
    """Staff-entered dated items on the company's timeline (issue 20)."""
    from .timeline import event_entries

    return event_entries(request, company)


# Requests for response (issue 20): wsr/companies/response_hooks.py --------------------------


@hooks.register("wsr_company_panels")
def company_responses_panel(request, company):
    from .response_hooks import responses_panel

    return responses_panel(request, company)


@hooks.register("wsr_company_timeline")
def company_responses_timeline(request, company):
    from .response_hooks import response_timeline

    return response_timeline(request, company)


@hooks.register("register_admin_viewset")
def register_response_request_viewset():
    from .response_hooks import ResponseRequestViewSet

    return ResponseRequestViewSet("wsr_response_requests")


@hooks.register("wsr_personal_data")
def companies_personal_data(user) -> dict:
    from .response_hooks import personal_data

    return personal_data(user)


@hooks.register("wsr_account_deletion")
def companies_account_deletion(user):
    from .response_hooks import account_deletion

    return account_deletion(user)


@hooks.register("wsr_search_records")
def companies_search_records(user, q):
    """Companies in the site search (issue 20): the registry is public."""
    from .search import search_records

    return search_records(user, q)
