"""The demo registry follows the independence rule: its assessors are not of the assessed
initiative's organizations, and they declared before the evidence was added."""

import pytest
from django.core.management import call_command

from assistance import permissions
from assistance.demo_initiatives import ASSESSMENTS
from assistance.models import Assessment, AssessmentAssignment

pytestmark = pytest.mark.django_db


def test_every_demo_assessment_has_independent_assessors_who_declared_no_conflict():
    call_command("seed_demo", verbosity=0)
    assessed = set(Assessment.objects.values_list("initiative__name", flat=True))
    assert assessed == set(ASSESSMENTS)  # the Accords too, with another expert
    assignments = AssessmentAssignment.objects.select_related("assessment__initiative", "person")
    assert assignments.exists()
    for assignment in assignments:
        initiative = assignment.assessment.initiative
        assert not permissions.is_tied_to_initiative(assignment.person, initiative), initiative
        assert assignment.declared_at is not None and not assignment.has_conflict
