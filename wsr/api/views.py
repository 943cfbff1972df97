"""Personal API tokens in the portal (issue 21): anyone signed in may make some. What a token
reads is what its person may read on the site (a member's includes members-only records; a
token never counts as staff: endpoints.viewer_of). The secret is on the page that answers
the creation and nowhere else: no redirect, message or session holds it.

So that a reload of that page (which sends the form again) makes no second token, each
rendering of the form carries a one-time value (forms.TokenForm.nonce): the first submission
with it makes the token and the cache remembers a digest of it; a second one makes nothing
and goes back to the list."""

import hashlib
import shlex

from django.contrib import messages
from django.core.cache import cache
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import login_required

from . import tokens
from .forms import NONCE_MAX_AGE, TokenForm
from .registry import collections
from .schemas import absolute


def _example_url() -> str:
    registered = collections()
    return absolute(f"/api/v1/{registered[0].name}/" if registered else "/api/v1/openapi.json")


def _curl(secret: str) -> str:
    header = shlex.quote(f"Authorization: Bearer {secret}")
    return f"curl --compressed -H {header} {shlex.quote(_example_url())}"


def _used_key(user, nonce: str) -> str:
    # a digest: the cache never holds the form's value itself
    return f"api-token-form:{user.pk}:{hashlib.sha256(nonce.encode()).hexdigest()}"


def _already_made(request):
    messages.info(
        request,
        _(
            "This token was already made; its secret was shown only once. If you did not "
            "copy it, revoke it and make another."
        ),
    )
    return redirect("api:tokens")


@login_required
def tokens_page(request):
    form = TokenForm(request.POST or None, user=request.user)
    created = None
    if request.method == "POST":
        valid = form.is_valid()
        nonce = form.cleaned_data.get("nonce")
        if nonce and cache.get(_used_key(request.user, nonce)) is not None:
            # the form again (a reload): whatever it says now, it made its token already
            return _already_made(request)
        if not nonce:
            form.renew_nonce()
        elif valid:
            key = _used_key(request.user, nonce)
            # add() claims the value at once: two submissions at the same time make one token
            if not cache.add(key, True, NONCE_MAX_AGE):
                return _already_made(request)
            try:
                token, secret = tokens.token_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except tokens.TooManyTokens:
                cache.delete(key)  # nothing was made: the same form may try again
                form.add_error(
                    None,
                    _(
                        "You already have %(count)s active tokens, the most one person may "
                        "have. Revoke one you no longer use, then make the new one."
                    )
                    % {"count": tokens.MAX_ACTIVE_PER_PERSON},
                )
            else:
                created = {"token": token, "secret": secret, "curl": _curl(secret)}
                form = TokenForm(user=request.user)
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
