"""Personal API tokens in the portal (issue 21): anyone signed in may make some. What a token
reads is what its person may read on the site (a member's includes members-only records; a
token never counts as staff: endpoints.viewer_of). The secret is on the page that answers
the creation and nowhere else: no redirect, message or session holds it."""

import shlex

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import login_required

from . import tokens
from .forms import TokenForm
from .registry import collections
from .schemas import absolute


def _example_url() -> str:
    registered = collections()
    return absolute(f"/api/v1/{registered[0].name}/" if registered else "/api/v1/openapi.json")


def _curl(secret: str) -> str:
    header = shlex.quote(f"Authorization: Bearer {secret}")
    return f"curl --compressed -H {header} {shlex.quote(_example_url())}"


@login_required
def tokens_page(request):
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = tokens.token_create(user=request.user, name=form.cleaned_data["name"])
        except tokens.TooManyTokens:
            form.add_error(
                None,
                _(
                    "You already have %(count)s active tokens, the most one person may have. "
                    "Revoke one you no longer use, then make the new one."
                )
                % {"count": tokens.MAX_ACTIVE_PER_PERSON},
            )
        else:
            created = {"token": token, "secret": secret, "curl": _curl(secret)}
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": request.user.api_tokens.order_by(
                F("revoked_at").desc(nulls_first=True), "-created", "-pk"
            ),
            "max_active": tokens.MAX_ACTIVE_PER_PERSON,
        },
    )
    # the page may hold a secret: no cache (the browser's or a proxy's) keeps it
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens.filter(revoked_at__isnull=True), pk=pk)
    tokens.token_revoke(token=token)
    messages.success(
        request,
        _("The token “%(name)s” was revoked: requests that send it are now refused.")
        % {"name": token.name},
    )
    return redirect("api:tokens")
