from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffMFAMiddleware:
    """Staff reach staff pages only once they have a second factor (TOTP).

    allauth offers MFA to everyone but has no rule that requires it for a group of
    people, so the rule lives here, in one place, for every staff path.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enroll(request):
            messages.warning(
                request,
                _(
                    "Staff pages need two-factor authentication. Set up an authenticator app "
                    "to continue."
                ),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)

    def _must_enroll(self, request) -> bool:
        if not settings.WSR_STAFF_MFA_REQUIRED:
            return False
        user = request.user
        if not user.is_authenticated:
            return False
        # Staff, and anyone a group lets into Wagtail's admin (editors, moderators).
        if not (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
            return False
        path = request.path_info
        for code, _name in settings.LANGUAGES:
            if path.startswith(f"/{code}/"):
                path = path[len(code) + 1 :]
        if not path.startswith(settings.WSR_STAFF_PATH_PREFIXES):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
