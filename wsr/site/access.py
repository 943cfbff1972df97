"""View decorators shared by the apps: sign in first; then staff only, or members only.
A signed-in person without the right gets 403 (with a reason), never a login loop."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wsr.members.permissions import is_member


def _requiring(check, reason):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if check is not None and not check(request.user):
                raise PermissionDenied(reason())
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


login_required = _requiring(None, None)
staff_required = _requiring(
    lambda user: user.is_staff, lambda: _("This page is for the Collaborative's staff.")
)
members_only = _requiring(is_member, lambda: _("This is for the people of member organizations."))
