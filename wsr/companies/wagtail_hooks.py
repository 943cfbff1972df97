"""Staff edit the shared company registry in Wagtail (/cms/)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Company


class CompanyViewSet(ModelViewSet):
    model = Company
    icon = "site"
    menu_label = _("Companies")
    menu_order = 260
    add_to_admin_menu = True
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


@hooks.register("register_admin_viewset")
def register_company_viewset():
    return CompanyViewSet("companies")
