"""Every case URL walked as each role: outside the audience, always 404 (or the login page
for a visitor), whatever is guessed; the requester's side never sees internal material."""

import pytest
from django.urls import reverse

from assistance import services
from assistance.models import Case

from .factories import pdf, people

pytestmark = pytest.mark.django_db

OUTSIDERS = ("colleague", "other_admin", "stranger", "declined")
REQUESTER_SIDE = ("requester", "co_admin")
WORKING_SIDE = ("accepted", "staff")


@pytest.fixture
def world():
    world = people()
    case = world["case"]
    staff = world["staff"]
    world["shared_file"] = services.case_post(
        case=case, author=staff, body="Shared plan", is_shared=True, upload=pdf("plan.pdf")
    ).file
    world["internal_file"] = services.case_post(
        case=case,
        author=staff,
        body="Internal: buyer's position",
        is_shared=False,
        upload=pdf("position.pdf"),
    ).file
    world["task"] = services.case_task_add(
        case=case,
        actor=staff,
        title="Call the buyer back",
        owner=staff,
        due_on=case.first_response_due,
        is_shared=False,
    )
    return world


def _urls(world):
    case = world["case"]
    ref = case.reference
    assignment = case.assignments.first()
    return {
        "detail": ("get", reverse("assistance:case-detail", args=[ref]), {}),
        "history": ("get", reverse("assistance:case-history", args=[ref]), {}),
        "shared file": (
            "get",
            reverse("assistance:case-file", args=[ref, world["shared_file"].pk]),
            {},
        ),
        "internal file": (
            "get",
            reverse("assistance:case-file", args=[ref, world["internal_file"].pk]),
            {},
        ),
        "post": ("post", reverse("assistance:case-post", args=[ref]), {"body": "hello"}),
        "status": (
            "post",
            reverse("assistance:case-transition", args=[ref]),
            {"status-to_status": "triage"},
        ),
        "edit": ("post", reverse("assistance:case-update", args=[ref]), {"case-kind": "other"}),
        "invite": (
            "post",
            reverse("assistance:expert-invite", args=[ref]),
            {"invite-expert": world["stranger"].pk},
        ),
        "respond": (
            "post",
            reverse("assistance:assignment-respond", args=[ref, assignment.pk]),
            {"accept": "1"},
        ),
        "task": ("post", reverse("assistance:task-add", args=[ref]), {"task-title": "x"}),
        "task done": (
            "post",
            reverse("assistance:task-complete", args=[ref, world["task"].pk]),
            {},
        ),
        "lesson": (
            "post",
            reverse("assistance:lesson-start", args=[ref]),
            {"lesson-title": "x", "lesson-summary": "y"},
        ),
    }


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_404_on_every_case_url(client, world, role):
    client.force_login(world[role])
    for name, (method, url, data) in _urls(world).items():
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (role, name, response.status_code)
    assert world["case"].reference not in client.get("/assistance/cases/").content.decode()
    assert client.get("/assistance/queue/").status_code == 403
    assert Case.objects.get().status == "submitted"


def test_a_visitor_is_sent_to_sign_in_for_every_case_url(client, world):
    for name, (method, url, data) in _urls(world).items():
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 404), name
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]


def test_a_guessed_reference_or_file_id_is_a_404_even_for_the_requester(client, world):
    client.force_login(world["requester"])
    ref = world["case"].reference
    assert (
        client.get(reverse("assistance:case-detail", args=["WSR-2026-AAAAAA"])).status_code == 404
    )
    other = people()
    other_file = services.case_post(
        case=other["case"], author=other["staff"], body="x", is_shared=True, upload=pdf()
    ).file
    assert client.get(reverse("assistance:case-file", args=[ref, other_file.pk])).status_code == 404


@pytest.mark.parametrize("role", REQUESTER_SIDE)
def test_the_requester_side_sees_only_shared_parts(client, world, role):
    client.force_login(world[role])
    urls = _urls(world)
    content = client.get(urls["detail"][1]).content.decode()
    assert "Shared plan" in content and "plan.pdf" in content
    assert "buyer&#x27;s position" not in content and "position.pdf" not in content
    assert "Call the buyer back" not in content  # an internal task (a random name may hold "Call")
    assert client.get(urls["shared file"][1]).status_code == 200
    assert client.get(urls["internal file"][1]).status_code == 404
    for name in ("history", "status", "edit", "invite", "lesson", "task", "task done"):
        method, url, data = urls[name]
        assert getattr(client, method)(url, data).status_code == 403, name
    assert client.post(urls["post"][1], {"body": "Our reply"}).status_code == 302
    reply = world["case"].timeline.latest("created_at")
    assert reply.kind == "reply" and reply.is_shared


@pytest.mark.parametrize("role", WORKING_SIDE)
def test_the_working_side_sees_the_whole_case(client, world, role):
    client.force_login(world[role])
    urls = _urls(world)
    content = client.get(urls["detail"][1]).content.decode()
    assert "buyer&#x27;s position" in content and "Internal" in content
    response = client.get(urls["internal file"][1])
    assert response.status_code == 200
    assert "position.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_an_invited_expert_reads_a_summary_and_answers_before_working(client, world):
    client.force_login(world["invited"])
    urls = _urls(world)
    content = client.get(urls["detail"][1]).content.decode()
    assert "asks you to work on this case" in content
    assert "Shared plan" not in content and "buyer&#x27;s position" not in content
    assert client.post(urls["post"][1], {"body": "hi"}).status_code == 404
    assert client.get(urls["shared file"][1]).status_code == 404
    assignment = world["case"].assignments.get(expert=world["invited"])
    url = reverse("assistance:assignment-respond", args=[world["case"].reference, assignment.pk])
    assert client.post(url, {"accept": "1"}).status_code == 302
    assert "buyer&#x27;s position" in client.get(urls["detail"][1]).content.decode()


def test_files_are_stored_privately_under_a_random_name(world, settings):
    from pathlib import Path

    stored = Path(world["shared_file"].file.path)
    assert Path(settings.PRIVATE_MEDIA_ROOT) in stored.parents
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    assert "plan" not in stored.name and stored.suffix == ".pdf"
    assert world["shared_file"].original_name == "plan.pdf"
    with pytest.raises(ValueError):
        world["shared_file"].file.url  # noqa: B018 (no public URL exists)
