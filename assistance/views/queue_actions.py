"""The staff queue's own actions (issue 19): saved views per person, and bulk actions.

Every view here is staff-only (staff with a second factor), POST-only where it changes
something, and asks its predicate in permissions/cases.py. Someone else's saved view is a
404, whatever its number."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wsr.site.access import staff_required

from .. import permissions
from ..forms.queue import BulkActionForm, RenameViewForm, SavedViewForm
from ..selectors.saved_views import saved_view_for, saved_views_for
from ..services.queue import (
    cases_lead_assign,
    cases_transition,
    saved_view_delete,
    saved_view_rename,
    saved_view_save,
)


def _queue_url(query: str = "") -> str:
    url = reverse("assistance:queue")
    return f"{url}?{query}" if query else url


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Only the Collaborative's staff can do this."))


@staff_required
def saved_views(request):
    """The person's saved views, to open, rename or delete."""
    _require(permissions.can_save_queue_views(request.user))
    views = [
        {"view": view, "form": RenameViewForm(initial={"name": view.name}, prefix=f"v{view.pk}")}
        for view in saved_views_for(request.user)
    ]
    return render(request, "assistance/queue_views.html", {"views": views})


@staff_required
@require_POST
def saved_view_create(request):
    _require(permissions.can_save_queue_views(request.user))
    form = SavedViewForm(request.POST)
    if form.is_valid():
        view = saved_view_save(
            user=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
        )
        messages.success(request, _("The view “%(name)s” was saved.") % {"name": view.name})
        return redirect(_queue_url(view.query))
    errors = " ".join(" ".join(e) for e in form.errors.values())
    messages.error(request, _("The view was not saved: %(errors)s") % {"errors": errors})
    query = form.cleaned_data.get("query", "") if hasattr(form, "cleaned_data") else ""
    return redirect(_queue_url(query))


@staff_required
@require_POST
def saved_view_rename_view(request, pk):
    _require(permissions.can_save_queue_views(request.user))
    view = saved_view_for(request.user, pk)
    form = RenameViewForm(request.POST, prefix=f"v{view.pk}")
    if form.is_valid():
        try:
            saved_view_rename(view=view, name=form.cleaned_data["name"])
            messages.success(request, _("The view was renamed."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Give the view a name of up to 80 characters."))
    return redirect("assistance:queue-views")


@staff_required
@require_POST
def saved_view_delete_view(request, pk):
    _require(permissions.can_save_queue_views(request.user))
    view = saved_view_for(request.user, pk)
    saved_view_delete(view=view)
    messages.success(request, _("The view “%(name)s” was deleted.") % {"name": view.name})
    return redirect("assistance:queue-views")


@staff_required
@require_POST
def cases_bulk(request):
    """Assign a lead to, or change the status of, the checked cases; back to the same queue."""
    _require(permissions.can_change_cases_in_bulk(request.user))
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for e in form.non_field_errors()] + [
            f"{form.fields[name].label}: {' '.join(errs)}"
            for name, errs in form.errors.items()
            if name != "__all__"
        ]
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": " ".join(errors)})
        return redirect(_queue_url(form.cleaned_data.get("query", "")))
    data = form.cleaned_data
    if data["action"] == BulkActionForm.ASSIGN:
        outcome = cases_lead_assign(
            actor=request.user, references=data["references"], lead=data["lead"]
        )
    else:
        outcome = cases_transition(
            actor=request.user,
            references=data["references"],
            to_status=data["to_status"],
            reason=data["reason"],
        )
    if outcome.done:
        messages.success(
            request,
            ngettext(
                "%(n)s case was changed: %(references)s.",
                "%(n)s cases were changed: %(references)s.",
                len(outcome.done),
            )
            % {"n": len(outcome.done), "references": ", ".join(outcome.done)},
        )
    if outcome.refused:
        messages.warning(
            request,
            ngettext(
                "%(n)s case was left as it was: %(cases)s.",
                "%(n)s cases were left as they were: %(cases)s.",
                len(outcome.refused),
            )
            % {
                "n": len(outcome.refused),
                "cases": "; ".join(f"{ref} ({why})" for ref, why in outcome.refused),
            },
        )
    return redirect(_queue_url(data["query"]))
