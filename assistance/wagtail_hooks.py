"""Staff tools in Wagtail (/cms/): the dashboard panel of the desk, the initiative registry
and the versions of the assessment framework (a published version is read-only)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.models import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ComplaintCategory, EnforcementReport, FrameworkVersion, Initiative
from .services import REPORT_FIELDS


@hooks.register("wsr_dashboard_panels")
def assistance_panel(request):
    """The portal shows a person's cases (and, to staff, the queue's state)."""
    from .models import Case
    from .permissions import can_view_case_queue
    from .selectors import assessment_list_for, open_tasks_for

    # Only the columns the panel shows: building and reading whole rows (and their joined
    # rows) was most of the panel's time (issue 22).
    cases = list(
        Case.objects.visible_to(request.user)
        .select_related("organization")
        .only("reference", "organization_name", "organization__name", "status")
        .order_by("-updated_at")[:5]
    )
    tasks = open_tasks_for(request.user).only("title", "due_on", "case__reference")[:5]
    assessments = (
        assessment_list_for(request.user)
        .select_related(None)
        .select_related("initiative")
        .only("stage", "reply_due", "initiative__name")[:5]
    )
    return "assistance/dashboard_cases.html", {
        "cases": cases,
        "tasks": list(tasks),
        "assessments": list(assessments),
        "waiting": _waiting_count(request) if can_view_case_queue(request.user) else None,
    }


def _waiting_count(request) -> int:
    """Open cases without a first response (the same for every staff person): kept under
    the queue's generation, which every write to a case replaces."""
    from wsr.site.fragments import fragment

    from .desk_cache import QUEUE
    from .models import Case

    return fragment(
        "assistance:waiting-count",
        Case.objects.open().filter(first_response_at__isnull=True).count,
        request=request,
        generations=[QUEUE],
        per_audience=False,
    )


class InitiativeViewSet(ModelViewSet):
    model = Initiative
    icon = "globe"
    menu_label = _("Initiatives")
    list_display = ["name", "determination", "is_listed", "updated_at"]
    list_filter = ["determination", "is_listed", "calls_itself_wsr", "is_demo"]
    search_fields = ["name", "description"]
    form_fields = [
        "name",
        "slug",
        "lead_organizations",
        "participating_organizations",
        "sectors",
        "countries",
        "start_year",
        "buyers_count",
        "workers_covered",
        "has_binding_agreements",
        "calls_itself_wsr",
        "website",
        "description",
        "description_es",
        "is_listed",
        "is_demo",
    ]
    inspect_view_enabled = True


class EnforcementReportViewSet(ModelViewSet):
    """Corrections by staff; new figures come from the initiatives and are verified in the
    desk's queue."""

    model = EnforcementReport
    icon = "table"
    menu_label = _("Enforcement figures")
    list_display = ["initiative", "period_start", "period_end", "status"]
    list_filter = ["status", "initiative", "is_demo"]
    form_fields = [*REPORT_FIELDS, "is_demo"]
    inspect_view_enabled = True


class ComplaintCategoryViewSet(ModelViewSet):
    """The managed list of complaint categories and outcomes of enforcement figures (issue
    19); their codes name columns of the figures' files."""

    model = ComplaintCategory
    icon = "tag"
    menu_label = _("Complaint categories")
    list_display = ["code", "name_en", "name_es", "kind", "sort_order", "is_active"]
    list_filter = ["kind", "is_active"]
    form_fields = ["kind", "code", "name_en", "name_es", "sort_order", "is_active"]


class _PublishedIsReadOnly:
    def dispatch(self, request, *args, **kwargs):
        if self.get_object().is_published:
            messages.error(request, _("A published framework version never changes: copy it."))
            return redirect("assistance_frameworks:inspect", self.get_object().pk)
        return super().dispatch(request, *args, **kwargs)


class FrameworkEditView(_PublishedIsReadOnly, EditView):
    pass


class FrameworkDeleteView(_PublishedIsReadOnly, DeleteView):
    pass


class FrameworkIndexView(IndexView):
    def get_edit_url(self, instance):
        return None if instance.is_published else super().get_edit_url(instance)

    def get_delete_url(self, instance):
        return None if instance.is_published else super().get_delete_url(instance)

    def get_copy_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_published:
            buttons.append(
                MenuItem(
                    _("New draft version from this one"),
                    reverse("assistance:framework-copy", args=[instance.pk]),
                    icon_name="copy",
                    priority=15,
                )
            )
        else:
            buttons.append(
                MenuItem(
                    _("Publish"),
                    reverse("assistance:framework-publish", args=[instance.pk]),
                    icon_name="upload",
                    priority=15,
                )
            )
        return buttons


class FrameworkVersionViewSet(ModelViewSet):
    model = FrameworkVersion
    icon = "list-ol"
    menu_label = _("Assessment framework")
    list_display = ["__str__", "published_at", "created_at"]
    index_view_class = FrameworkIndexView
    edit_view_class = FrameworkEditView
    delete_view_class = FrameworkDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False


