"""Reads of the assistance desk, each starting from `Case.objects.visible_to(user)`."""

import statistics
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import TruncQuarter
from django.http import Http404
from django.utils.translation import get_language

from wsr.members.models import Affiliation, Membership

from ..models import (
    OPEN_STATUSES,
    Case,
    CaseAssignment,
    CaseStatus,
    CaseTask,
    HelpKind,
    expert_reason_text,
)

User = get_user_model()

# The words in a person's declared expertise that point to each kind of help.
KIND_KEYWORDS = {
    HelpKind.STRATEGY: ("strategy", "expansion", "sector", "organizing", "estrategia"),
    HelpKind.AGREEMENT: (
        "agreement",
        "code of conduct",
        "standards",
        "legal",
        "contract",
        "acuerdo",
    ),
    HelpKind.MONITORING: ("monitoring", "enforcement", "audit", "investigation", "monitoreo"),
    HelpKind.COMPLAINTS: ("complaint", "grievance", "hotline", "queja", "quejas"),
    HelpKind.EDUCATION: ("education", "training", "worker-to-worker", "educación", "capacitación"),
    HelpKind.CAMPAIGN: ("campaign", "organizing", "media", "boycott", "campaña"),
    HelpKind.EVALUATION: ("evaluation", "research", "assessment", "data", "evaluación"),
    HelpKind.OTHER: (),
}


def case_for(user, reference: str) -> Case:
    """The case `reference` if `user` is in its audience; a 404 otherwise, never a 403."""
    try:
        return (
            Case.objects.visible_to(user)
            .select_related("organization", "sector", "lead__profile", "requester__profile")
            .get(reference=reference)
        )
    except Case.DoesNotExist:
        raise Http404 from None


def invitation_for(user, reference: str) -> CaseAssignment | None:
    """`user`'s unanswered invitation to the case `reference`, if any (the summary page)."""
    return (
        CaseAssignment.objects.visible_to(user)
        .open()
        .filter(expert=user, case__reference=reference)
        .select_related("case__sector")
        .first()
    )


def invitations_for(user):
    """The invitations `user` has not answered yet, newest first."""
    return (
        CaseAssignment.objects.visible_to(user)
        .open()
        .filter(expert=user)
        .select_related("case__sector")
        .order_by("-invited_at")
    )


def _with_people(queryset):
    return queryset.select_related(
        "organization", "sector", "lead__profile", "requester__profile"
    ).prefetch_related(
        Prefetch(
            "assignments",
            queryset=CaseAssignment.objects.select_related("expert__profile").order_by(
                "invited_at"
            ),
        )
    )


def case_list_for(user):
    """The cases a person follows in the portal: theirs, their organization's, assigned."""
    return _with_people(Case.objects.visible_to(user)).order_by("-submitted_at")


def queue(filters):
    """The staff queue: django-filter's `filters` applied to every case, what is due first
    (the awaited response's due time, service levels), then the oldest."""
    return _with_people(filters.qs).order_by(
        F("response_due_at").asc(nulls_last=True), "submitted_at", "pk"
    )


def timeline_for(case: Case, *, whole: bool):
    from django.db.models import Exists, OuterRef

    from ..models import TimelineRevision

    # Issue 19: the redaction marker and the "edited" marker, in the same query.
    entries = case.timeline.select_related(
        "author__profile", "file", "redaction__redacted_by__profile"
    ).annotate(is_edited=Exists(TimelineRevision.objects.filter(entry=OuterRef("pk"))))
    return entries if whole else entries.filter(is_shared=True)


def tasks_for(case: Case, *, whole: bool):
    tasks = case.tasks.select_related("owner__profile")
    return tasks if whole else tasks.filter(is_shared=True)


def files_for(case: Case, *, whole: bool):
    files = case.files.all()
    return files if whole else files.filter(entry__is_shared=True)


@dataclass
class Suggestion:
    person: object
    score: int
    # Codes and values (EXPERT_REASONS), stored with the invitation; worded when shown.
    codes: list[dict] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        return [expert_reason_text(reason) for reason in self.codes]


