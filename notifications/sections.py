"""Digest sections: content each app offers to digests, computed when the digest is built.

An app registers sections with the Wagtail hook `wsr_digest_sections` (a function returning
a list of `DigestSection`). `load(viewer, window_start, window_end)` must start from the
model's `visible_to(viewer)` queryset; `audience_key(viewer)` names the viewers for whom
`load` returns the same rows, so one query serves all of them within a batch (a test
compares the shared result with `load` for each viewer).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Item:
    """One piece of content. `url` may be a callable: it is resolved (once) only for the
    items that make it into a digest. `label` may be lazy: it is rendered in each reader's
    language."""

    title: str
    url: str | Callable
    summary: str = ""
    date: datetime | None = None
    label: str = ""
    facets: dict = field(default_factory=dict)

    def link(self) -> str:
        if callable(self.url):
            self.url = self.url() or ""
        return self.url


@dataclass(frozen=True)
class DigestSection:
    kind: str
    load: Callable  # (viewer, window_start, window_end) -> list[Item], newest first
    audience_key: Callable  # (viewer) -> hashable
    # (interests: dict) -> a test (item) -> bool, built once per person
    matcher: Callable | None = None
    filter_choices: Callable | None = None  # () -> {name: (label, [(value, label)])}
    prepare: Callable | None = None  # (users) -> None: preload what audience_key needs
    localize: Callable | None = None  # (items, language) -> the items for that language
    in_newsletter: bool = False  # also in the public newsletter, loaded as anonymous


def sections() -> dict[str, DigestSection]:
    from wagtail import hooks

    found = {}
    for hook in hooks.get_hooks("wsr_digest_sections"):
        for section in hook():
            found[section.kind] = section
    return found
