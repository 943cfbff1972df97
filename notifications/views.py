from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_celery_beat.models import PeriodicTask

from wsr.members.models import Profile
from wsr.site.access import login_required, staff_required, token_view

from . import previews, services
from .forms import PreferencesForm
from .kinds import KINDS
from .links import url_in_language
from .models import Delivery, Notification, ScheduleRun, Suppression
from .selectors import notification_headline, visible_target_ids

User = get_user_model()


@login_required
def notification_list(request):
    queryset = Notification.objects.filter(recipient=request.user)
    if request.GET.get("show") == "unread":
        queryset = queryset.filter(read_at__isnull=True)
    page = Paginator(queryset, 30).get_page(request.GET.get("page"))
    notifications = list(page.object_list)
    allowed = visible_target_ids(request.user, notifications)
    entries, hidden = [], []
    for notification in notifications:
        if (
            notification.target_type_id
            and (
                notification.target_type_id,
                notification.target_id,
            )
            not in allowed
        ):
            hidden.append(notification.pk)
            continue
        entries.append(
            {
                "notification": notification,
                "headline": notification_headline(notification),
                "kind": KINDS[notification.kind].label if notification.kind in KINDS else "",
            }
        )
    if hidden:
        # Withdrawn from this person (unpublished, audience changed): it no longer counts.
        services.notifications_mark_read(user=request.user, ids=hidden)
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "entries": entries, "show": request.GET.get("show", "")},
    )


@login_required
def notification_open(request, pk: int):
    """Follow a notification's link, marking it read on the way."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if not visible_target_ids(request.user, [notification]) and notification.target_type_id:
        services.notifications_mark_read(user=request.user, ids=[notification.pk])
        raise Http404
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    # The link was stored in the language of whoever caused it: open the reader's page.
    url = url_in_language(notification.url, get_language()) or reverse("notifications:list")
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        url = reverse("notifications:list")
    return redirect(url)


@login_required
@require_POST
def notification_mark_read(request):
    if request.POST.get("all"):
        count = services.notifications_mark_read(user=request.user)
    else:
        ids = [int(v) for v in request.POST.getlist("id") if v.isascii() and v.isdigit()]
        count = services.notifications_mark_read(user=request.user, ids=ids)
    if count:
        messages.success(request, _("Marked as read."))
    return redirect(_next_url(request) or reverse("notifications:list"))


def _next_url(request):
    url = request.POST.get("next", "")
    # A path on this site; anything else (a view name, "fair food") is no place to go back to.
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}
    ):
        return url
    return ""


@login_required
def preferences(request):
    user = request.user
    profile, _created = Profile.objects.get_or_create(user=user)
    schedule = services.schedule_of(user)
    form = PreferencesForm(
        request.POST or None, modes=services.modes_of(user), schedule=schedule, profile=profile
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.preferences_save(
                user=user,
                modes=form.modes(),
                schedule={
                    "daily_hour": form.cleaned_data["daily_hour"],
                    "weekly_day": form.cleaned_data["weekly_day"],
                    "weekly_hour": form.cleaned_data["weekly_hour"],
                    "section_filters": form.section_filters(),
                },
            )
            profile.time_zone = form.cleaned_data["time_zone"]
            profile.preferred_language = form.cleaned_data["language"]
            profile.save(update_fields=["time_zone", "preferred_language"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(
        request,
        "notifications/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@token_view
@csrf_exempt
def unsubscribe(request, token: str):
    """RFC 8058: a POST (from the mail client's one-click button, or from this page's form)
    switches off what the signed token names, for that person only, without signing in. A
    GET only asks, since link checkers and previews follow links."""
    read = services.unsubscribe_read(token)
    user = User.objects.filter(pk=read[0], is_active=True).first() if read else None
    if user is None:
        return TemplateResponse(request, "notifications/unsubscribe_invalid.html", status=404)
    scope = read[1]
    what = KINDS[scope].label if scope in KINDS else Delivery.Kind(scope).label
    if request.method == "POST":
        services.unsubscribe_apply(user=user, scope=scope)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(request, "notifications/unsubscribe_done.html", {"what": what})
    return render(request, "notifications/unsubscribe_confirm.html", {"what": what})


@staff_required
def deliveries(request):
    queryset = Delivery.objects.all()
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    if kind in Delivery.Kind.values:
        queryset = queryset.filter(kind=kind)
    if status in Delivery.Status.values:
        queryset = queryset.filter(status=status)
    since = timezone.now() - timezone.timedelta(days=7)
    totals = Delivery.objects.filter(created_at__gte=since).aggregate(
        **{value: Count("pk", filter=Q(status=value)) for value in Delivery.Status.values}
    )
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    last_runs = {  # by the schedule's name in the reader's language
        Delivery.Kind(schedule).label: ScheduleRun.objects.filter(schedule=schedule).first()
        for schedule in ("daily", "weekly", "newsletter")
    }
    beat = PeriodicTask.objects.filter(task="notifications.tasks.run_digests").first()
    return render(
        request,
        "notifications/deliveries.html",
        {
            "page": page,
            "totals": [(Delivery.Status(value).label, totals[value]) for value in totals],
            "kinds": Delivery.Kind.choices,
            "statuses": Delivery.Status.choices,
            "kind": kind,
            "status": status,
            "last_runs": last_runs,
            "beat": beat,
            "suppressions": Suppression.objects.all()[:100],
        },
    )


@staff_required
@require_POST
def suppression_clear(request, pk: int):
    suppression = get_object_or_404(Suppression, pk=pk)
    suppression.delete()
    messages.success(
        request, _("%(email)s will receive email again.") % {"email": suppression.email}
    )
    return redirect("notifications:deliveries")


@staff_required
def preview_list(request):
    return render(request, "notifications/preview_list.html", {"previews": previews.catalogue()})


@staff_required
@xframe_options_sameorigin
def preview(request, name: str):
    language = request.GET.get("language", "en")
    if language not in dict(settings.LANGUAGES):
        language = "en"
    message = previews.render(name, language=language, user=request.user)
    if message is None:
        raise Http404
    if request.GET.get("part") == "text":
        return HttpResponse(message.text, content_type="text/plain; charset=utf-8")
    if request.GET.get("part") == "html":
        response = HttpResponse(message.html)
        # The email itself, shown as the mail client would: nothing of ours may run in it.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response
    return render(
        request,
        "notifications/preview.html",
        {"name": name, "message": message, "language": language},
    )
