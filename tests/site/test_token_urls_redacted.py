"""Every URL whose access rule is "token" carries a secret in its path: each one, filled
with a sample secret, is redacted by wsr.redaction before any log line or error report
holds it (issue 20: the company response links were logged in clear)."""

import re

from wsr.redaction import HIDDEN, redact
from wsr.site.urlwalk import walk

SECRET = "Zq7sEcReT0kEn4x9"
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _sample(pattern: str) -> str:
    def fill(match):
        kind, name = match.group(1), match.group(2)
        if kind == "int" or name in ("pk", "id"):
            return "12"
        return SECRET

    return "/" + CONVERTER.sub(fill, pattern.lstrip("^").rstrip("$"))


def test_every_token_url_is_redacted_in_logs():
    token_routes = [
        route for route in walk() if getattr(route.view, "access_rule", None) == "token"
    ]
    assert len(token_routes) >= 5
    leaking = []
    for route in token_routes:
        path = _sample(route.pattern)
        if SECRET not in path:
            continue  # the secret is elsewhere (a query string, a signed value)
        line = f'"GET {path} HTTP/1.1" 200'
        if SECRET in redact(line) or HIDDEN not in redact(line):
            leaking.append(path)
    assert leaking == [], f"add these prefixes to wsr.redaction.SECRET_PATH: {leaking}"
