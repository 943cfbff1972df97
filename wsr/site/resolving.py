"""The pages under the language prefixes, resolved once per address (issue 22).

Django resolves every request by trying the URL patterns in order: a Wagtail page, matched
by the catch-all pattern last of all, tried some two hundred patterns first (~0.3 ms a
request). Which pattern an address matches depends only on the address and the active
language (the prefix: /es/...), so the answer is kept per process, for the most recent
addresses. Django builds a new ResolverMatch from it for each request.
"""

from django.urls import Resolver404, ResolverMatch, URLResolver
from django.utils import translation

MAX_ENTRIES = 4096


class _NotFound:
    def __init__(self, details: dict):
        self.details = details


class RememberingURLResolver(URLResolver):
    """A URLResolver that remembers, per active language and path, what it resolved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._resolved: dict = {}

    @classmethod
    def of(cls, resolver: URLResolver) -> "RememberingURLResolver":
        return cls(
            resolver.pattern,
            resolver.urlconf_name,
            resolver.default_kwargs,
            resolver.app_name,
            resolver.namespace,
        )

    def resolve(self, path):
        path = str(path)
        if not self.pattern.match(path):
            raise Resolver404({"path": path})  # (as Django's: not under this prefix)
        key = (translation.get_language(), path)
        found = self._resolved.get(key)
        if found is None:
            try:
                found = _copy(super().resolve(path))
                # Django lists every pattern tried before the match in `tried` (a debugging
                # aid; its 404 page shows the list of a failed resolve, kept whole below)
                # and copies that list again on every resolve: only the match is kept.
                found.tried = found.tried[-1:] if found.tried else found.tried
            except Resolver404 as error:
                found = _NotFound(error.args[0] if error.args else {})
            if len(self._resolved) >= MAX_ENTRIES:
                self._resolved = {}
            self._resolved[key] = found
        if isinstance(found, _NotFound):
            raise Resolver404(dict(found.details))
        return found


def remembering(patterns: list) -> list:
    """The same patterns, each group of them (an include, the language prefixes) resolved
    through RememberingURLResolver."""
    return [
        RememberingURLResolver.of(pattern) if type(pattern) is URLResolver else pattern
        for pattern in patterns
    ]


def _copy(match: ResolverMatch) -> ResolverMatch:
    copied = ResolverMatch.__new__(ResolverMatch)  # (a ResolverMatch refuses copy.copy)
    copied.__dict__.update(match.__dict__)
    return copied
