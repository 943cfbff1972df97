import copy
import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import login_required, members_only, object_view, public, token_view

from . import permissions, selectors, services
from .filters import DirectoryFilter
from .forms import (
    AccountDeletionForm,
    AffiliationRoleForm,
    InvitationForm,
    MembershipApplicationForm,
    OrganizationProfileForm,
    ProfileForm,
)
from .models import Affiliation, Invitation


def _form_errors_as_message(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _dashboard_panels(request) -> list[str]:
    """Sections that the apps add to the dashboard (hook `wsr_dashboard_panels`), rendered:
    the shared layer shows them without depending on any app."""
    from django.template.loader import render_to_string
    from wagtail import hooks

    panels = []
    for hook in hooks.get_hooks("wsr_dashboard_panels"):
        panel = hook(request)
        if panel is not None:
            template, context = panel
            panels.append(render_to_string(template, context, request=request))
    return panels


def _recent_pages(request) -> list[dict]:
    """The five pages published last in the reader's language that the reader's audience
    may see. The same for every reader of an audience: kept per audience, language and
    host, under the pages' generation (every publish, unpublish, move, delete and change of
    a view restriction replaces it; issue 22)."""
    from wagtail.models import Page

    from wsr.site.fragments import fragment
    from wsr.site.page_cache import PAGES
    from wsr.site.selectors import hidden_page_ids

    def build():
        pages = (
            Page.objects.live()
            .exclude(id__in=hidden_page_ids(request.user))
            .public()
            .filter(locale__language_code=request.LANGUAGE_CODE, depth__gt=2)
            .order_by("-last_published_at")[:5]
        )
        return [
            {
                "url": page.get_url(request=request),
                "title": page.title,
                "last_published_at": page.last_published_at,
            }
            for page in pages
        ]

    return fragment(
        "members:dashboard-recent-pages",
        build,
        request=request,
        generations=[PAGES],
        vary=[request.LANGUAGE_CODE, request.get_host()],
    )


@login_required
def dashboard(request):
    affiliations = selectors.user_affiliations(user=request.user)
    recent_pages = _recent_pages(request)
    return render(
        request,
        "members/dashboard.html",
        {
            "affiliations": affiliations,
            "invitations": selectors.user_pending_invitations(user=request.user),
            "recent_pages": recent_pages,
            "is_member": permissions.is_member(request.user),
            "panels": _dashboard_panels(request),
        },
    )


@members_only
def directory(request):
    directory_filter = DirectoryFilter(request.GET, queryset=selectors.directory_profiles())
    page = Paginator(directory_filter.qs, 24).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/directory.html",
        {
            "filter": directory_filter,
            "page_obj": page,
            "query_string": query.urlencode(),
        },
    )


@public
def organization_list(request):
    organizations = selectors.active_member_organizations()
    return render(request, "members/organization_list.html", {"organizations": organizations})


@object_view
def organization_detail(request, slug):
    organization = permissions.access_organization(request.user, slug)
    people = None
    if permissions.is_member(request.user):
        people = [
            a
            for a in selectors.organization_people(organization=organization)
            if a.user.profile.is_listed_in_directory
        ]
    return render(
        request,
        "members/organization_detail.html",
        {
            "organization": organization,
            "people": people,
            "can_administer": permissions.can_administer(request.user, organization),
        },
    )


