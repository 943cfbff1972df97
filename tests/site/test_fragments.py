"""Fragments cached per audience (issue 22): a reader of one audience never gets another
audience's fragment, and a write to the data a fragment shows is seen at once."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone, translation

from tests.members.factories import StaffFactory, UserFactory, member
from wsr.site.fragments import audience_of, fragment
from wsr.site.generations import Generation

TEST_DATA = Generation("test:fragment-data")


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def built(request, label, **kwargs):
    return fragment("test", lambda: label, request=request, generations=[TEST_DATA], **kwargs)


def test_audiences(db, settings):
    settings.WSR_STAFF_MFA_REQUIRED = False
    assert audience_of(AnonymousUser()) == "public"
    assert audience_of(None) == "public"
    assert audience_of(UserFactory()) == "public"  # signed in, no member organization
    assert audience_of(member()) == "members"
    assert audience_of(StaffFactory()) == "staff"


def test_each_audience_gets_its_own_fragment(db, settings):
    settings.WSR_STAFF_MFA_REQUIRED = False
    anonymous, a_member, staff = AnonymousUser(), member(), StaffFactory()
    assert built(request_of(anonymous), "public rows") == "public rows"
    assert built(request_of(a_member), "member rows") == "member rows"
    assert built(request_of(staff), "staff rows") == "staff rows"
    # cached: a second build is not called
    assert built(request_of(AnonymousUser()), "other") == "public rows"
    assert built(request_of(member()), "other") == "member rows"


def test_language_and_zone_are_part_of_the_key(db):
    request = request_of(AnonymousUser())
    with translation.override("en"):
        assert built(request, "english") == "english"
    with translation.override("es"):
        assert built(request, "spanish") == "spanish"
    with translation.override("en"), timezone.override("America/Mexico_City"):
        assert built(request, "english, Mexico City") == "english, Mexico City"


def test_a_write_replaces_the_generation_and_the_fragment_is_built_again(db):
    request = request_of(AnonymousUser())
    assert built(request, "before") == "before"
    assert built(request, "unchanged") == "before"
    TEST_DATA.bump()
    assert built(request, "after") == "after"


def test_vary_and_per_audience_off(db):
    request = request_of(AnonymousUser())
    assert built(request, "page 1", vary=["page=1"]) == "page 1"
    assert built(request, "page 2", vary=["page=2"]) == "page 2"
    shared = fragment("shared", lambda: "same", request=request, per_audience=False)
    assert (
        fragment("shared", lambda: "x", request=request_of(member()), per_audience=False) == shared
    )


def test_a_preview_is_built_every_time_and_never_kept(db):
    """A preview shows unsaved content: it neither reads nor fills the reader's entry."""
    reader = request_of(AnonymousUser())
    assert built(reader, "published") == "published"
    preview = request_of(AnonymousUser())
    preview.is_preview = True
    assert built(preview, "draft") == "draft"
    assert built(reader, "other") == "published"  # the draft was not kept
