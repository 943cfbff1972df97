"""The determination rule of version 1, checked against cases worked by hand:
meets = every principle ≥ 2 and worker-driven = 3; partly = worker-driven ≥ 2; else not."""

import importlib

import pytest
from django.apps import apps as django_apps

from assistance.models import Determination, FrameworkVersion, determine

# worker-driven, binding, incentives, consequences, gains, verification, education
HAND_WORKED = [
    ((3, 3, 3, 3, 3, 3, 3), Determination.MEETS),
    ((3, 2, 2, 2, 2, 2, 2), Determination.MEETS),
    ((2, 3, 3, 3, 3, 3, 3), Determination.PARTLY),  # worker-driven short of 3
    ((3, 1, 3, 3, 3, 3, 3), Determination.PARTLY),  # one principle below 2
    ((2, 2, 2, 2, 2, 2, 2), Determination.PARTLY),
    ((3, 0, 0, 0, 0, 0, 0), Determination.PARTLY),
    ((2, 0, 0, 0, 0, 0, 0), Determination.PARTLY),
    ((1, 3, 3, 3, 3, 3, 3), Determination.DOES_NOT),  # not worker-driven enough
    ((0, 0, 0, 0, 0, 0, 0), Determination.DOES_NOT),
    ((3, 3, 3, 3, 3, 3, None), None),  # a criterion not scored yet
]


@pytest.fixture
def criteria(db):
    return list(FrameworkVersion.objects.get(number=1).criteria.order_by("sort_order"))


@pytest.mark.parametrize(("scores", "expected"), HAND_WORKED)
def test_version_1_rule_gives_the_hand_worked_determination(criteria, scores, expected):
    given = dict(zip([c.key for c in criteria], scores, strict=True))
    assert determine(criteria, given) == expected


def test_version_1_holds_the_seven_principles_in_order_with_the_rule(criteria):
    assert [c.key for c in criteria] == [
        "worker-driven",
        "binding-agreements",
        "buyer-incentives",
        "market-consequences",
        "measurable-gains",
        "independent-verification",
        "worker-education",
    ]
    assert [c.min_to_meet for c in criteria] == [3, 2, 2, 2, 2, 2, 2]
    assert [c.min_to_partly_meet for c in criteria] == [2, None, None, None, None, None, None]
    assert all(c.guidance_absent and c.guidance_strong and c.indicator_list for c in criteria)
    assert FrameworkVersion.objects.current().number == 1


def test_the_data_migration_is_idempotent_and_restores_version_1_after_a_flush(db):
    migration = importlib.import_module("assistance.migrations.0004_framework_version_1")
    migration.add_version_1(django_apps, None)
    assert FrameworkVersion.objects.filter(number=1).count() == 1
    FrameworkVersion.objects.filter(number=1).delete()  # as a test database flush does
    migration.add_version_1(django_apps, None)
    version = FrameworkVersion.objects.get(number=1)
    assert version.is_published and version.criteria.count() == 7
