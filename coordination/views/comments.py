"""Comments (issue 20): post, reply, edit, delete. The target is found through its own
`visible_to(user)` (outside its audience: 404); who may act is a predicate (else 403);
bad input answers 400 with the text kept."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import object_view

from ..comment_threads import comment_section_page, comments_anchor
from ..forms import CommentForm
from ..models import Comment
from ..models.comments import target_model
from ..permissions import can_comment, can_delete_comment, can_edit_comment
from ..services import comments as services
from ..services.comments import target_title, target_url
from ..update_cards import update_cards_attach
from ._common import error_text, members_only


def _target_for(user, kind: str, pk: int):
    model = target_model(kind)
    if model is None:
        raise Http404
    related = ("effort",) if kind == "update" else ()
    return get_object_or_404(model.objects.visible_to(user).select_related(*related), pk=pk)


def _comment_for(user, pk: int) -> Comment:
    return get_object_or_404(Comment.objects.visible_to(user), pk=pk)


def _form_page(request, *, form, target, comment=None, status=200):
    return render(
        request,
        "coordination/comment_form.html",
        {
            "form": form,
            "comment": comment,
            "target_title": target_title(target),
            "target_url": target_url(target),
        },
        status=status,
    )


@object_view
def comments_read(request, kind, pk):
    """Where a target's comments are read in full: an update's own page (the feed and the
    effort page link here, emails too); for the others, their page."""
    target = _target_for(request.user, kind, pk)
    if kind != "update":
        return redirect(f"{target_url(target)}#{comments_anchor(kind, target.pk)}")
    update_cards_attach(request.user, [target])  # its addresses and the viewer's rights
    return render(
        request,
        "coordination/update_comments.html",
        {
            "update": target,
            "effort": target.effort,
            "section": comment_section_page(
                request.user,
                target,
                request.GET.get("page"),
                comment=request.GET.get("comment"),
            ),
        },
    )


@require_POST
@members_only
def comment_create(request, kind, pk):
    target = _target_for(request.user, kind, pk)
    if not can_comment(request.user, target, visible=True):
        raise PermissionDenied(_("Only members who may see this can comment on it."))
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = Comment.objects.filter(
                pk=form.cleaned_data["parent"], **{kind: target}
            ).first()
            if parent is None:
                form.add_error(None, _("The comment you answer is gone."))
        if not form.errors:
            try:
                comment = services.comment_create(
                    target=target,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    parent=parent,
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("Your comment is posted."))
                return redirect(services.comment_url(comment))
    return _form_page(request, form=form, target=target, status=400)


@members_only
def comment_edit(request, pk):
    comment = _comment_for(request.user, pk)
    if not can_edit_comment(request.user, comment):
        raise PermissionDenied(_("Only the author changes a comment."))
    target = comment.target
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                comment=comment, actor=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Your comment is changed."))
            return redirect(services.comment_url(comment))
    return _form_page(
        request, form=form, target=target, comment=comment, status=400 if form.errors else 200
    )


@require_POST
@members_only
def comment_delete(request, pk):
    comment = _comment_for(request.user, pk)
    if not can_delete_comment(request.user, comment):
        raise PermissionDenied(_("Only the author or staff delete a comment."))
    target = comment.target
    services.comment_delete(comment=comment, actor=request.user)
    messages.success(request, _("The comment is deleted."))
    return redirect(f"{target_url(target)}#{comments_anchor(comment.target_kind, target.pk)}")
