"""Content-Security-Policy on every response (django-csp).

The public site runs with a strict policy: scripts, styles, fonts and images from this
site only (no inline script or style attribute anywhere in our templates), nothing framed
but video embeds. Wagtail's and Django's admin still write a few inline scripts (inline
panels, date widgets), so under /cms/ and /django-admin/ the enforced policy allows
inline code and the strict one is sent as report-only, to see what is left.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIXES = ("/cms/", "/django-admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not request.path_info.startswith(ADMIN_PREFIXES):
            return parts
        if report_only:
            if parts.config is None:
                parts.config = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        else:
            parts.update = {
                **(parts.update or {}),
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
                "img-src": ["blob:"],
            }
        return parts
