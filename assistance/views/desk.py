"""Views of the case page's desk (issue 19): canned responses, corrections of a timeline
entry, links and merges. Thin: parse, ask the permission, call a service, render. Outside
a case's audience every URL answers 404 (through `selectors.case_for`)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import object_view

from .. import permissions, selectors
from ..forms import PostForm
from ..forms.desk import CaseLinkForm, CaseMergeForm, EntryEditForm, EntryRedactForm
from ..models import CannedResponse, Case
from ..permissions.cases import PEOPLES_KINDS
from ..selectors import desk as desk_selectors
from ..services import merge as merge_services
from ..services import timeline as timeline_services
from ..templatetags.assistance_text import language_in_text


def _require(allowed: bool, reason: str) -> None:
    if not allowed:
        raise PermissionDenied(reason)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def desk_context(request, case: Case, *, whole: bool) -> dict:
    """What the case page's desk adds: canned responses for the working side; links, and
    the link and merge forms, for staff (two queries at most)."""
    user = request.user
    minutes = getattr(settings, "ASSISTANCE_ENTRY_EDIT_MINUTES", 30)
    context = {
        "correctable_kinds": PEOPLES_KINDS,
        # Before this, an author's own entry is no longer theirs to edit.
        "edit_cutoff": timezone.now() - timedelta(minutes=minutes),
    }
    if whole and permissions.can_use_canned_responses(user, case):
        context["canned_responses"] = desk_selectors.canned_responses_for(case)
    if permissions.can_link_cases(user, case):
        context["case_links"] = desk_selectors.links_for(case)
        context["link_form"] = CaseLinkForm(prefix="link")
        if permissions.can_merge_cases(user, case) and case.status != "closed":
            context["merge_form"] = CaseMergeForm(prefix="merge")
    return context


# Canned responses -------------------------------------------------------------------------


@require_POST
@object_view
def case_canned(request, reference):
    """Without JavaScript: the "Insert" button of the reply box posts what was typed here;
    the case page comes back with the canned response added to it (a file chosen must be
    chosen again: browsers never refill a file field)."""
    case = selectors.case_for(request.user, reference)
    _require(
        permissions.can_use_canned_responses(request.user, case),
        _("Only the people working on the case use canned responses."),
    )
    typed = request.POST.get("body", "")
    response = CannedResponse.objects.filter(
        is_active=True, pk=request.POST.get("canned") or None
    ).first()
    if response is None:
        messages.error(request, _("Choose a canned response."))
        body = typed
    else:
        text, fell_back = timeline_services.canned_text(response=response, case=case)
        body = timeline_services.canned_insert(typed=typed, text=text)
        if fell_back:
            messages.warning(
                request,
                _(
                    "This canned response has no text in %(language)s: the English text was "
                    "inserted."
                )
                % {"language": language_in_text(case.get_preferred_language_display())},
            )
    form = PostForm(data={"body": body, "is_shared": request.POST.get("is_shared", "")})
    from .cases import _case_page

    return _case_page(request, case, bound_post_form=form)


# Corrections of a timeline entry ----------------------------------------------------------


@object_view
def timeline_entry(request, reference, pk):
    """An entry's page: its earlier texts (working side) and the corrections the viewer may
    make (edit, redact, make internal)."""
    case = selectors.case_for(request.user, reference)
    user = request.user
    whole = permissions.can_see_whole_case(user, case)
    if not permissions.can_view_case(user, case):
        raise Http404
    entry = desk_selectors.timeline_entry_for(case, pk, whole=whole)
    if entry is None:
        raise Http404
    can_edit = permissions.can_edit_timeline_entry(user, entry)
    can_redact = permissions.can_redact_timeline_entry(user, entry)
    can_unshare = permissions.can_unshare_timeline_entry(user, entry)
    can_history = permissions.can_view_timeline_entry_history(user, entry)
    _require(
        can_edit or can_redact or can_unshare or can_history,
        _("You cannot correct this entry."),
    )
    edit_form = EntryEditForm(prefix="edit", initial={"body": entry.body}) if can_edit else None
    redact_form = EntryRedactForm(prefix="redact") if can_redact else None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "edit":
                _require(can_edit, _("You cannot edit this entry."))
                edit_form = EntryEditForm(request.POST, prefix="edit")
                if edit_form.is_valid():
                    timeline_services.timeline_entry_edit(
                        entry=entry, actor=user, **edit_form.cleaned_data
                    )
                    messages.success(
                        request, _("The entry was corrected; its earlier text is kept.")
                    )
                    return redirect(case.get_absolute_url() + "#timeline")
            elif action == "redact":
                _require(can_redact, _("Only staff redact an entry."))
                redact_form = EntryRedactForm(request.POST, prefix="redact")
                if redact_form.is_valid():
                    timeline_services.timeline_entry_redact(
                        entry=entry, actor=user, reason=redact_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The entry was redacted."))
                    return redirect(case.get_absolute_url() + "#timeline")
            elif action == "unshare":
                _require(can_unshare, _("Only staff make a shared entry internal."))
                timeline_services.timeline_entry_unshare(entry=entry, actor=user)
                messages.success(
                    request,
                    _("The entry is internal now; the requester's side was told it was withdrawn."),
                )
                return redirect(case.get_absolute_url() + "#timeline")
            else:
                messages.error(request, _("Choose a correction."))
        except ValidationError as error:
            messages.error(request, _error_text(error))
    return render(
        request,
        "assistance/timeline_entry.html",
        {
            "case": case,
            "entry": entry,
            "whole": whole,
            "revisions": desk_selectors.revisions_of(entry) if can_history else None,
            "edit_form": edit_form,
            "redact_form": redact_form,
            "can_unshare": can_unshare,
        },
    )


# Links and merges ---------------------------------------------------------------------------


def _other_case(request, reference: str) -> Case | None:
    """The other case of a link or merge, among those the person may see."""
    return Case.objects.visible_to(request.user).filter(reference=reference).first()


@require_POST
@object_view
def case_link(request, reference):
    case = selectors.case_for(request.user, reference)
    _require(permissions.can_link_cases(request.user, case), _("Only staff link cases."))
    form = CaseLinkForm(request.POST, prefix="link")
    if form.is_valid():
        other = _other_case(request, form.cleaned_data["reference"])
        if other is None:
            messages.error(request, _("No case has this reference."))
        else:
            try:
                merge_services.case_link(
                    from_case=case,
                    to_case=other,
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                )
                messages.success(request, _("The cases are linked."))
            except ValidationError as error:
                messages.error(request, _error_text(error))
    else:
        messages.error(request, _("Give the other case's reference and how they are linked."))
    return redirect(case.get_absolute_url() + "#links")


@require_POST
@object_view
def case_merge(request, reference):
    case = selectors.case_for(request.user, reference)
    _require(permissions.can_merge_cases(request.user, case), _("Only staff merge cases."))
    form = CaseMergeForm(request.POST, prefix="merge")
    if not form.is_valid():
        messages.error(request, _("Give the reference of the case to merge this one into."))
        return redirect(case.get_absolute_url() + "#links")
    primary = _other_case(request, form.cleaned_data["primary"])
    if primary is None:
        messages.error(request, _("No case has this reference."))
        return redirect(case.get_absolute_url() + "#links")
    try:
        merge_services.case_merge(duplicate=case, primary=primary, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(case.get_absolute_url() + "#links")
    messages.success(
        request,
        _("%(duplicate)s was merged into this case.") % {"duplicate": case.reference},
    )
    return redirect(primary.get_absolute_url() + "#timeline")
