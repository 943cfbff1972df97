"""The access policy of every URL: each view declares its rule, and a view without one is
refused (`AccessPolicyMiddleware`). tests/site/test_url_access.py walks the URLconf and
fails on any pattern without a rule; docs/access.md is the matrix a reviewer reads.

Rules (the value of `view.access_rule`):
- "public": anyone; what it shows still starts from the models' `visible_to(user)`.
- "object": anyone may ask; the view loads its object through the app's `visible_to` or
  `access_*` helper and answers 404 outside the audience (cases, pages, scorecards).
- "token": authenticated by a signed or random token in the URL (unsubscribe, calendar
  feeds, invitations); the token alone decides, and a bad one is 404.
- "login": signed in.
- "member": signed in, and a member (roles.is_member); else 403 with the reason (staff
  without this session's second factor are sent to pass it).
- "staff": staff who passed a second factor (roles.is_staff); a staff account without one
  is sent to set it up, anyone else gets 403.

A signed-in person without the right gets 403 (with a reason), never a login loop.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wsr.members import roles

RULES = ("public", "object", "token", "login", "member", "staff")


def declare(rule: str):
    """Mark a view with its rule without adding a check (the rule is the view's own)."""
    if rule not in RULES:
        raise ValueError(f"Unknown access rule {rule!r}")

    def decorator(view):
        view.access_rule = rule
        return view

    return decorator


public = declare("public")
object_view = declare("object")
token_view = declare("token")


def second_factor_redirect(request):
    from wsr.members.factors import pending_confirmation_of

    if pending_confirmation_of(request.user) is not None:
        return redirect(f"{reverse('members:factor-pending')}?next={request.get_full_path()}")
    messages.warning(
        request,
        _(
            "Staff pages need two-factor authentication. Set up an authenticator app, or "
            "sign in again with your code, to continue."
        ),
    )
    if roles.has_authenticator(request.user):
        return redirect(f"{reverse('mfa_reauthenticate')}?next={request.get_full_path()}")
    return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")


def _requiring(rule, check, reason):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if check is not None and not check(request.user):
                if rule in ("staff", "member") and roles.is_unverified_staff(request.user):
                    return second_factor_redirect(request)
                raise PermissionDenied(reason())
            return view(request, *args, **kwargs)

        wrapper.access_rule = rule
        return wrapper

    return decorator


login_required = _requiring("login", None, None)
staff_required = _requiring(
    "staff", roles.is_staff, lambda: _("This page is for the Collaborative's staff.")
)
members_only = _requiring(
    "member", roles.is_member, lambda: _("This is for the people of member organizations.")
)


# Views that third-party packages provide, and the rule each follows. Anything else without
# a declared rule is refused.
THIRD_PARTY_RULES = {
    # allauth's own flows (sign-in, sign-up, MFA, reset): its rate limits and checks.
    "allauth.": "public",
    # Pages: AudiencePageMixin and live() decide (404 outside the audience).
    "wagtail.views": "object",
    # Documents: the before_serve_document hook asks wsr/site/documents.py.
    "wagtail.documents.views.serve": "object",
    # Language switcher, JavaScript catalog and sitemap (built from visible_to).
    "django.views.i18n": "public",
    "wagtail.contrib.sitemaps.views": "public",
}


# The admin sites: Wagtail and Django check their own permissions, and
# SecondFactorMiddleware keeps anyone without a second factor out.
ADMIN_ROUTE_PREFIXES = ("cms/", "django-admin/")
# Wagtail's own sign-in and sign-out pages, open to anyone
CMS_SIGN_IN_ROUTES = ("cms/login/", "cms/logout/", "cms/password_reset/")


def rule_of(view, route: str = "") -> str | None:
    """The declared rule of a resolved view (and its route), or None: refused."""
    if route.startswith(ADMIN_ROUTE_PREFIXES):
        return "staff"
    rule = getattr(view, "access_rule", None)
    if rule is None:
        view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
        rule = getattr(view_class, "access_rule", None)
    if rule is not None:
        return rule
    module = getattr(view, "__module__", "") or ""
    name = f"{module}.{getattr(view, '__name__', '')}"
    best = None
    for prefix, third_party_rule in THIRD_PARTY_RULES.items():
        if name.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, third_party_rule)
    return best[1] if best else None


class AccessPolicyMiddleware:
    """Refuses any view that declares no rule: a new URL is closed until someone says who
    may use it. Runs after authentication and before the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        route = match.route if match else ""
        if rule_of(view_func, route) is None:
            raise PermissionDenied(_("This address has no access rule, so it is closed."))
        if (
            route.startswith(ADMIN_ROUTE_PREFIXES[0])
            and not route.startswith(CMS_SIGN_IN_ROUTES)
            and request.user.is_authenticated
            and not roles.may_open_the_cms(request.user)
        ):
            # Wagtail sends a signed-in person without access to the sign-in page, which
            # sends them back (they are signed in): an endless loop. Say no instead.
            raise PermissionDenied(_("Your account has no access to the site's editing tools."))
        return None
