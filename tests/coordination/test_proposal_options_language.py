"""The usual answers of a vote (yes, no, abstain) read in each reader's language, whatever
language the proposal was written in; options in the author's own words stay as written
(issue 17)."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from coordination.forms import ProposalForm
from coordination.models import ProposalOption
from tests.coordination.test_groups_and_votes import _join, _proposal, group  # noqa: F401

pytestmark = pytest.mark.django_db


def labels(proposal, language):
    with translation.override(language):
        return [str(option) for option in proposal.options.all()]


def test_usual_answers_written_in_english_read_in_spanish(group):  # noqa: F811
    proposal = _proposal(group)
    assert labels(proposal, "en") == ["Yes", "No", "Abstain"]
    assert labels(proposal, "es") == ["Sí", "No", "Abstención"]


def test_usual_answers_written_in_spanish_read_in_english(group):  # noqa: F811
    from datetime import timedelta

    from django.utils import timezone

    from coordination import services

    proposal = services.proposal_create(
        group=group,
        actor=group.memberships.get(role="convener").user,
        title="Sandías",
        text="…",
        options=["Sí", "No", "Abstención", "Esperar un trimestre"],
        closes_at=timezone.now() + timedelta(days=2),
    )
    assert labels(proposal, "en") == ["Yes", "No", "Abstain", "Esperar un trimestre"]


def test_the_spanish_proposal_page_shows_spanish_answers(client, group):  # noqa: F811
    proposal = _proposal(group, results="live")
    voter = _join(group)
    client.force_login(voter)
    page = client.get(f"/es{proposal.get_absolute_url()}").content.decode()
    assert "Abstención" in page and "Abstain" not in page


def test_the_new_proposal_form_offers_the_usual_answers_in_the_pages_language():
    with translation.override("es"):
        assert ProposalForm()["options"].value() == "Sí\nNo\nAbstención"
    with translation.override("en"):
        assert ProposalForm()["options"].value() == "Yes\nNo\nAbstain"


def test_the_migration_gives_old_usual_answers_their_key(group):  # noqa: F811
    migration = importlib.import_module("coordination.migrations.0005_proposal_option_key_data")
    proposal = _proposal(group)
    ProposalOption.objects.filter(proposal=proposal).update(key="")
    ProposalOption.objects.create(proposal=proposal, label="Later", sort_order=9)
    migration.keys_for_usual_answers(apps, None)
    assert list(proposal.options.values_list("key", flat=True)) == ["yes", "no", "abstain", ""]
