"""Reads of the initiative registry, each starting from a visibility queryset: directory,
scorecards (public evidence only), comparison, enforcement trends and exports."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from wsr.members.models import Affiliation, Membership

from ..models import (
    Assessment,
    CriterionResponse,
    CriterionScore,
    Determination,
    EnforcementReport,
    Evidence,
    Initiative,
    InitiativeBuyer,
    Stage,
)


def initiative_directory(user, queryset=None):
    """The registry, as `user` may see it, ready to list without a query per row."""
    queryset = queryset if queryset is not None else Initiative.objects.all()
    return (
        queryset.filter(pk__in=Initiative.objects.visible_to(user).values("pk"))
        .prefetch_related("lead_organizations", "sectors")
        .select_related("latest_assessment__version")
        .order_by("name")
    )


def initiative_for(user, slug: str) -> Initiative:
    return get_object_or_404(Initiative.objects.visible_to(user), slug=slug)


def public_buyers(initiative: Initiative) -> list[InitiativeBuyer]:
    return list(initiative.buyers.filter(is_public=True).select_related("company"))


def _scores_prefetch():
    return Prefetch(
        "scores",
        queryset=CriterionScore.objects.select_related("criterion").order_by(
            "criterion__sort_order", "criterion__pk"
        ),
    )


def published_assessments(initiative: Initiative):
    """The initiative's published scorecards, oldest first, with their scores."""
    return (
        Assessment.objects.published()
        .filter(initiative=initiative)
        .select_related("initiative", "version", "reply__organization")
        .prefetch_related(_scores_prefetch())
        .order_by("published_at")
    )


def scorecard_for(slug: str, pk: int) -> Assessment:
    """A published scorecard: anything else (draft, review, reply) is not found here."""
    return get_object_or_404(
        Assessment.objects.published()
        .select_related("initiative", "version", "reply__organization")
        .prefetch_related(
            _scores_prefetch(),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(is_confidential=False).select_related("criterion"),
                to_attr="public_evidence",
            ),
            # The initiative's responses per criterion: their texts are published (issue 19).
            Prefetch(
                "criterion_responses",
                queryset=CriterionResponse.objects.select_related("organization"),
                to_attr="published_responses",
            ),
        ),
        initiative__slug=slug,
        pk=pk,
    )


@dataclass
class ScoreRow:
    key: str
    name: str
    score: int | None
    rationale: str
    evidence: list = field(default_factory=list)
    recommendation: str = ""
    response: object = None  # the initiative's CriterionResponse, when there is one
    criterion_id: int | None = None

    @property
    def bar(self) -> int:
        """Width of the score's bar in the chart (3 = 180 units)."""
        return (self.score or 0) * 60


def score_rows(assessment: Assessment, *, evidence=(), responses=()) -> list[ScoreRow]:
    """One row per criterion, with the public evidence filed under it, the recommendation
    and (given `responses`) the initiative's response on it."""
    by_criterion: dict = {}
    for item in evidence:
        by_criterion.setdefault(item.criterion_id, []).append(item)
    response_of = {r.criterion_id: r for r in responses}
    return [
        ScoreRow(
            key=s.criterion.key,
            name=s.criterion.display_name,
            score=s.score,
            rationale=s.rationale,
            evidence=by_criterion.get(s.criterion_id, []),
            recommendation=s.recommendation,
            response=response_of.get(s.criterion_id),
            criterion_id=s.criterion_id,
        )
        for s in assessment.scores.all()
    ]


@dataclass
class History:
    assessments: list
    rows: list  # (criterion name, [score or None per assessment])


def score_history(assessments: list[Assessment]) -> History:
    """How each criterion's score moved across published assessments, matched by the
    criterion's key (stable across framework versions)."""
    names: dict[str, str] = {}
    table: dict[str, dict[int, int | None]] = {}
    for assessment in assessments:
        for score in assessment.scores.all():
            names.setdefault(score.criterion.key, score.criterion.display_name)
            table.setdefault(score.criterion.key, {})[assessment.pk] = score.score
    rows = [(names[key], [table[key].get(a.pk) for a in assessments]) for key in names]
    return History(assessments=list(assessments), rows=rows)


@dataclass
class Comparison:
    initiatives: list
    rows: list  # (criterion name, [score or None per initiative])


def comparison(initiatives: list[Initiative]) -> Comparison:
    """Initiatives side by side on their latest published scorecards."""
    latest_ids = [i.latest_assessment_id for i in initiatives if i.latest_assessment_id]
    assessments = {
        a.pk: a
        for a in Assessment.objects.published()
        .filter(pk__in=latest_ids)
        .select_related("initiative", "version")
        .prefetch_related(_scores_prefetch())
    }
    names: dict[str, str] = {}
    table: dict[str, dict[int, int | None]] = {}
    for initiative in initiatives:
        initiative.scorecard = assessments.get(initiative.latest_assessment_id)
        if initiative.scorecard is None:
            continue
        for score in initiative.scorecard.scores.all():
            names.setdefault(score.criterion.key, score.criterion.display_name)
            table.setdefault(score.criterion.key, {})[initiative.pk] = score.score
    rows = [(names[key], [table[key].get(i.pk) for i in initiatives]) for key in names]
    return Comparison(initiatives=initiatives, rows=rows)


def enforcement_reports(initiative: Initiative, user):
    return (
        EnforcementReport.objects.visible_to(user)
        .filter(initiative=initiative)
        .order_by("period_start")
    )


@dataclass
class Series:
    label: str
    css: str
    points: str  # SVG polyline points
    dots: list  # (x, y, value)