class RegistryGroup(ViewSetGroup):
    menu_label = _("Initiative registry")
    menu_icon = "globe"
    menu_order = 255
    items = (
        InitiativeViewSet("assistance_initiatives"),
        FrameworkVersionViewSet("assistance_frameworks"),
        EnforcementReportViewSet("assistance_reports"),
        ComplaintCategoryViewSet("assistance_complaint_categories"),
    )


@hooks.register("register_admin_viewset")
def register_registry_viewsets():
    return RegistryGroup()


@hooks.register("wsr_company_panels")
def company_binding_panel(request, company):
    """On a company page: the worker-driven programs it has signed (where its name is public),
    with each program's latest verified enforcement figures."""
    # The memberships and reports of selectors.binding_agreements_of, read once per request
    # and shared with the figures over the years and the timeline (issue 20).
    from .company_timeline import agreements_with_reports

    agreements = agreements_with_reports(request, company)
    return "binding", "assistance/company_binding.html", {"agreements": agreements}


@hooks.register("wsr_company_panels")
def company_figures_panel(request, company):
    """On a company page (issue 20): the verified figures of each agreement it signed over
    the years, charted, with their table."""
    from .company_timeline import figures_over_the_years

    context = figures_over_the_years(request, company)
    return "figures", "assistance/company_figures_years.html", context


@hooks.register("wsr_company_timeline")
def company_agreements_timeline(request, company):
    """On a company's timeline (issue 20): agreements signed and verified figures published."""
    from .company_timeline import agreement_entries

    return agreement_entries(request, company)


@hooks.register("wsr_personal_data")
def assistance_personal_data(user) -> dict:
    from .personal_data import personal_data

    return personal_data(user)


@hooks.register("wsr_account_deletion")
def assistance_account_deletion(user):
    from .personal_data import account_deletion

    return account_deletion(user)


@hooks.register("wsr_affiliation_losses")
def cases_lost_with_the_organization(organization, affiliations):
    """On the org admin's people page: the organization's cases a person filed, which they
    stop following when they leave it (Case.objects.visible_to), in one query."""
    from .models import Case

    ids = [affiliation.user_id for affiliation in affiliations]
    cases: dict[int, list[str]] = {}
    for requester_id, reference in (
        Case.objects.filter(organization=organization, requester_id__in=ids)
        .order_by("reference")
        .values_list("requester_id", "reference")
    ):
        cases.setdefault(requester_id, []).append(reference)
    return {
        user_id: [{"label": _("Cases they filed for it"), "items": references, "note": ""}]
        for user_id, references in cases.items()
    }


@hooks.register("wsr_personal_data")
def assistance_access_log_data(user) -> dict:
    """The person's reads of confidential records (the access log, issue 16)."""
    from .services.privacy import access_records_export

    return access_records_export(user)


# Canned responses of the case desk (issue 19), edited by staff as snippets -----------------


def _register_canned_responses():
    from wagtail.snippets.models import register_snippet
    from wagtail.snippets.views.snippets import SnippetViewSet

    from .models import CannedResponse

    class CannedResponseViewSet(SnippetViewSet):
        model = CannedResponse
        icon = "openquote"
        menu_label = _("Canned responses")
        list_display = ["title", "kind", "is_active", "updated_at"]
        list_filter = ["kind", "is_active"]
        search_fields = ["title", "body", "body_es"]
        form_fields = ["title", "kind", "body", "body_es", "is_active"]
        add_to_admin_menu = True
        menu_order = 256

    register_snippet(CannedResponseViewSet)


_register_canned_responses()


# Service levels and the holiday calendar of the case desk (issue 19) ------------------------

from .models.service_levels import Holiday, ServiceLevel  # noqa: E402


class ServiceLevelViewSet(ModelViewSet):
    """One row per urgency: the response targets (model permissions apply)."""

    model = ServiceLevel

    icon = "time"
    menu_label = _("Response targets")
    list_display = [
        "urgency",
        "first_response",
        "first_response_unit",
        "next_response",
        "next_response_unit",
        "warn_percent",
    ]
    form_fields = [
        "urgency",
        "first_response",
        "first_response_unit",
        "next_response",
        "next_response_unit",
        "warn_percent",
    ]


class HolidayViewSet(ModelViewSet):
    """Days that are not working days for working-day targets (model permissions apply)."""

    model = Holiday

    icon = "date"
    menu_label = _("Holidays")
    list_display = ["date", "name", "name_es"]
    search_fields = ["name", "name_es"]
    form_fields = ["date", "name", "name_es"]


class ServiceLevelGroup(ViewSetGroup):
    menu_label = _("Service levels")
    menu_icon = "time"
    menu_order = 257
    items = (
        ServiceLevelViewSet("assistance_service_levels"),
        HolidayViewSet("assistance_holidays"),
    )


@hooks.register("register_admin_viewset")
def register_service_level_viewsets():
    return ServiceLevelGroup()
