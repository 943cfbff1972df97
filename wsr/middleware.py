from django.utils.translation import gettext as _

from .site.errors import bad_request
from .views import healthz


class HealthCheckMiddleware:
    """Answer /healthz before host validation and the HTTPS redirect.

    A load balancer probes each process by its own address, over plain HTTP, with a
    Host header that is not one of ALLOWED_HOSTS; the probe must still get a real answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


NUL = "\x00"


class NullCharacterMiddleware:
    """Answer 400 to an address whose path or query string holds a NUL character (%00).

    No page of the site takes one, and PostgreSQL refuses it in any text it stores or
    compares, so it could only turn a lookup (a search, a filter, a token, Wagtail's
    redirects) into a server error (issue 17). Forms refuse it field by field with Django's
    ProhibitNullCharactersValidator. Placed after the session, locale and security headers,
    so that the answer is the site's own page in the visitor's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info or any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path_info.startswith("/api/"):  # the API's errors are problem documents
                from .api.problems import bad_request as api_bad_request

                return api_bad_request(
                    _("The address contains a null character (%00), which no parameter takes.")
                )
            return bad_request(
                request,
                message=_(
                    "The address contains a character that no page of this site uses (a "
                    "null character, %00). Check the link, or start again from the home page."
                ),
            )
        return self.get_response(request)