@login_required
def organization_edit(request, slug):
    organization = permissions.access_organization_for_admin(request.user, slug)
    # The form writes on its own copy: the page keeps showing the saved name.
    form = OrganizationProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=copy.copy(organization),
        initial={
            "sectors": organization.sectors.all(),
            "countries": [c.code for c in organization.countries],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("sectors", "countries")}
        if data.get("logo") is None:
            data.pop("logo", None)
        elif data.get("logo") is False:
            data["logo"] = ""
        requested_name = data.get("name")  # the service takes it out when it is held
        try:
            services.organization_update(
                organization=organization,
                data=data,
                sectors=form.cleaned_data["sectors"],
                countries=form.cleaned_data["countries"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if organization.pending_name and organization.pending_name == requested_name:
                messages.warning(
                    request,
                    _(
                        "The profile was saved. The new name “%(name)s” is close to another "
                        "organization's, so it is waiting for staff; until they approve it, "
                        "the organization keeps its name."
                    )
                    % {"name": organization.pending_name},
                )
            else:
                messages.success(request, _("The organization's profile was saved."))
            return redirect(organization)
    return render(
        request,
        "members/organization_edit.html",
        {"organization": organization, "form": form},
    )


@login_required
def organization_people(request, slug):
    organization = permissions.access_organization_for_admin(request.user, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("members:organization-people", slug=organization.slug)
    people = list(selectors.organization_people(organization=organization))
    losses = selectors.affiliation_losses(organization=organization, affiliations=people)
    for affiliation in people:
        affiliation.losses = losses.get(affiliation.user_id, [])
    return render(
        request,
        "members/organization_people.html",
        {
            "organization": organization,
            "people": people,
            "invitations": organization.invitations.pending(),
            "form": form,
            "roles": Affiliation.Role.choices,
        },
    )


def _affiliation_for_admin(request, slug, pk) -> Affiliation:
    organization = permissions.access_organization_for_admin(request.user, slug)
    return get_object_or_404(Affiliation, pk=pk, organization=organization)


@login_required
@require_POST
def affiliation_remove(request, slug, pk):
    affiliation = _affiliation_for_admin(request, slug, pk)
    try:
        services.affiliation_remove(affiliation=affiliation, actor=request.user)
    except ValidationError as error:
        _form_errors_as_message(request, error)
    else:
        messages.success(
            request,
            _("%(person)s was removed from the organization.")
            % {"person": affiliation.user.display_name},
        )
    return redirect("members:organization-people", slug=slug)


@login_required
@require_POST
def affiliation_leave(request, slug):
    affiliation = get_object_or_404(
        Affiliation.objects.select_related("organization"),
        user=request.user,
        organization__slug=slug,
    )
    try:
        services.affiliation_remove(affiliation=affiliation, actor=request.user)
    except ValidationError as error:
        _form_errors_as_message(request, error)
    else:
        messages.success(
            request,
            _("You left %(organization)s.") % {"organization": affiliation.organization.name},
        )
    return redirect("members:dashboard")


@login_required
@require_POST
def affiliation_role(request, slug, pk):
    affiliation = _affiliation_for_admin(request, slug, pk)
    form = AffiliationRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            services.affiliation_set_role(affiliation=affiliation, role=form.cleaned_data["role"])
        except ValidationError as error:
            _form_errors_as_message(request, error)
        else:
            messages.success(request, _("The role was changed."))
    return redirect("members:organization-people", slug=slug)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organization = permissions.access_organization_for_admin(request.user, slug)
    invitation = get_object_or_404(organization.invitations.pending(), pk=pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("members:organization-people", slug=slug)


@token_view
def invitation_accept(request, token):
    invitation = Invitation.objects.select_related("organization").filter(token=token).first()
    if invitation is None:
        raise Http404
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            _form_errors_as_message(request, error)
        else:
            messages.success(
                request,
                _("You have joined %(organization)s.")
                % {"organization": invitation.organization.name},
            )
            return redirect("members:dashboard")
    return render(request, "members/invitation_accept.html", {"invitation": invitation})


@login_required
def membership_apply(request):
    form = MembershipApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in ("name", "kind", "website", "description", "is_worker_led")
        }
        if form.cleaned_data.get("logo"):
            data["logo"] = form.cleaned_data["logo"]
        services.organization_apply(
            user=request.user,
            organization_data=data,
            statement_of_support=form.cleaned_data["statement_of_support"],
            sectors=form.cleaned_data["sectors"],
            countries=form.cleaned_data["countries"],
        )
        messages.success(
            request,
            _(
                "Thank you. Your application was received; our staff will "
                "review it and write to you."
            ),
        )
        return redirect("members:dashboard")
    return render(request, "members/membership_apply.html", {"form": form})


@login_required
def profile_edit(request):
    profile = services.profile_ensure(user=request.user)
    form = ProfileForm(
        request.POST or None,
        instance=profile,
        initial={
            "first_name": request.user.first_name,
            "last_name": request.user.last_name,
            "languages_spoken": profile.languages_spoken.all(),
            "interest_sectors": profile.interest_sectors.all(),
            "interest_countries": [country.code for country in profile.interest_countries],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        user_data = {"first_name": data.pop("first_name"), "last_name": data.pop("last_name")}
        languages = data.pop("languages_spoken")
        expertise = data.pop("expertise")
        interest_sectors = data.pop("interest_sectors")
        services.profile_update(
            profile=profile,
            user_data=user_data,
            profile_data=data,
            languages_spoken=languages,
            expertise=expertise,
            interest_sectors=interest_sectors,
        )
        messages.success(request, _("Your profile was saved."))
        return redirect("members:profile")
    return render(request, "members/profile_edit.html", {"form": form})


@login_required
def data_export(request):
    payload = json.dumps(selectors.user_export(user=request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wsr-my-data.json"'
    return response


@login_required
def data_summary(request):
    return render(
        request, "members/data_summary.html", {"data": selectors.user_export(user=request.user)}
    )


@login_required
def account_delete(request):
    form = AccountDeletionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_delete(user=request.user)
        except ValidationError as error:
            _form_errors_as_message(request, error)
        else:
            logout(request)
            messages.success(request, _("Your account was deleted."))
            return redirect("/")
    return render(
        request,
        "members/account_delete.html",
        {
            "form": form,
            "blocking": services.user_blocking_deletion(user=request.user),
            "parts": selectors.account_deletion_parts(user=request.user),
        },
    )


# Second factors of accounts with admin powers (wsr/members/factors.py) -------------------


@login_required
def factor_pending(request):
    """The authenticator just set up waits for the link we emailed; ask for it again."""
    from . import factors

    confirmation = factors.pending_confirmation_of(request.user)
    if confirmation is None:
        next_url = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
        return redirect(next_url if next_url and safe else "members:dashboard")
    if request.method == "POST":
        if factors.factor_confirmation_resend(confirmation=confirmation):
            messages.success(request, _("We sent the link again."))
        else:
            messages.error(
                request, _("We sent it a moment ago: check your inbox, or wait a minute.")
            )
        return redirect("members:factor-pending")
    return render(request, "members/factor_pending.html", {"email": request.user.email})


@token_view
def factor_confirm(request, token):
    """Open the emailed link, then confirm with a button (mail scanners only follow links)."""
    from . import factors

    confirmation = factors.factor_confirmation_for_token(token)
    if confirmation is None:
        return render(request, "members/factor_confirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        factors.factor_confirm(confirmation=confirmation)
        messages.success(
            request, _("Your authenticator app is confirmed: it now guards your account.")
        )
        return redirect("members:dashboard")
    return render(
        request,
        "members/factor_confirm.html",
        {"confirmation": confirmation, "done": confirmation.confirmed_at is not None},
    )