def expert_suggestions(case: Case, *, limit: int = 8) -> list[Suggestion]:
    """Members and staff whose expertise, sectors, countries and languages fit `case`,
    ranked, each with the reasons. Already asked people are left out."""
    keywords = KIND_KEYWORDS.get(case.kind, ())
    countries = [str(code) for code in case.countries]
    language = case.preferred_language
    expertise_filter = Q()
    for word in keywords:
        expertise_filter |= Q(profile__expertise__name__icontains=word)
    fits = (
        expertise_filter
        | Q(profile__languages_spoken__code=language)
        | Q(profile__country__in=countries)
    )
    if case.sector_id:
        fits |= Q(profile__interest_sectors=case.sector_id)
    candidates = (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_staff=True)
            | Q(
                affiliations__organization__membership__status=Membership.Status.ACTIVE,
            )
        )
        .filter(fits)
        .exclude(case_assignments__case=case)
        .exclude(pk=case.requester_id)
        .exclude(
            pk__in=Affiliation.objects.filter(organization=case.organization).values("user_id")
        )
        .distinct()
        .select_related("profile")
        .prefetch_related(
            "profile__expertise", "profile__languages_spoken", "profile__interest_sectors"
        )
    )[:200]
    open_load = dict(
        CaseAssignment.objects.filter(
            status=CaseAssignment.Status.ACCEPTED, case__status__in=OPEN_STATUSES
        )
        .values_list("expert_id")
        .annotate(n=Count("pk"))
    )
    suggestions = []
    for person in candidates:
        profile = person.profile
        reasons, score = [], 0
        expertise = [tag.name for tag in profile.expertise.all()]
        matched = sorted({t for t in expertise for w in keywords if w in t.lower()})
        if matched:
            score += 4 * len(matched)
            reasons.append({"code": "expertise", "topics": matched})
        if case.sector_id and any(s.pk == case.sector_id for s in profile.interest_sectors.all()):
            score += 3
            names = {"en": case.sector.name, "es": case.sector.name_es or case.sector.name}
            reasons.append({"code": "sector", "sector": names})
        shared = sorted(
            {str(c.code) for c in profile.interest_countries if str(c.code) in countries}
            | ({str(profile.country)} if str(profile.country) in countries else set())
        )
        if shared:
            score += 2 * len(shared)
            reasons.append({"code": "countries", "countries": shared})
        if any(lang.code == language for lang in profile.languages_spoken.all()):
            score += 2
            reasons.append({"code": "language"})
        load = open_load.get(person.pk, 0)
        if load:
            score -= load
            reasons.append({"code": "load", "n": load})
        if person.is_staff:
            reasons.append({"code": "staff"})
        if score > 0:
            suggestions.append(Suggestion(person, score, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.person.display_name))
    return suggestions[:limit]


def expert_reasons_for(case: Case, expert) -> list[dict]:
    """Why `expert` fits `case`, as codes and values (EXPERT_REASONS), worded for each reader
    (the reasons of `expert_suggestions`, for one person)."""
    profile = expert.profile
    keywords = KIND_KEYWORDS.get(case.kind, ())
    countries = [str(code) for code in case.countries]
    reasons = []
    expertise = [tag.name for tag in profile.expertise.all()]
    matched = sorted({t for t in expertise for w in keywords if w in t.lower()})
    if matched:
        reasons.append({"code": "expertise", "topics": matched})
    if case.sector_id and profile.interest_sectors.filter(pk=case.sector_id).exists():
        sector = case.sector
        reasons.append(
            {"code": "sector", "sector": {"en": sector.name, "es": sector.name_es or sector.name}}
        )
    shared = sorted(
        {str(c.code) for c in profile.interest_countries if str(c.code) in countries}
        | ({str(profile.country)} if str(profile.country) in countries else set())
    )
    if shared:
        reasons.append({"code": "countries", "countries": shared})
    if profile.languages_spoken.filter(code=case.preferred_language).exists():
        reasons.append({"code": "language"})
    load = CaseAssignment.objects.filter(
        expert=expert, status=CaseAssignment.Status.ACCEPTED, case__status__in=OPEN_STATUSES
    ).count()
    if load:
        reasons.append({"code": "load", "n": load})
    if expert.is_staff:
        reasons.append({"code": "staff"})
    return reasons


def workload():
    """Per staff member: open cases led, open cases as expert, overdue responses (the awaited
    response past its service-level due time, as in the queue) and open tasks."""
    from django.utils import timezone

    now = timezone.now()
    today = timezone.localdate(now)
    return (
        User.objects.filter(is_staff=True, is_active=True)
        .annotate(
            leading=Count(
                "led_cases", filter=Q(led_cases__status__in=OPEN_STATUSES), distinct=True
            ),
            overdue=Count(
                "led_cases",
                filter=Q(
                    led_cases__status__in=OPEN_STATUSES,
                    led_cases__response_due_at__lt=now,
                ),
                distinct=True,
            ),
            expert_on=Count(
                "case_assignments",
                filter=Q(
                    case_assignments__status=CaseAssignment.Status.ACCEPTED,
                    case_assignments__case__status__in=OPEN_STATUSES,
                ),
                distinct=True,
            ),
            open_tasks=Count(
                "case_tasks", filter=Q(case_tasks__done_at__isnull=True), distinct=True
            ),
            late_tasks=Count(
                "case_tasks",
                filter=Q(case_tasks__done_at__isnull=True, case_tasks__due_on__lt=today),
                distinct=True,
            ),
        )
        .select_related("profile")
        .order_by("-leading", "email")
    )


def unassigned_count() -> int:
    return Case.objects.open().filter(lead__isnull=True).count()


