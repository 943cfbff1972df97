import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import staff_required

from .. import selectors, services
from ..forms import SpeakerAnswerForm
from ..models import JournalistContact, PlannedPublication, SpeakerRequest


@staff_required
def speaker_requests(request):
    items = SpeakerRequest.objects.order_by("status", "-created_at")[:100]
    return render(
        request,
        "promotion/speaker_requests.html",
        {"items": [(r, SpeakerAnswerForm(prefix=f"answer-{r.pk}")) for r in items]},
    )


@require_POST
@staff_required
def speaker_request_answer(request, pk):
    item = get_object_or_404(SpeakerRequest, pk=pk)
    form = SpeakerAnswerForm(request.POST, prefix=f"answer-{pk}")
    if form.is_valid():
        try:
            services.speaker_request_answer(
                request=item,
                actor=request.user,
                accept=form.cleaned_data["accept"],
                reply=form.cleaned_data["reply"],
            )
            messages.success(request, _("The answer was sent by email."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose an answer and write the reply."))
    return redirect("promotion:speaker-requests")


@staff_required
def content_calendar(request):
    going_live, taking_down = selectors.scheduled_pages()
    return render(
        request,
        "promotion/content_calendar.html",
        {
            "going_live": list(going_live[:100]),
            "taking_down": list(taking_down[:100]),
            "planned": list(
                PlannedPublication.objects.filter(
                    planned_on__gte=timezone.localdate()
                ).select_related("owner__profile")[:100]
            ),
        },
    )


@staff_required
def coverage_report(request):
    return render(
        request, "promotion/coverage_report.html", {"months": list(selectors.coverage_by_month())}
    )


@staff_required
def journalist_export(request, pk):
    contact = get_object_or_404(JournalistContact, pk=pk)
    data = services.journalist_export(contact=contact, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="journalist-{pk}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def journalist_erase(request, pk):
    contact = get_object_or_404(JournalistContact, pk=pk)
    if request.method != "POST":
        return render(request, "promotion/journalist_erase.html", {"contact": contact})
    services.journalist_erase(contact=contact, actor=request.user)
    messages.success(request, _("The contact and everything about them were erased."))
    return redirect("/cms/promotion_contacts/")