@dataclass
class TrendChart:
    width: int
    height: int
    labels: list  # (x, text)
    series: list
    top: int
    gridlines: list  # (y, value)


def trend_chart(reports: list[EnforcementReport], measures) -> TrendChart | None:
    """Coordinates of a line chart of `measures` ([(field, label, css class)]) over the
    reports' periods, drawn as SVG by the template (no JavaScript, no chart library)."""
    if len(reports) < 2:
        return None
    width, height, left, right, top_pad, bottom = 640, 260, 56, 16, 16, 36
    values = [getattr(r, name) or 0 for r in reports for name, _label, _css in measures]
    top = _nice_ceiling(max(values) or 1)
    step_x = (width - left - right) / (len(reports) - 1)

    def x(i):
        return round(left + i * step_x, 1)

    def y(value):
        return round(height - bottom - (float(value) / top) * (height - bottom - top_pad), 1)

    series = []
    for name, label, css in measures:
        dots = [(x(i), y(getattr(r, name) or 0), getattr(r, name)) for i, r in enumerate(reports)]
        series.append(
            Series(
                label=label,
                css=css,
                points=" ".join(f"{dx},{dy}" for dx, dy, _v in dots),
                dots=dots,
            )
        )
    gridlines = [(y(top * k / 4), round(top * k / 4)) for k in range(5)]
    labels = [(x(i), r.period_label) for i, r in enumerate(reports)]
    return TrendChart(width, height, labels, series, top, gridlines)


def _nice_ceiling(value) -> int:
    value = float(value)
    magnitude = 10 ** max(len(str(int(value))) - 1, 0)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def assessment_list_for(user):
    """The assessments `user` works on or may reply to; staff see every one."""
    return (
        Assessment.objects.visible_to(user)
        .exclude(stage=Stage.PUBLISHED)
        .select_related("initiative", "version")
        .order_by("initiative__name", "-opened_at")
    )


def assessment_for(user, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.visible_to(user).select_related(
            "initiative", "version", "submitted_by", "signed_off_by", "reply__organization"
        ),
        pk=pk,
    )


def assessor_candidates(*, assessment: Assessment | None = None):
    """Who may be made an assessor: staff and the people of organizations whose membership is
    active (not of an organization made by the public request form). Given an assessment,
    without its assessors and anyone affiliated with an organization of its initiative."""
    User = get_user_model()
    member_of_active = Affiliation.objects.filter(
        user=OuterRef("pk"), organization__membership__status=Membership.Status.ACTIVE
    )
    # Listing staff people to choose from (not deciding what the viewer may do).
    people = User.objects.filter(is_active=True).filter(
        Q(is_staff=True) | Q(Exists(member_of_active))
    )
    if assessment is not None:
        tied = Affiliation.objects.filter(
            user=OuterRef("pk"), organization__in=assessment.initiative.organizations()
        )
        people = people.exclude(Exists(tied)).exclude(assessment_assignments__assessment=assessment)
    return people.select_related("profile").order_by("first_name", "last_name", "email")


def assessors_of(assessment: Assessment) -> list:
    """The assessment's assessors with their declarations, each marked `is_tied` when
    affiliated with an organization of the initiative (two queries)."""
    assignments = list(assessment.assignments.select_related("person__profile"))
    tied = set(
        Affiliation.objects.filter(
            user_id__in=[a.person_id for a in assignments],
            organization__in=assessment.initiative.organizations(),
        ).values_list("user_id", flat=True)
    )
    for assignment in assignments:
        assignment.is_tied = assignment.person_id in tied
    return assignments


def export_rows(assessments) -> list[dict]:
    """Scorecard data for CSV and JSON: scores, rationales, determinations. Evidence is left
    out entirely, confidential or not: downloads carry what the scorecard page states."""
    rows = []
    for a in assessments:
        for s in a.scores.all():
            rows.append(
                {
                    "initiative": a.initiative.name,
                    "initiative_slug": a.initiative.slug,
                    "assessment_id": a.pk,
                    "published_on": a.published_at.date().isoformat() if a.published_at else "",
                    "framework_version": a.version.number,
                    "determination": a.determination,
                    "determination_label": str(Determination(a.determination).label)
                    if a.determination
                    else "",
                    "is_override": bool(a.override),
                    "override_reason": a.override_reason,
                    "criterion_key": s.criterion.key,
                    "criterion": s.criterion.display_name,
                    "score": s.score,
                    "rationale": s.rationale,
                    "recommendation": s.recommendation,
                    "demo_data": a.is_demo,
                }
            )
    return rows


def exportable_assessments(initiative: Initiative | None = None):
    queryset = (
        Assessment.objects.published()
        .select_related("initiative", "version")
        .prefetch_related(_scores_prefetch())
        .order_by("initiative__name", "published_at")
    )
    return queryset.filter(initiative=initiative) if initiative else queryset


def binding_agreements_of(company, user) -> list:
    """The listed initiatives that name `company` as a buyer, each with its latest verified
    enforcement report (two queries whatever the number)."""
    memberships = list(
        InitiativeBuyer.objects.filter(
            company=company,
            is_public=True,
            initiative__in=Initiative.objects.visible_to(user),
        ).select_related("initiative__latest_assessment")
    )
    latest: dict[int, EnforcementReport] = {}
    for report in (
        EnforcementReport.objects.verified()
        .filter(initiative_id__in=[m.initiative_id for m in memberships])
        .order_by("period_start")
    ):
        latest[report.initiative_id] = report
    for membership in memberships:
        membership.latest_report = latest.get(membership.initiative_id)
    return memberships