def _days(start, end) -> float:
    return (end - start).total_seconds() / 86400


def report(cases=None) -> dict:
    """Cases by status, kind, sector and quarter; median days to first response and to
    resolution, overall and per quarter of submission."""
    cases = cases if cases is not None else Case.objects.all()
    status_labels = dict(CaseStatus.choices)
    kind_labels = dict(HelpKind.choices)
    by_status = [
        (status_labels[row["status"]], row["n"])
        for row in cases.values("status").annotate(n=Count("pk")).order_by("-n", "status")
    ]
    by_kind = [
        (kind_labels[row["kind"]], row["n"])
        for row in cases.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    ]
    spanish = get_language() == "es"  # a sector's name as Sector.__str__ gives it
    by_sector = [
        ((spanish and row["sector__name_es"]) or row["sector__name"] or "—", row["n"])
        for row in cases.values("sector_id", "sector__name", "sector__name_es")
        .annotate(n=Count("pk"))
        .order_by("-n", "sector__name")
    ]
    quarters: dict[str, dict] = {}
    rows = cases.annotate(quarter=TruncQuarter("submitted_at")).values_list(
        "quarter", "submitted_at", "first_response_at", "resolved_at"
    )
    all_first, all_resolved = [], []
    for quarter, submitted, first, resolved in rows.order_by("submitted_at"):
        label = f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"
        bucket = quarters.setdefault(label, {"n": 0, "first": [], "resolved": []})
        bucket["n"] += 1
        if first:
            bucket["first"].append(_days(submitted, first))
            all_first.append(bucket["first"][-1])
        if resolved:
            bucket["resolved"].append(_days(submitted, resolved))
            all_resolved.append(bucket["resolved"][-1])

    def median(values):
        return round(statistics.median(values), 1) if values else None

    by_quarter = [
        {
            "quarter": label,
            "n": bucket["n"],
            "median_first_response": median(bucket["first"]),
            "median_resolution": median(bucket["resolved"]),
        }
        for label, bucket in quarters.items()
    ]
    return {
        "total": sum(n for _label, n in by_status),
        "by_status": by_status,
        "by_kind": by_kind,
        "by_sector": by_sector,
        "by_quarter": by_quarter,
        "median_first_response": median(all_first),
        "median_resolution": median(all_resolved),
    }


def open_tasks_for(user):
    return (
        CaseTask.objects.filter(owner=user, done_at__isnull=True)
        .select_related("case")
        .order_by("due_on")
    )


def case_changes(case: Case) -> list[dict]:
    """The field history of `case`, newest first: who, when, and each field's old and new
    value, labelled. Three queries whatever the number of changes (records, people, sectors)."""
    from django.db.models import ForeignKey

    from wsr.members.models import Sector

    records = list(case.history.select_related("history_user__profile").order_by("history_date"))
    relations = {"lead": User, "sector": Sector}
    ids = {name: set() for name in relations}
    for record in records:
        for name in relations:
            if getattr(record, f"{name}_id"):
                ids[name].add(getattr(record, f"{name}_id"))
    names = {
        "lead": {
            u.pk: u.display_name
            for u in User.objects.filter(pk__in=ids["lead"]).select_related("profile")
        },
        "sector": {s.pk: str(s) for s in Sector.objects.filter(pk__in=ids["sector"])},
    }

    def show(field_name, value):
        field = Case._meta.get_field(field_name)
        if value in (None, "", []):
            return "—"
        if isinstance(field, ForeignKey):
            return names.get(field_name, {}).get(value, "—")
        # A CountryField's choices are a callable, which leaves its flatchoices None.
        labels = dict(field.flatchoices or field.choices) if field.choices else {}
        if getattr(field, "multiple", False) or isinstance(value, list | tuple):  # countries
            return ", ".join(str(labels.get(str(v), v)) for v in value) or "—"
        return labels.get(value, value) if labels else value

    changes = []
    previous = None
    for record in records:
        if previous is None:
            changes.append({"record": record, "created": True, "diffs": []})
        else:
            delta = record.diff_against(previous, excluded_fields=["lesson_page_id"])
            changes.append(
                {
                    "record": record,
                    "created": False,
                    "diffs": [
                        {
                            "field": Case._meta.get_field(change.field).verbose_name,
                            "old": show(change.field, change.old),
                            "new": show(change.field, change.new),
                        }
                        for change in delta.changes
                    ],
                }
            )
        previous = record
    return changes[::-1]


ACCESS_LOG_LIMIT = 50


def access_log_for(*, case: Case | None = None, assessment=None, limit: int = ACCESS_LOG_LIMIT):
    """The latest reads of one case or assessment, newest first, in one query."""
    from ..models import AccessRecord

    records = AccessRecord.objects.select_related("user__profile")
    if case is not None:
        records = records.filter(case=case)
    else:
        records = records.filter(assessment=assessment)
    return list(records[:limit])
