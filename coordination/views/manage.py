"""Managing one's own work (issue 20): the people running an effort edit it, change its
status, close and reopen it, remove targets, name partners and hand it over; authors edit
and delete their updates and messages. Outside the audience: 404; inside it without the
right: 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import (
    EffortEditForm,
    EffortStatusForm,
    OwnerForm,
    PartnerForm,
    PostEditForm,
    UpdateEditForm,
)
from ..models import Effort, Post, Thread, Update
from ..permissions import (
    can_delete_post,
    can_delete_update,
    can_edit_effort,
    can_edit_post,
    can_edit_update,
    can_hand_over_effort,
)
from ._common import error_text, login_required


def manage_context(request, effort, *, can_edit: bool, bound: dict | None = None) -> dict:
    """What the effort page adds for managing it: targets with their overlaps, and the
    small forms of the people running it (`bound`: a form sent back with its errors)."""
    bound = bound or {}
    context = {
        "targets": selectors.effort_targets_with_overlaps(
            request.user, effort, with_hidden=can_edit
        ),
        "status_form": None,
        "partner_form": None,
        "owner_form": None,
    }
    if can_edit:
        owner_form = None
        if can_hand_over_effort(request.user, effort):
            owner_form = bound.get("owner") or OwnerForm(effort=effort, prefix="owner")
            # the candidates, read once: the select shows them, and none gives a sentence
            field = owner_form.fields["owner"]
            field.choices = [choice for choice in field.choices]  # noqa: C416 (no COUNT query)
        context.update(
            status_form=bound.get("status")
            or EffortStatusForm(initial={"status": effort.status}, prefix="status"),
            partner_form=bound.get("partner") or PartnerForm(effort=effort, prefix="partner"),
            owner_form=owner_form,
            has_owner_candidates=owner_form is not None
            and len(owner_form.fields["owner"].choices) > 1,  # more than the empty choice
        )
    return context


def _editable_effort(request, slug) -> Effort:
    effort = selectors.effort_for(request.user, slug)
    if not can_edit_effort(request.user, effort):
        raise PermissionDenied(_("Only the effort's owner and lead organizations change it."))
    return effort


def _bad(request, effort, name, form):
    from .efforts import _effort_page

    return _effort_page(request, effort, manage={name: form}, status=400)


@login_required
def effort_edit(request, slug):
    effort = _editable_effort(request, slug)
    form = EffortEditForm(
        request.POST or None,
        user=request.user,
        effort=effort,
        initial=EffortEditForm.initial_for(effort),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sectors = data.pop("sectors")
        try:
            services.effort_edit(effort=effort, actor=request.user, data=data, sectors=sectors)
            messages.success(request, _("The effort is saved."))
            return redirect(effort)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error_text(error))
    return render(
        request,
        "coordination/effort_form.html",
        {"form": form, "effort": effort, "editing": True},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def effort_status(request, slug):
    effort = _editable_effort(request, slug)
    form = EffortStatusForm(request.POST, prefix="status")
    if not form.is_valid():
        return _bad(request, effort, "status", form)
    services.effort_status_set(
        effort=effort, actor=request.user, status=form.cleaned_data["status"]
    )
    messages.success(
        request,
        _("The effort's status is now “%(status)s”.") % {"status": effort.get_status_display()},
    )
    return redirect(effort)


@require_POST
@login_required
def effort_target_remove(request, slug, company_id):
    effort = _editable_effort(request, slug)
    target = get_object_or_404(effort.targets.select_related("company"), company_id=company_id)
    services.effort_target_remove(effort=effort, actor=request.user, company=target.company)
    messages.success(
        request, _("%(company)s is no longer a target.") % {"company": target.company.name}
    )
    return redirect(effort)


@require_POST
@login_required
def effort_partner_add(request, slug):
    effort = _editable_effort(request, slug)
    form = PartnerForm(request.POST, effort=effort, prefix="partner")
    if not form.is_valid():
        return _bad(request, effort, "partner", form)
    organization = form.cleaned_data["organization"]
    try:
        services.effort_partner_add(effort=effort, actor=request.user, organization=organization)
    except ValidationError as error:
        form.add_error("organization", error_text(error))
        return _bad(request, effort, "partner", form)
    messages.success(request, _("%(name)s is a partner.") % {"name": organization.name})
    return redirect(effort)


@require_POST
@login_required
def effort_partner_remove(request, slug, pk):
    effort = _editable_effort(request, slug)
    organization = get_object_or_404(effort.partners.all(), pk=pk)
    services.effort_partner_remove(effort=effort, actor=request.user, organization=organization)
    messages.success(request, _("%(name)s is no longer a partner.") % {"name": organization.name})
    return redirect(effort)


@require_POST
@login_required
def effort_owner(request, slug):
    effort = _editable_effort(request, slug)
    if not can_hand_over_effort(request.user, effort):
        raise PermissionDenied(_("Only the effort's owner and staff hand it over."))
    form = OwnerForm(request.POST, effort=effort, prefix="owner")
    if not form.is_valid():
        return _bad(request, effort, "owner", form)
    new_owner = form.cleaned_data["owner"]
    try:
        services.effort_owner_change(effort=effort, actor=request.user, new_owner=new_owner)
    except ValidationError as error:
        form.add_error("owner", error_text(error))
        return _bad(request, effort, "owner", form)
    messages.success(
        request,
        _("%(person)s now runs the effort and was told.") % {"person": new_owner.display_name},
    )
    return redirect(effort)


# Updates -----------------------------------------------------------------------------------


def _visible_update(request, pk) -> Update:
    return get_object_or_404(
        Update.objects.visible_to(request.user).select_related("effort", "author__profile"), pk=pk
    )


@login_required
def update_edit(request, pk):
    update = _visible_update(request, pk)
    if not can_edit_update(request.user, update):
        raise PermissionDenied(_("Only the author changes an update."))
    initial = {
        "body": update.body,
        "links": update.links,
        "ask": update.ask,
        "ask_detail": update.ask_detail,
        "ask_date": update.ask_date,
    }
    form = UpdateEditForm(
        request.POST or None, request.FILES or None, update=update, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_edit(
                update=update,
                actor=request.user,
                body=data["body"],
                links=data["links"],
                ask=data["ask"],
                ask_detail=data["ask_detail"],
                ask_date=data["ask_date"],
                upload=data["attachment"],
                remove_attachment=data.get("remove_attachment", False),
            )
            messages.success(request, _("Your update is saved."))
            return redirect(f"{update.effort.get_absolute_url()}#update-{update.pk}")
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return render(
        request,
        "coordination/update_edit.html",
        {"form": form, "update": update, "effort": update.effort},
        status=400 if form.errors else 200,
    )


@login_required
def update_delete(request, pk):
    update = _visible_update(request, pk)
    if not can_delete_update(request.user, update):
        raise PermissionDenied(_("Only the author and staff delete an update."))
    effort = update.effort
    if request.method == "POST":
        services.update_delete(update=update, actor=request.user)
        messages.success(request, _("The update is deleted."))
        return redirect(f"{effort.get_absolute_url()}#updates")
    return render(
        request,
        "coordination/confirm_delete.html",
        {
            "title": _("Delete this update?"),
            "excerpt": update.body,
            "back_url": f"{effort.get_absolute_url()}#update-{update.pk}",
            "note": _("Its attachment is deleted with it.") if update.attachment else "",
        },
    )


# Messages in threads ----------------------------------------------------------------------


def _visible_post(request, pk) -> Post:
    threads = Thread.objects.visible_to(request.user).select_related("group")
    return get_object_or_404(
        Post.objects.filter(thread__in=threads.values("pk")).select_related(
            "thread__group", "author__profile"
        ),
        pk=pk,
    )


@login_required
def post_edit(request, pk):
    post = _visible_post(request, pk)
    if not can_edit_post(request.user, post):
        raise PermissionDenied(_("Only the author changes a message."))
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(post=post, actor=request.user, body=form.cleaned_data["body"])
            messages.success(request, _("Your message is saved."))
            return redirect(f"{post.thread.get_absolute_url()}#post-{post.pk}")
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return render(
        request,
        "coordination/post_edit.html",
        {"form": form, "post": post, "thread": post.thread, "group": post.thread.group},
        status=400 if form.errors else 200,
    )


@login_required
def post_delete(request, pk):
    post = _visible_post(request, pk)
    if not can_delete_post(request.user, post):
        raise PermissionDenied(_("Only the author and staff delete a message."))
    thread = post.thread
    if request.method == "POST":
        outcome = services.post_delete(post=post, actor=request.user)
        if outcome == "thread":
            messages.success(request, _("The message and its thread are deleted."))
            return redirect(thread.group)
        messages.success(request, _("The message is deleted."))
        return redirect(thread)
    return render(
        request,
        "coordination/confirm_delete.html",
        {
            "title": _("Delete this message?"),
            "excerpt": post.body,
            "back_url": f"{thread.get_absolute_url()}#post-{post.pk}",
            "note": _(
                "A thread's first message with replies after it is replaced by “Message "
                "deleted”; without replies, the thread goes with it."
            ),
        },
    )
