from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import object_view, public
from wsr.site.storage import serve_private_file

from .. import selectors, services
from ..comment_threads import comment_sections_attach
from ..filters import FeedFilter
from ..forms import EffortForm, TargetForm, UpdateForm
from ..models import Update
from ..permissions import can_edit_effort, can_post_update, can_start_effort, help_offer_update_ids
from ..update_cards import card_html, cards_in_python, update_cards_attach
from ._common import error_text, login_required, members_only

FEED_PAGE_SIZE = 30


@public
def effort_list(request):
    return render(
        request,
        "coordination/effort_list.html",
        {
            "efforts": selectors.efforts_for(request.user),
            "can_start": can_start_effort(request.user),
        },
    )


@members_only
def effort_create(request):
    form = EffortForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organizations = data.pop("lead_organizations")
        sectors = data.pop("sectors")
        try:
            effort = services.effort_create(
                actor=request.user, data=data, lead_organizations=organizations, sectors=sectors
            )
            messages.success(request, _("The effort is started: add the companies it targets."))
            return redirect(effort)
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return render(
        request,
        "coordination/effort_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def effort_target(request, slug):
    effort = selectors.effort_for(request.user, slug)
    if not can_edit_effort(request.user, effort):
        raise PermissionDenied(_("Only the effort's owner and lead organizations change it."))
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            services.effort_target_add(
                effort=effort, actor=request.user, company=form.cleaned_data["company"]
            )
        except ValidationError as error:  # the write limit
            messages.error(request, error_text(error))
            return redirect(effort)
        messages.success(
            request,
            _("Added. If another effort targets this company, both owners are told by email."),
        )
    else:
        messages.error(request, _("Choose a company."))
    return redirect(effort)


def _effort_page(request, effort, *, form=None, status=200, manage=None):
    from .manage import manage_context

    updates = selectors.feed(request.user, effort=effort)
    page_obj = Paginator(updates, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    # each update's comments, one query for the page (issue 20)
    page_obj.object_list = comment_sections_attach(request.user, page_obj.object_list)
    user = request.user
    can_edit = can_edit_effort(user, effort)
    # the updates the viewer may offer help on, for the page at once (issue 20)
    help_update_ids = help_offer_update_ids(user, page_obj.object_list)
    # each card's addresses and the viewer's rights, once for the page (issue 22)
    update_cards_attach(user, page_obj.object_list, help_update_ids=help_update_ids)
    return render(
        request,
        "coordination/effort_detail.html",
        {
            "effort": effort,
            "lead_organizations": list(effort.lead_organizations.all()),
            "partners": list(effort.partners.all()),
            "sectors": list(effort.sectors.all()),
            # targets (with their overlaps) and the management forms: issue 20
            **manage_context(request, effort, can_edit=can_edit, bound=manage),
            "page_obj": page_obj,
            "help_update_ids": help_update_ids,
            "is_following": selectors.is_following(effort, user),
            "can_post": can_post_update(user, effort),
            "can_edit": can_edit,
            "target_form": TargetForm(effort=effort) if can_edit else None,
            "form": form or UpdateForm(),
        },
        status=status,
    )


@object_view
def effort_detail(request, slug):
    return _effort_page(request, selectors.effort_for(request.user, slug))


@require_POST
@login_required
def effort_follow(request, slug):
    effort = selectors.effort_for(request.user, slug)
    if request.POST.get("follow") == "1":
        services.effort_follow(effort=effort, user=request.user)
        messages.success(request, _("You follow this effort: its updates come to you by email."))
    else:
        services.effort_unfollow(effort=effort, user=request.user)
        messages.success(request, _("You no longer follow this effort."))
    return redirect(effort)


@require_POST
@login_required
def update_create(request, slug):
    effort = selectors.effort_for(request.user, slug)
    form = UpdateForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_post(
                effort=effort,
                author=request.user,
                body=data["body"],
                links=data["links"],
                ask=data["ask"],
                ask_detail=data["ask_detail"],
                ask_date=data["ask_date"],
                upload=data["attachment"],
            )
            messages.success(request, _("Your update is posted."))
            return redirect(f"{effort.get_absolute_url()}#updates")
        except ValidationError as error:
            form.add_error(None, error_text(error))
    return _effort_page(request, effort, form=form, status=400)


@login_required
def update_attachment(request, pk):
    update = get_object_or_404(Update.objects.visible_to(request.user), pk=pk)
    if not update.attachment:
        raise Http404
    return serve_private_file(update.attachment, filename=update.attachment_name)


@public
def feed(request):
    filters = FeedFilter(request.GET)
    filters.is_valid()
    # the valid filters only: an unknown sector or country does not drop the words searched
    data = filters.form.cleaned_data
    updates = selectors.feed(
        request.user,
        sector=data.get("sector"),
        country=data.get("country") or "",
        followed_only=request.GET.get("following") == "1",
    )
    # ?q=: updates by their text, effort and target companies; other records beside (issue 20)
    from ..search import feed_records, feed_search

    words = (data.get("q") or "").strip()
    updates = feed_search(updates, words)
    page_obj = Paginator(updates, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    # the number of each update's comments, one query for the page (issue 20)
    page_obj.object_list = comment_sections_attach(
        request.user, page_obj.object_list, threads=False
    )
    # the updates the viewer may offer help on, for the page at once (issue 20)
    help_update_ids = help_offer_update_ids(request.user, page_obj.object_list)
    # each card's addresses and the viewer's rights, once for the page (issue 22)
    update_cards_attach(request.user, page_obj.object_list, help_update_ids=help_update_ids)
    last_visit = None
    if request.user.is_authenticated:
        last_visit = request.session.get("coordination_feed_last_visit")
        if not request.GET.get("page"):  # a new visit starts on the first page
            previous = services.feed_mark_seen(user=request.user)
            last_visit = previous.isoformat() if previous else None
            request.session["coordination_feed_last_visit"] = last_visit
    last_visit = parse_datetime(last_visit) if last_visit else None
    if cards_in_python(page_obj.object_list):  # each card drawn in Python (issue 22)
        for update in page_obj.object_list:
            update.card_html = card_html(update, show_effort=True, last_visit=last_visit)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordination/feed.html",
        {
            "filter": filters,
            "page_obj": page_obj,
            "help_update_ids": help_update_ids,
            "last_visit": last_visit,
            "query_string": query.urlencode(),
            "following": request.GET.get("following") == "1",
            "search_words": words,
            "records": feed_records(request.user, words) if page_obj.number == 1 else [],
        },
    )
