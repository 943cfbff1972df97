"""What people write in coordination shares one rate limit per person, and a person who
blocked another is never reached by them (issue 20)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from coordination import services
from coordination.models import Block, GroupMembership, WorkingGroup
from coordination.permissions import is_blocked_by
from tests.members.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroup.objects.create(name="Dairy group")


def _join(group, **kwargs):
    user = AffiliationFactory(**kwargs).user
    GroupMembership.objects.create(group=group, user=user)
    return user


def test_threads_and_replies_share_one_rate_limit_per_person(settings, group):
    settings.COORDINATION_WRITE_RATE = "3/600"
    author = _join(group)
    other = _join(group)
    thread = services.thread_create(group=group, author=author, title="One", body="first")
    services.post_create(thread=thread, author=author, body="second")
    services.post_create(thread=thread, author=author, body="third")
    with pytest.raises(ValidationError) as refused:
        services.post_create(thread=thread, author=author, body="fourth")
    assert "wait" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        services.thread_create(group=group, author=author, title="Two", body="x")
    # the limit is per person
    services.post_create(thread=thread, author=other, body="mine")
    assert thread.posts.count() == 4


def test_a_blocked_person_cannot_mention_the_blocker(on_commit, group):
    author = _join(group)
    rosa = _join(group, user__first_name="Rosa", user__last_name="Díaz")
    Block.objects.create(blocker=rosa, blocked=author)
    assert is_blocked_by(author, rosa) and not is_blocked_by(rosa, author)
    with on_commit():
        services.thread_create(group=group, author=author, title="Hi", body="@rosa-diaz look")
    assert not [m for m in mail.outbox if "mentioned you" in m.subject]


def test_updates_and_proposals_count_against_the_same_limit(settings, group):
    from datetime import timedelta

    from django.utils import timezone

    from coordination.models import Effort

    settings.COORDINATION_WRITE_RATE = "2/600"
    author = _join(group)
    effort = Effort.objects.create(name="Dairy", owner=author, audience="members")
    services.update_post(effort=effort, author=author, body="one")
    services.thread_create(group=group, author=author, title="Two", body="two")
    with pytest.raises(ValidationError):
        services.update_post(effort=effort, author=author, body="three")
    with pytest.raises(ValidationError):
        services.proposal_create(
            group=group,
            actor=author,
            title="Four",
            text="four",
            options=["Yes", "No"],
            closes_at=timezone.now() + timedelta(days=1),
        )


def test_the_limit_can_be_lifted_for_the_demo_seed(settings, group):
    from coordination.services.limits import write_limit_off

    settings.COORDINATION_WRITE_RATE = "1/600"
    author = _join(group)
    with write_limit_off():
        thread = services.thread_create(group=group, author=author, title="A", body="a")
        services.post_create(thread=thread, author=author, body="b")
    services.post_create(thread=thread, author=author, body="c")  # the seed counted nothing
    with pytest.raises(ValidationError):
        services.post_create(thread=thread, author=author, body="d")


def test_update_followers_who_blocked_the_author_are_not_told(on_commit, group):
    from coordination.models import Effort, EffortFollow

    author = _join(group)
    blocker, follower = _join(group), _join(group)
    effort = Effort.objects.create(name="Dairy", owner=author, audience="members")
    from notifications.models import Preference

    for person in (blocker, follower):
        EffortFollow.objects.create(effort=effort, user=person)
        Preference.objects.create(user=person, kind="effort_update", mode="immediate")
    Block.objects.create(blocker=blocker, blocked=author)
    with on_commit():
        services.update_post(effort=effort, author=author, body="news")
    told = {address for message in mail.outbox for address in message.to}
    assert follower.email in told and blocker.email not in told


def test_adding_a_target_over_the_write_limit_is_a_message_not_an_error(client, settings, group):
    from coordination.models import Effort
    from wsr.companies.models import Company

    settings.COORDINATION_WRITE_RATE = "1/600"
    owner = _join(group)
    effort = Effort.objects.create(name="Dairy", owner=owner, audience="members")
    client.force_login(owner)
    for name in ("One", "Two"):
        company = Company.objects.create(name=name)
        response = client.post(
            f"/coordination/efforts/{effort.slug}/targets/", {"company": company.pk}
        )
        assert response.status_code == 302
    assert effort.targets.count() == 1
