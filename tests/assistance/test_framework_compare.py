"""Two framework versions compared criterion by criterion (issue 19): matched by key, each
added, removed, changed or unchanged, the text differences marked with <del>/<ins> and words a
screen reader says; published versions to everyone, drafts to staff; bad input is a 400."""

import pytest

from assistance import services
from assistance.models import Criterion
from assistance.versions import Status, word_diff
from tests.members.factories import StaffFactory, UserFactory
from tests.query_counts import get_pinned

pytestmark = pytest.mark.django_db

URL = "/initiatives/framework/compare/"


def _revision(*, publish=True):
    """Version 2, copied from version 1 by the service staff use: one criterion renamed (in
    English and Spanish) with a higher minimum, one removed, one added, one changed in Spanish
    only."""
    staff = StaffFactory()
    draft = services.framework_version_draft()
    education = draft.criteria.get(key="worker-education")
    education.name = "Worker-to-worker education, on paid time"
    education.name_es = "Educación entre trabajadores, en horas pagadas"
    education.min_to_partly_meet = 2
    education.save()
    draft.criteria.get(key="market-consequences").delete()
    Criterion.objects.create(
        version=draft, key="freedom-of-association", name="Freedom of association", sort_order=9
    )
    binding = draft.criteria.get(key="binding-agreements")
    binding.description_es = "Acuerdos firmados <b>y</b> exigibles ante un tribunal."
    binding.save()
    if publish:
        services.framework_version_publish(version=draft, actor=staff)
    return draft


def _by_key(response):
    return {row.key: row for row in response.context["comparison"].criteria}


def test_the_comparison_marks_added_removed_changed_and_unchanged(client):
    _revision()
    response = client.get(f"{URL}?from=1&to=2")
    assert response.status_code == 200
    rows = _by_key(response)
    assert rows["freedom-of-association"].status == Status.ADDED
    assert rows["market-consequences"].status == Status.REMOVED
    assert rows["worker-education"].status == Status.CHANGED
    assert rows["worker-driven"].status == Status.UNCHANGED
    labels = [c.label for c in rows["worker-education"].changes]
    assert labels == ["Name", "Minimum score to partly meet them"]
    html = response.content.decode()
    assert (
        'Worker-to-worker education<ins><span class="visually-hidden">added: </span>'
        ", on paid time</ins>" in html
    )
    assert '<del><span class="visually-hidden">removed: </span>' in html
    assert "1 added, 1 removed" in html


def test_a_change_in_the_other_language_only_is_named_and_spanish_texts_are_compared(client):
    _revision()
    english = client.get(f"{URL}?from=1&to=2")
    binding = _by_key(english)["binding-agreements"]
    assert binding.status == Status.CHANGED
    assert binding.changes[0].other_language_only
    spanish = client.get(f"/es{URL}?from=1&to=2")
    assert spanish.status_code == 200
    change = _by_key(spanish)["binding-agreements"].changes[0]
    assert not change.other_language_only
    html = spanish.content.decode()
    # People's text is escaped inside the marks.
    assert "&lt;b&gt;y&lt;/b&gt;" in html and "<b>y</b>" not in html
    assert "Educación entre trabajadores" in html


def test_the_word_diff_keeps_whole_words():
    segments = word_diff("Workers decide on complaints", "Workers decide on all complaints")
    assert [(s.kind, s.text) for s in segments] == [
        ("equal", "Workers decide on "),
        ("added", "all "),
        ("equal", "complaints"),
    ]


def test_drafts_are_compared_by_staff_only(client):
    _revision(publish=False)
    response = client.get(f"{URL}?from=1&to=2")
    assert response.status_code == 400
    assert "There is no version 2 to compare." in response.content.decode()
    assert "draft" not in response.content.decode().lower().split("<main")[1]
    client.force_login(UserFactory())
    assert client.get(f"{URL}?from=1&to=2").status_code == 400
    client.force_login(StaffFactory())
    response = client.get(f"{URL}?from=1&to=2")
    assert response.status_code == 200
    assert _by_key(response)["freedom-of-association"].status == Status.ADDED


@pytest.mark.parametrize(
    "query",
    [
        "from=1",
        "to=2",
        "from=abc&to=2",
        "from=1&to=1",
        "from=99999999999999999999999999&to=2",
        "from=-1&to=2",
        "from=&to=",
        "from=1&to=2%00",
    ],
)
def test_bad_parameters_are_a_clear_400(client, query):
    _revision()
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.context is None or response.context.get("comparison") is None
    html = response.content.decode()
    if "%00" in query:
        return  # refused before the view, by the site's middleware
    form = html[html.index('<form method="get" class="compare-versions"') :]
    form = form[: form.index("</form>")]
    assert 'class="errorlist"' in form or "alert--error" in form
    assert "9" * 20 not in form  # what is said back is kept short


def test_without_parameters_the_form_offers_the_two_newest_versions(client):
    _revision()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_from">' in html and '<label for="id_to">' in html
    assert response.context["form"].initial == {"from": "1", "to": "2"}
    assert response.context["comparison"] is None


@pytest.mark.parametrize("extra", [0, 12])
def test_the_comparison_takes_the_same_queries_whatever_the_number_of_criteria(
    client, extra, django_assert_num_queries
):
    draft = _revision(publish=False)
    Criterion.objects.bulk_create(
        Criterion(version=draft, key=f"extra-{n}", name=f"Extra {n}", sort_order=20 + n)
        for n in range(extra)
    )
    services.framework_version_publish(version=draft, actor=StaffFactory())
    response = get_pinned(client, f"{URL}?from=1&to=2", 2, django_assert_num_queries)
    assert len(response.context["comparison"].criteria) == 8 + extra
