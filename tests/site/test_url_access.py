"""Every URL pattern of the URLconf, read from the resolver, has an access rule, and answers
each role as its rule says (wsr/site/access.py). A new URL without a rule fails here, and is
refused at run time by AccessPolicyMiddleware. Objects of each audience are walked per app
(tests/*/test_*visibility*, test_audience_channels, test_access_matrix) and, on the demo
data, by tests/site/test_anonymous_crawl.py."""

import re

import pytest
from django.urls import clear_url_caches, reverse

from tests.members.factories import StaffFactory, UserFactory, member
from wsr.site.access import rule_of
from wsr.site.urlwalk import walk

pytestmark = pytest.mark.django_db

MISSING = "999999"
REGEX_SAMPLES = {"fmt": None, "pk": MISSING, "slug": "no-such-thing"}


def _sample(match: re.Match) -> str:
    converter, name, group, regex = match.groups()
    if converter or name:
        return MISSING if converter == "int" else "no-such-thing"
    if group == "fmt":
        return regex.split("|")[0]
    return REGEX_SAMPLES.get(group) or "x"


def sample_path(pattern: str) -> str:
    """A concrete path for `pattern`, with ids and slugs that name no object."""
    path = re.sub(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>([^)]*)\)", _sample, pattern)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + path


ROUTES = list(walk())
APP_ROUTES = [
    route
    for route in ROUTES
    if not route.pattern.startswith(("cms/", "django-admin/"))
    and rule_of(route.view, route.pattern) in ("login", "member", "staff")
]


def test_every_url_pattern_declares_an_access_rule():
    undeclared = [
        f"{route.pattern} ({route.view.__module__}.{getattr(route.view, '__name__', '?')})"
        for route in ROUTES
        if rule_of(route.view, route.pattern) is None
    ]
    assert not undeclared, "URLs with no access rule:\n" + "\n".join(undeclared)


def test_the_walk_sees_every_app(client):
    patterns = " ".join(route.pattern for route in ROUTES)
    for prefix in ["portal/", "assistance/", "coordination/", "talks/", "notifications/"]:
        assert prefix in patterns


def test_a_view_without_a_rule_is_refused(client, settings):
    settings.ROOT_URLCONF = "tests.site.urls_undeclared"
    clear_url_caches()
    try:
        client.force_login(StaffFactory())
        response = client.get("/undeclared/")
        assert response.status_code == 403
        assert "no access rule" in response.content.decode()
        assert client.get("/declared/").status_code == 200
    finally:
        clear_url_caches()


def _ask(client, path):
    response = client.get(path)
    if response.status_code == 405:
        response = client.post(path, {})
    return response


@pytest.fixture
def people(db):
    return {
        "public": UserFactory(),
        "member": member(),
        "unverified_staff": StaffFactory(),
        "staff": StaffFactory(),
    }


def _login(client, people, role):
    client.logout()
    if role == "unverified_staff":
        client.force_login(people[role], second_factor=False)
    elif role != "anonymous":
        client.force_login(people[role])


# rule -> role -> (status, where a redirect goes) before any object is looked up
EXPECTED = {
    "login": {"anonymous": (302, "account_login")},
    "member": {
        "anonymous": (302, "account_login"),
        "public": (403, None),
        "unverified_staff": (302, "mfa_reauthenticate"),
    },
    "staff": {
        "anonymous": (302, "account_login"),
        "public": (403, None),
        "member": (403, None),
        "unverified_staff": (302, "mfa_reauthenticate"),
    },
}


@pytest.mark.parametrize("role", ["anonymous", "public", "member", "unverified_staff", "staff"])
def test_every_guarded_url_answers_each_role_as_its_rule_says(client, people, role):
    _login(client, people, role)
    wrong = []
    for route in APP_ROUTES:
        rule = rule_of(route.view, route.pattern)
        path = sample_path(route.pattern)
        response = _ask(client, path)
        expected = EXPECTED[rule].get(role)
        if expected is None:
            # Let through the rule: the object named in the path does not exist, so the view
            # answers 404 (or a form/redirect when the path names no object).
            if response.status_code in (401, 403, 500):
                wrong.append((path, rule, response.status_code))
            continue
        status, where = expected
        if response.status_code != status or (
            where and not response["Location"].startswith(reverse(where))
        ):
            wrong.append((path, rule, response.status_code, response.get("Location")))
    assert not wrong, wrong


def test_no_url_answers_an_anonymous_visitor_with_a_server_error(client):
    failures = []
    for route in ROUTES:
        if route.pattern.startswith(("cms/", "django-admin/")):
            continue
        path = sample_path(route.pattern)
        response = _ask(client, path)
        if response.status_code >= 500:
            failures.append((path, response.status_code))
    assert not failures, failures
