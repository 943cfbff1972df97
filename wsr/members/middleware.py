from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.utils.functional import SimpleLazyObject, empty

from . import roles


class SecondFactorMiddleware:
    """Tells the role module whether this session passed a second factor, and keeps
    anyone who has not out of the admin sites.

    allauth records each step of a sign-in in the session (password, then "mfa"); a staff
    flag counts only with the "mfa" step (roles.is_staff). Wagtail's and Django's admin
    check `is_staff` and permissions themselves, so their paths are guarded here too, for
    staff and for anyone a group lets into Wagtail's admin (editors, approvers).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        original = request.user

        def load():
            if original._wrapped is empty:
                original._setup()
            user = original._wrapped
            if user.is_authenticated:
                records = get_authentication_records(request, user)
                passed = any(record.get("method") == "mfa" for record in records)
                setattr(user, roles.SECOND_FACTOR_ATTRIBUTE, passed)
            return user

        request.user = SimpleLazyObject(load)
        if self._must_pass_second_factor(request):
            from wsr.site.access import second_factor_redirect

            return second_factor_redirect(request)
        return self.get_response(request)

    def _must_pass_second_factor(self, request) -> bool:
        if not settings.WSR_STAFF_MFA_REQUIRED:
            return False
        path = request.path_info
        for code, _name in settings.LANGUAGES:
            if path.startswith(f"/{code}/"):
                path = path[len(code) + 1 :]
        if not path.startswith(settings.WSR_STAFF_PATH_PREFIXES):
            return False
        if path.startswith(settings.WSR_ADMIN_LOGIN_PATHS):
            return False  # these only redirect to allauth's sign-in
        user = request.user
        if not user.is_authenticated:
            return False
        if not (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
            return False  # Wagtail and Django refuse them on their own
        return not roles.passed_second_factor(user)
