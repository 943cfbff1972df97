"""No input a person can type into a URL or a form gives a server error (issue 17, "Reach").

On the demo site, signed in as an anonymous visitor, a member, an organization's admin and
staff, every GET parameter and every form field of the site's own views gets hostile values
(NUL bytes, huge and negative numbers, the years 1 and 9999, unbalanced quotes, 10,000
characters, RTL and zero-width marks, emoji, SQL and LIKE metacharacters, repeated keys,
hostile uploads), and so does every value a route reads from its path. What is fed where is
found from the code and the pages (tests/site/fuzzing.py), not kept in a list. Hypothesis
draws mixtures on top of a fixed sweep that gives every field every kind of value once.

Each request runs in a savepoint rolled back afterwards: one request's writes or a database
error on PostgreSQL cannot hide what the next one would do.
"""

import time
from collections import deque

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.db import transaction
from django.test.utils import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import Client
from wsr.celery import app as celery_app
from wsr.members.models import User

from . import fuzzing

# one worker runs the whole module: its demo is seeded once per run, not once per worker
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_fuzz")]

ROLES = {
    "anonymous": None,
    "member": "member@wsr.test",
    "org_admin": "orgadmin@wsr.test",
    "staff": "staff@wsr.test",
}
MAX_CRAWL = 400
EXAMPLES = 3
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the four roles and rolled back at the end of the module."""
    media = tmp_path_factory.mktemp("fuzz-media")
    overrides = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=media / "public",
        PRIVATE_MEDIA_ROOT=media / "private",
        SITE_URL="http://testserver",
    )
    overrides.enable()
    celery_app.conf.task_always_eager = True
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            overrides.disable()


class Fuzzer:
    def __init__(self, role: str):
        self.role = role
        self.client = Client()
        self.client.raise_request_exception = False
        email = ROLES[role]
        if email:
            self.client.force_login(User.objects.get(email=email))
        self.failures: dict[tuple, str] = {}
        self.requests = 0
        self.last_error = ""

    # One request, in a savepoint -------------------------------------------------------------

    def ask(self, method: str, path: str, data=None) -> bool:
        self.requests += 1
        self.last_error = ""
        if method == "post" and data:
            data = {
                name: fuzzing.hostile_file(value) if name in self.file_fields else value
                for name, value in data.items()
            }
        savepoint = transaction.savepoint()
        try:
            response = getattr(self.client, method)(path, data)
            status = response.status_code
        finally:
            transaction.savepoint_rollback(savepoint)
        if status >= 500:
            key = (method, path.split("?")[0], status)
            self.failures.setdefault(
                key,
                f"{self.role} {method.upper()} {_short(path)} {_short(data)}: {status} "
                f"{self.last_error}",
            )
            return False
        return True

    def note_exception(self, sender, request=None, **kwargs):
        import sys

        error = sys.exc_info()[1]
        self.last_error = f"{type(error).__name__}: {_short(str(error))}"

    # Discovery -------------------------------------------------------------------------------

    def crawl(self):
        routes = fuzzing.own_routes()
        queue = deque(["/", *fuzzing.sample_paths(routes)])
        queued = {fuzzing.route_key(path) for path in queue}
        self.pages: dict[str, dict] = {}  # route key -> path, GET names
        forms: dict[tuple, fuzzing.Form] = {}
        while queue and len(self.pages) < MAX_CRAWL:
            path = queue.popleft()
            key = fuzzing.route_key(path)
            fuzzing.READ_NAMES.clear()
            savepoint = transaction.savepoint()
            try:
                response = self.client.get(path)
            finally:
                transaction.savepoint_rollback(savepoint)
            self.requests += 1
            if response.status_code >= 500:
                self.failures[("get", path, response.status_code)] = f"{self.role} GET {path}"
                continue
            names = set(fuzzing.READ_NAMES)
            html = ""
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                html = response.content.decode("utf-8", "replace")
                names |= fuzzing.source_get_names(response.resolver_match.func)
            self.pages[key] = {"path": path, "names": names, "ok": response.status_code == 200}
            for form in fuzzing.parse_forms(path, html):
                if fuzzing.route_key(form.action.split("?")[0]) is None:
                    continue  # allauth, the language switcher: not the site's own code
                forms.setdefault(form.signature(), form)
            for link in fuzzing.links(path, html):
                link_key = fuzzing.route_key(link)
                if link_key and link_key not in queued:
                    queued.add(link_key)
                    queue.append(link)
        self.get_forms = [form for form in forms.values() if form.method == "get"]
        self.post_forms = [form for form in forms.values() if form.method == "post"]
        for form in self.get_forms:
            action_key = fuzzing.route_key(form.action.split("?")[0])
            page = self.pages.setdefault(
                action_key, {"path": form.action.split("?")[0], "names": set(), "ok": True}
            )
            page["names"] |= set(form.fields)

    # Fuzzing ---------------------------------------------------------------------------------

    def fuzz_paths(self):
        for page in self.pages.values():
            for path in fuzzing.hostile_paths(page["path"]):
                self.ask("get", path)

    def fuzz_get_parameters(self):
        for page in self.pages.values():
            names = sorted(page["names"] - SKIPPED_FIELDS)
            if not names or not page["ok"]:
                continue
            path = page["path"]
            if _first_time(("get", fuzzing.route_key(path), tuple(names))):
                for value in fuzzing.SWEEP:
                    self.ask("get", path, dict.fromkeys(names, value))

            @FUZZ_SETTINGS
            @given(st.fixed_dictionaries({}, optional={n: hostile_value() for n in names}))
            def property_no_server_error(query, path=path):
                assert self.ask("get", path, query)

            _run(property_no_server_error)

    def fuzz_forms(self):
        for form in self.post_forms:
            fields = {n: f for n, f in form.fields.items() if n not in SKIPPED_FIELDS}
            if not fields:
                self.ask("post", form.action, dict(form.baseline))
                continue
            self.file_fields = {n for n, f in fields.items() if f.kind == "file"}
            baseline = {n: v for n, v in form.baseline.items() if n not in self.file_fields}
            if _first_time(form.signature()):
                rounds = max(len(fuzzing.BY_KIND[f.kind]) for f in fields.values())
                for index in range(rounds):
                    data = dict(baseline)
                    for name, spec in fields.items():
                        values = fuzzing.BY_KIND[spec.kind]
                        data[name] = values[index % len(values)]
                    self.ask("post", form.action, data)
                for name, spec in fields.items():
                    deep = fuzzing.BY_KIND[spec.kind][0]
                    self.ask("post", form.action, {**baseline, name: deep})

            @FUZZ_SETTINGS
            @given(
                st.fixed_dictionaries(
                    {},
                    optional={
                        name: hostile_value(spec.kind, spec.options)
                        for name, spec in fields.items()
                    },
                )
            )
            def property_no_server_error(changes, action=form.action, baseline=baseline):
                assert self.ask("post", action, {**baseline, **changes})

            _run(property_no_server_error)
        self.file_fields = set()

    file_fields: set[str] = set()


def hostile_value(kind: str = "text", options=()):
    if kind == "file":
        return st.sampled_from(fuzzing.BY_KIND["file"])
    plain = st.sampled_from(fuzzing.BY_KIND[kind] + fuzzing.CATALOG)
    drawn = st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
        st.integers().map(str),
        st.dates().map(str),
    )
    choices = [plain, drawn, st.lists(plain | drawn, min_size=2, max_size=3)]
    if options:
        choices.append(st.sampled_from(list(options)))
    return st.one_of(*choices)


# What a role before fuzzed in full (the sweep); later roles only draw examples there. The
# roles run in the order of ROLES, the least privileged first.
SWEPT: set = set()


def _first_time(signature) -> bool:
    if signature in SWEPT:
        return False
    SWEPT.add(signature)
    return True


def _run(property_test):
    try:
        property_test()
    except Exception:  # noqa: BLE001 - the failure is already recorded with its request
        pass


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:160] + "…"


@pytest.mark.parametrize("role", list(ROLES))
def test_no_hostile_input_gives_a_server_error(demo, settings, role):
    settings.MIDDLEWARE = ["tests.site.fuzzing.RecordQueryNamesMiddleware", *settings.MIDDLEWARE]
    fuzzer = Fuzzer(role)
    got_request_exception.connect(fuzzer.note_exception)
    timings = []
    try:
        for step in ("crawl", "fuzz_paths", "fuzz_get_parameters", "fuzz_forms"):
            started, requests = time.process_time(), fuzzer.requests
            getattr(fuzzer, step)()
            timings.append(
                f"{step} {fuzzer.requests - requests} requests {time.process_time() - started:.1f}s"
            )
            if step == "crawl":
                assert len(fuzzer.pages) > 20, "the crawl should reach most of the site"
    finally:
        got_request_exception.disconnect(fuzzer.note_exception)
    summary = f"{role}: {len(fuzzer.pages)} pages, {len(fuzzer.post_forms)} forms; " + "; ".join(
        timings
    )
    assert not fuzzer.failures, "\n".join([summary, *fuzzer.failures.values()])
