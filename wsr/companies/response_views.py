"""Pages of requests for response (issue 20): staff ask a company, the company answers through
its link (no account), and the public sees response rates."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wsr.site.access import public, staff_required, token_view

from . import response_services as services
from .models import Company, CompanyResponse, ResponseRequest
from .permissions import can_request_response
from .response_forms import CompanyResponseForm, ResponseRequestForm, TakeDownForm
from .response_selectors import response_rates

RATE_LIMIT_ACTION = "company_response"


@staff_required
def request_create(request, slug):
    company = get_object_or_404(Company, slug=slug)
    if not can_request_response(request.user, company):
        raise PermissionDenied(_("Only staff ask companies to respond."))
    form = ResponseRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.response_request_create(
                    company=company, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("The request was sent to %(email)s.")
                    % {"email": form.cleaned_data["contact_email"]},
                )
                return redirect(company)
        status = 400
    return render(
        request,
        "companies/response_request_form.html",
        {"company": company, "form": form},
        status=status,
    )


def _staff_request(request, pk) -> ResponseRequest:
    response_request = get_object_or_404(ResponseRequest.objects.select_related("company"), pk=pk)
    if not can_request_response(request.user, response_request.company):
        raise PermissionDenied(_("Only staff ask companies to respond."))
    return response_request


@require_POST
@staff_required
def request_new_link(request, pk):
    response_request = _staff_request(request, pk)
    try:
        services.response_request_send(response_request=response_request, actor=request.user)
        messages.success(request, _("A new link was sent; the earlier one no longer works."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(response_request.company)


@require_POST
@staff_required
def request_withdraw(request, pk):
    response_request = _staff_request(request, pk)
    try:
        services.response_request_withdraw(response_request=response_request, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request was withdrawn; its link no longer works."))
    return redirect(response_request.company)


@require_POST
@staff_required
def response_take_down(request, pk):
    response = get_object_or_404(CompanyResponse.objects.select_related("request__company"), pk=pk)
    form = TakeDownForm(request.POST)
    if form.is_valid():
        try:
            services.response_take_down(
                response=response, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("The response was taken down; a dated note stays."))
            return redirect(response.request.company)
    return render(
        request,
        "companies/response_take_down.html",
        {"company": response.request.company, "response": response, "form": form},
        status=400,
    )


@never_cache
@token_view
def request_respond(request, token):
    """The company's link: only this request and a form; anything else is refused."""
    if request.method == "POST" and not ratelimit.consume(request, action=RATE_LIMIT_ACTION):
        return render(request, "companies/respond_limited.html", status=429)
    response_request = services.response_request_for_token(token)
    if response_request is None:
        raise Http404
    state = services.link_state(response_request)
    if state != "open":
        return render(
            request,
            "companies/respond_closed.html",
            {"state": state, "received_at": response_request.token_used_at},
            status=410,
        )
    form = CompanyResponseForm(request.POST or None, is_published=response_request.is_published)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                response = services.response_submit(
                    response_request=response_request, **form.cleaned_data
                )
            except ValidationError:
                return render(
                    request,
                    "companies/respond_closed.html",
                    {"state": "received", "received_at": None},
                    status=410,
                )
            return render(
                request,
                "companies/respond_closed.html",
                {
                    "state": "thanks",
                    "received_at": response.submitted_at,
                    "is_published": response_request.is_published,
                },
            )
        status = 400
    return render(
        request,
        "companies/respond.html",
        {"response_request": response_request, "form": form},
        status=status,
    )


@public
def response_rate_list(request):
    return render(request, "companies/response_rates.html", response_rates())
