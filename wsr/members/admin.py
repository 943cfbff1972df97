from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import (
    Affiliation,
    Invitation,
    Language,
    Membership,
    Organization,
    Profile,
    Sector,
    User,
)


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["user"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "first_name", "last_name", "profile__display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [ProfileInline, AffiliationInline]


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    # Status changes go through the actions (services): emails, dates and history follow.
    readonly_fields = ["status", "applied_by", "decided_by", "decided_at"]


class PendingNameFilter(admin.SimpleListFilter):
    title = _("requested name")
    parameter_name = "name_waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("Waiting for staff"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(pending_name="")
        return queryset


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "pending_name", "kind", "is_worker_led", "membership_status"]
    list_filter = [PendingNameFilter, "kind", "is_worker_led", "membership__status", "sectors"]
    search_fields = ["name", "description", "pending_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors"]
    # A requested name changes only through the actions (approve, refuse): history follows.
    readonly_fields = ["pending_name", "pending_name_requested_by", "pending_name_requested_at"]
    inlines = [MembershipInline, AffiliationInline]
    actions = ["approve_name", "refuse_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membership")

    def _decide_names(self, request, queryset, service, done_message):
        done = 0
        for organization in queryset:
            try:
                service(organization=organization, decided_by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{organization}: {error.messages[0]}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Approve the requested names"))
    def approve_name(self, request, queryset):
        self._decide_names(
            request,
            queryset,
            services.organization_name_approve,
            lambda n: (
                ngettext("%(count)d name approved.", "%(count)d names approved.", n) % {"count": n}
            ),
        )

    @admin.action(description=_("Refuse the requested names (the organizations keep theirs)"))
    def refuse_name(self, request, queryset):
        self._decide_names(
            request,
            queryset,
            services.organization_name_refuse,
            lambda n: (
                ngettext("%(count)d name refused.", "%(count)d names refused.", n) % {"count": n}
            ),
        )

    @admin.display(description=_("membership"))
    def membership_status(self, obj):
        membership = getattr(obj, "membership", None)
        return membership.get_status_display() if membership else "—"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organization", "status", "tier", "applied_on", "started_on", "applied_by"]
    list_filter = ["status", "tier"]
    search_fields = ["organization__name", "applied_by__email"]
    # Status changes go through the actions (services): emails, dates and history follow.
    readonly_fields = ["status", "applied_by", "decided_by", "decided_at"]
    list_select_related = ["organization", "applied_by"]
    actions = ["approve", "decline", "lapse"]

    def _decide(self, request, queryset, service, done_message):
        done = 0
        for membership in queryset.select_related("organization", "applied_by"):
            try:
                service(membership=membership, decided_by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{membership.organization}: {error.messages[0]}", messages.WARNING
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Approve the selected applications (emails the applicants)"))
    def approve(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.membership_approve,
            lambda n: (
                ngettext("%(count)d application approved.", "%(count)d applications approved.", n)
                % {"count": n}
            ),
        )

    @admin.action(
        description=_(
            "Decline the selected applications (emails the applicants with the note as reason)"
        )
    )
    def decline(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.membership_decline,
            lambda n: (
                ngettext("%(count)d application declined.", "%(count)d applications declined.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Mark the selected memberships as lapsed"))
    def lapse(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.membership_lapse,
            lambda n: (
                ngettext(
                    "%(count)d membership marked lapsed.", "%(count)d memberships marked lapsed.", n
                )
                % {"count": n}
            ),
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "created_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organization__name"]
    readonly_fields = ["token", "accepted_by", "accepted_at"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "slug", "sort_order"]
    list_editable = ["sort_order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "code"]
    search_fields = ["name", "code"]
