from datetime import UTC, datetime

import pytest

from repository.models import ResourcePage
from tests.repository.factories import repository_index, resource


@pytest.fixture
def index(site_tree):
    return repository_index(site_tree["en"])


def publish_at(page, when: datetime):
    """Pretend `page` was first published at `when` (the digest window reads that)."""
    type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.first_published_at = when
    return page


@pytest.fixture
def new_resource(index):
    def make(title, *, when, **kwargs):
        return publish_at(resource(index, title, **kwargs), when)

    return make


OVERLAP = "coordination/email/overlap"


def overlap_context(target) -> dict:
    """What coordination passes to its overlap email, about `target`."""
    return {
        "company": "Acme",
        "effort": target.name,
        "other_effort": "Other",
        "other_owner": "Sam",
        "other_owner_email": "sam@example.org",
        "effort_url": target.get_absolute_url(),
    }


def notify_about(person, target, *, kind="effort_overlap"):
    """One notification of `kind` about the effort `target`, with the overlap email."""
    from notifications import services

    return services.notify(
        users=[person],
        kind=kind,
        template=OVERLAP,
        context=overlap_context(target),
        target=target,
        url=target.get_absolute_url(),
    )[0]


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


__all__ = ["ResourcePage", "publish_at", "utc"]
