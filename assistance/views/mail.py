"""Staff review of email held for cases (issue 19): each held message with why it was held;
attach it to a case (as the requester's side or as an internal note) or discard it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import staff_required

from .. import permissions
from ..forms.mail import ReleaseForm
from ..mail.inbound import held_messages, inbound_discard, inbound_release
from ..models import InboundMessage

PAGE_SIZE = 20


def _require_reviewer(user) -> None:
    if not permissions.can_review_case_mail(user):
        raise PermissionDenied(_("This page is for the Collaborative's staff."))


@staff_required
def case_mail(request):
    _require_reviewer(request.user)
    page_obj = Paginator(held_messages(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "message": message,
            "form": ReleaseForm(
                initial={"reference": message.case.reference if message.case else ""},
                prefix=f"m{message.pk}",
            ),
        }
        for message in page_obj
    ]
    return render(request, "assistance/case_mail.html", {"page_obj": page_obj, "rows": rows})


@staff_required
@require_POST
def case_mail_decide(request, pk):
    _require_reviewer(request.user)
    inbound = get_object_or_404(InboundMessage, pk=pk)
    try:
        if "discard" in request.POST:
            inbound_discard(inbound=inbound, actor=request.user)
            messages.success(request, _("The email was discarded (it is kept, marked so)."))
            return redirect("assistance:case-mail")
        form = ReleaseForm(request.POST, prefix=f"m{inbound.pk}")
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("assistance:case-mail")
        inbound_release(
            inbound=inbound,
            actor=request.user,
            case=form.case,
            as_note=form.cleaned_data["add_as"] == ReleaseForm.AS_NOTE,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assistance:case-mail")
    messages.success(
        request,
        _("The email was added to case %(reference)s.") % {"reference": form.case.reference},
    )
    return redirect(form.case.get_absolute_url() + "#timeline")
