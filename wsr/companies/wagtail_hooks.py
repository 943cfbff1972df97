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


class CompaniesGroup(ViewSetGroup):
    menu_label = _("Companies")
    menu_icon = "site"
    menu_order = 260
    items = (
        CompanyViewSet("wsr_companies"),
        VoluntarySchemeViewSet("wsr_schemes"),
        CompanyClaimViewSet("wsr_claims"),
    )


@hooks.register("register_admin_viewset")
def register_company_viewsets():
    return CompaniesGroup()
