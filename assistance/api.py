"""This app's public collections of the open-data API (wsr.api.registry): initiatives,
published assessments, verified enforcement figures and framework versions.

Each list starts from the model's `visible_to(viewer)` and, like the public pages, keeps
to what is published: the scorecard page shows published assessments only (whoever asks),
the figures' downloads verified figures only, the framework page published versions only.
Drafts, assessments at the right-of-reply stage and figures waiting for verification are
work in progress, never open data, whoever's token calls."""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

from wsr.api.identifiers import find_by_slug, track
from wsr.api.registry import Collection, register
from wsr.api.schemas import Coded, CompanyReference, absolute, choice, coded, country, iso, sector
from wsr.members.models import Organization, Sector

from .models import (
    Assessment,
    ComplaintCategory,
    ComplaintCount,
    Criterion,
    CriterionResponse,
    CriterionScore,
    Determination,
    EnforcementReport,
    FrameworkVersion,
    Initiative,
    InitiativeBuyer,
    Score,
)

track(Initiative)

COUNTRY_PATTERN = r"^[A-Za-z]{2}$"


def _localized_pair(obj, field: str) -> dict:
    return {f"{field}_en": getattr(obj, field), f"{field}_es": getattr(obj, f"{field}_es")}


def _countries_of(value) -> list[dict]:
    return [country(c.code) for c in value]


def _in_country(queryset, code: str, path: str = ""):
    # countries are stored as "BD,US": match a whole code (the pattern keeps it two letters)
    return queryset.filter(**{f"{path}countries__regex": rf"(^|,){code.upper()}(,|$)"})


class DeterminationCode(StrEnum):
    MEETS = "meets"
    PARTLY = "partly"
    DOES_NOT = "does_not"


class InitiativeDeterminationCode(StrEnum):
    MEETS = "meets"
    PARTLY = "partly"
    DOES_NOT = "does_not"
    NONE = "none"


# initiatives -------------------------------------------------------------------------------


class InitiativeOrganization(Schema):
    name: str = Field(description="The organization's name.")
    id: str | None = Field(
        None,
        description="The organization's identifier on the site (its slug); null when its "
        "profile is not public (it is not an active member).",
    )
    countries: list[Coded] = Field(
        default_factory=list,
        description="Countries it works in (ISO 3166-1 alpha-2), when its profile is public.",
    )


class InitiativeRecord(Schema):
    id: str = Field(description="Stable identifier (the slug; a former slug redirects).")
    name: str = Field("", description="The initiative's name.")
    url: str = Field("", description="Its page on the site.")
    lead_organizations: list[InitiativeOrganization] = Field(
        default_factory=list, description="The worker organizations that lead it."
    )
    participating_organizations: list[InitiativeOrganization] = Field(
        default_factory=list, description="Other organizations taking part."
    )
    buyers: list[CompanyReference] = Field(
        default_factory=list,
        description="Participating buyers whose names are public (some agreements keep a "
        "buyer's name confidential: it is then only counted in buyers_count).",
    )
    sectors: list[Coded] = Field(default_factory=list, description="Sectors it covers.")
    countries: list[Coded] = Field(
        default_factory=list, description="Countries it covers (ISO 3166-1 alpha-2)."
    )
    start_year: int | None = Field(None, description="The year it started.")
    buyers_count: int | None = Field(
        None, description="Number of participating buyers, named or not."
    )
    workers_covered: int | None = Field(None, description="Workers covered, as it reports.")
    has_binding_agreements: bool = Field(
        False, description="Whether it has binding agreements with buyers."
    )
    calls_itself_wsr: bool = Field(
        False, description="Whether it calls itself worker-driven social responsibility (WSR)."
    )
    website: str = Field("", description="Its own website.")
    description_en: str = Field("", description="Description in English.")
    description_es: str = Field("", description="Description in Spanish.")
    determination: Coded | None = Field(
        None, description="Determination of its latest published assessment; null if none."
    )
    latest_assessment: int | None = Field(
        None, description="Id of its latest published assessment (assessments collection)."
    )
    is_demo: bool = Field(False, description="Invented for the demo site: not real data.")
    updated_at: str | None = Field(None, description="Last change (ISO 8601, UTC).")


def _organizations(organizations) -> list[dict]:
    # the initiative's page names them all; their profile (and what it says) only when the
    # site shows it to this viewer
    return [
        {
            "name": o.name,
            "id": o.slug if o.has_public_profile else None,
            "countries": _countries_of(o.countries) if o.has_public_profile else [],
        }
        for o in organizations
    ]


def initiative_record(initiative: Initiative) -> dict:
    return {
        "id": initiative.slug,
        "name": initiative.name,
        "url": absolute(initiative.get_absolute_url()),
        "lead_organizations": _organizations(initiative.lead_organizations.all()),
        "participating_organizations": _organizations(initiative.participating_organizations.all()),
        "buyers": [
            {"id": b.company.slug, "name": b.company.name} for b in initiative.public_buyers
        ],
        "sectors": [sector(s) for s in initiative.sectors.all()],
        "countries": _countries_of(initiative.countries),
        "start_year": initiative.start_year,
        "buyers_count": initiative.buyers_count,
        "workers_covered": initiative.workers_covered,
        "has_binding_agreements": initiative.has_binding_agreements,
        "calls_itself_wsr": initiative.calls_itself_wsr,
        "website": initiative.website,
        "description_en": initiative.description,
        "description_es": initiative.description_es,
        "determination": choice(Determination, initiative.determination),
        "latest_assessment": initiative.latest_assessment_id,
        "is_demo": initiative.is_demo,
        "updated_at": iso(initiative.updated_at),
    }


def initiatives(viewer):
    profiles = Organization.objects.visible_to(viewer or AnonymousUser())
    organizations = Organization.objects.annotate(
        has_public_profile=Exists(profiles.filter(pk=OuterRef("pk")))
    ).order_by("name")
    return Initiative.objects.visible_to(viewer).prefetch_related(
        Prefetch("lead_organizations", queryset=organizations),
        Prefetch("participating_organizations", queryset=organizations),
        Prefetch("sectors", queryset=Sector.objects.all()),
        Prefetch(
            "buyers",
            queryset=InitiativeBuyer.objects.filter(is_public=True).select_related("company"),
            to_attr="public_buyers",
        ),
    )


class InitiativeFilters(Schema):
    sector: str | None = Field(None, description="A sector's code: initiatives covering it.")
    country: str | None = Field(
        None,
        pattern=COUNTRY_PATTERN,
        description="An ISO 3166-1 alpha-2 code: initiatives covering that country.",
    )
    company: str | None = Field(
        None, description="A company's id (slug): initiatives it publicly takes part in."
    )
    determination: InitiativeDeterminationCode | None = Field(
        None,
        description="The latest published determination; `none` for initiatives not yet assessed.",
    )


def filter_initiatives(queryset, filters: InitiativeFilters):
    if filters.sector is not None:
        queryset = queryset.filter(sectors__slug=filters.sector)
    if filters.country is not None:
        queryset = _in_country(queryset, filters.country)
    if filters.company is not None:
        # a confidential buyer is never revealed, not even by a filter
        public_buyer = InitiativeBuyer.objects.filter(
            initiative=OuterRef("pk"), is_public=True, company__slug=filters.company
        )
        queryset = queryset.filter(Exists(public_buyer))
    if filters.determination is not None:
        value = filters.determination.value
        queryset = queryset.filter(determination="" if value == "none" else value)
    return queryset


# assessments -------------------------------------------------------------------------------


class InitiativeReference(Schema):
    id: str = Field(description="The initiative's id in the initiatives collection.")
    name: str = Field(description="The initiative's name.")


class CriterionResponseRecord(Schema):
    text: str = Field(description="The initiative's response on this criterion.")
    organization: str = Field(description="The organization that responded.")
    updated_at: str | None = Field(None, description="When (ISO 8601, UTC).")


class ScoreRecord(Schema):
    criterion: str = Field(description="The criterion's code (stable across versions).")
    position: int = Field(description="Its place in the framework version, from 1.")
    criterion_name_en: str = Field("", description="The criterion's name in English.")
    criterion_name_es: str = Field("", description="The criterion's name in Spanish.")
    score: int | None = Field(None, description="0 (absent) to 3 (strong).")
    score_label: Coded | None = Field(None, description="The score in words.")
    rationale: str = Field("", description="The assessors' rationale.")
    recommendation: str = Field("", description="What the initiative could do to score higher.")
    response: CriterionResponseRecord | None = Field(
        None, description="The initiative's response on this criterion, if it gave one."
    )


class ReplyRecord(Schema):
    text: str = Field(description="The initiative's reply to the scorecard.")
    organization: str = Field(description="The lead organization that replied.")
    submitted_at: str | None = Field(None, description="When (ISO 8601, UTC).")


class AssessmentRecord(Schema):
    id: int = Field(description="Stable identifier.")
    initiative: InitiativeReference | None = Field(None, description="The initiative assessed.")
    url: str = Field("", description="The scorecard's page on the site.")
    framework_version: int | None = Field(
        None, description="The framework version it was made with (frameworks collection)."
    )
    determination: Coded | None = Field(None, description="The determination published.")
    is_override: bool = Field(
        False, description="Whether staff overrode the framework's rule (reason given)."
    )
    override_reason: str = Field("", description="The Collaborative's reason for an override.")
    summary: str = Field("", description="The scorecard's summary.")
    published_at: str | None = Field(None, description="When it was published (ISO 8601, UTC).")
    scores: list[ScoreRecord] = Field(default_factory=list, description="Scores per criterion.")
    reply: ReplyRecord | None = Field(
        None, description="The initiative's reply; null if it did not reply."
    )
    is_demo: bool = Field(False, description="Invented for the demo site: not real data.")
    updated_at: str | None = Field(None, description="Last change (ISO 8601, UTC).")


def _score(row: CriterionScore, position: int, responses: dict) -> dict:
    criterion = row.criterion
    response = responses.get(criterion.pk)
    return {
        "criterion": criterion.key,
        "position": position,
        "criterion_name_en": criterion.name,
        "criterion_name_es": criterion.name_es or criterion.name,
        "score": row.score,
        "score_label": choice(Score, row.score),
        "rationale": row.rationale,
        "recommendation": row.recommendation,
        "response": {
            "text": response.text,
            "organization": response.organization.name,
            "updated_at": iso(response.updated_at),
        }
        if response is not None and response.text
        else None,
    }


def assessment_record(assessment: Assessment) -> dict:
    reply = getattr(assessment, "reply", None)
    responses = {r.criterion_id: r for r in assessment.criterion_responses.all()}
    return {
        "id": assessment.pk,
        "initiative": {"id": assessment.initiative.slug, "name": assessment.initiative.name},
        "url": absolute(assessment.get_scorecard_url()),
        "framework_version": assessment.version.number,
        "determination": choice(Determination, assessment.determination),
        "is_override": bool(assessment.override),
        "override_reason": assessment.override_reason,
        "summary": assessment.summary,
        "published_at": iso(assessment.published_at),
        "scores": [
            _score(row, position, responses)
            for position, row in enumerate(assessment.scores.all(), start=1)
        ],
        "reply": {
            "text": reply.text,
            "organization": reply.organization.name,
            "submitted_at": iso(reply.submitted_at),
        }
        if reply is not None
        else None,
        "is_demo": assessment.is_demo,
        "updated_at": iso(assessment.updated_at),
    }


def assessments(viewer):
    return (
        Assessment.objects.visible_to(viewer)
        .published()
        .select_related("initiative", "version", "reply__organization")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=CriterionScore.objects.select_related("criterion").order_by(
                    "criterion__sort_order", "criterion__pk"
                ),
            ),
            Prefetch(
                "criterion_responses",
                queryset=CriterionResponse.objects.select_related("organization"),
            ),
        )
    )


class AssessmentFilters(Schema):
    initiative: str | None = Field(None, description="An initiative's id (slug).")
    determination: DeterminationCode | None = Field(None, description="The determination.")
    sector: str | None = Field(None, description="A sector's code: of initiatives covering it.")
    country: str | None = Field(
        None,
        pattern=COUNTRY_PATTERN,
        description="An ISO 3166-1 alpha-2 code: of initiatives covering that country.",
    )


def _of_initiatives(queryset, filters):
    if filters.initiative is not None:
        queryset = queryset.filter(initiative__slug=filters.initiative)
    if filters.sector is not None:
        queryset = queryset.filter(
            initiative__in=Initiative.objects.filter(sectors__slug=filters.sector)
        )
    if filters.country is not None:
        queryset = queryset.filter(
            initiative__in=_in_country(Initiative.objects.all(), filters.country)
        )
    return queryset


def filter_assessments(queryset, filters: AssessmentFilters):
    queryset = _of_initiatives(queryset, filters)
    if filters.determination is not None:
        queryset = queryset.filter(determination=filters.determination.value)
    return queryset


# enforcement figures -----------------------------------------------------------------------


class CountRecord(Schema):
    code: str = Field(description="Stable code of the category or outcome.")
    label_en: str = Field("", description="Label in English.")
    label_es: str = Field("", description="Label in Spanish.")
    count: int = Field(description="Complaints in it during the period.")


class EnforcementFigureRecord(Schema):
    id: int = Field(description="Stable identifier.")
    initiative: InitiativeReference | None = Field(None, description="The initiative reporting.")
    period_start: str | None = Field(None, description="First day of the period (ISO 8601).")
    period_end: str | None = Field(None, description="Last day of the period (ISO 8601).")
    period_label: str = Field("", description="The period as the site writes it.")
    workers_covered: int | None = Field(None, description="Workers covered in the period.")
    complaints_received: int | None = Field(None, description="Complaints received.")
    complaints_resolved: int | None = Field(None, description="Complaints resolved.")
    median_days_to_resolution: float | None = Field(
        None, description="Median days from complaint to resolution."
    )
    audits: int | None = Field(None, description="Audits or inspections.")
    suppliers_suspended: int | None = Field(None, description="Suppliers suspended.")
    suppliers_corrective_action: int | None = Field(
        None, description="Suppliers under corrective action."
    )
    premium_paid: float | None = Field(None, description="Premium paid to workers.")
    premium_currency: str = Field("", description="ISO 4217 currency of the premium.")
    education_sessions: int | None = Field(None, description="Worker-education sessions.")
    complaints_by_category: list[CountRecord] = Field(
        default_factory=list, description="Complaints per category, where reported."
    )
    complaints_by_outcome: list[CountRecord] = Field(
        default_factory=list, description="Complaints per outcome, where reported."
    )
    source_note: str = Field("", description="The source of the figures.")
    narrative: str = Field("", description="What happened in the period, in its words.")
    verified_at: str | None = Field(
        None, description="When the Collaborative verified them (ISO 8601, UTC)."
    )
    is_demo: bool = Field(False, description="Invented for the demo site: not real data.")


def _number(value) -> float | None:
    return None if value is None else float(value)


def _counts(report, kind) -> list[dict]:
    return [
        {
            "code": c.category.code,
            "label_en": c.category.name_en,
            "label_es": c.category.name_es or c.category.name_en,
            "count": c.count,
        }
        for c in report.complaint_counts.all()
        if c.category.kind == kind
    ]


def enforcement_figure_record(report: EnforcementReport) -> dict:
    return {
        "id": report.pk,
        "initiative": {"id": report.initiative.slug, "name": report.initiative.name},
        "period_start": iso(report.period_start),
        "period_end": iso(report.period_end),
        "period_label": report.period_label,
        "workers_covered": report.workers_covered,
        "complaints_received": report.complaints_received,
        "complaints_resolved": report.complaints_resolved,
        "median_days_to_resolution": _number(report.median_days_to_resolution),
        "audits": report.audits,
        "suppliers_suspended": report.suppliers_suspended,
        "suppliers_corrective_action": report.suppliers_corrective_action,
        "premium_paid": _number(report.premium_paid),
        "premium_currency": report.premium_currency,
        "education_sessions": report.education_sessions,
        "complaints_by_category": _counts(report, ComplaintCategory.Kind.CATEGORY),
        "complaints_by_outcome": _counts(report, ComplaintCategory.Kind.OUTCOME),
        "source_note": report.source_note,
        "narrative": report.narrative,
        "verified_at": iso(report.verified_at),
        "is_demo": report.is_demo,
    }


def enforcement_figures(viewer):
    return (
        EnforcementReport.objects.visible_to(viewer)
        .verified()
        .select_related("initiative")
        .prefetch_related(
            Prefetch(
                "complaint_counts",
                queryset=ComplaintCount.objects.select_related("category").order_by(
                    "category__kind", "category__sort_order", "category__code"
                ),
            )
        )
    )


class EnforcementFigureFilters(Schema):
    initiative: str | None = Field(None, description="An initiative's id (slug).")
    sector: str | None = Field(None, description="A sector's code: of initiatives covering it.")
    country: str | None = Field(
        None,
        pattern=COUNTRY_PATTERN,
        description="An ISO 3166-1 alpha-2 code: of initiatives covering that country.",
    )


# frameworks --------------------------------------------------------------------------------


class GuidanceRecord(Schema):
    score: int = Field(description="The score, 0 to 3.")
    label: Coded | None = Field(None, description="The score in words.")
    text_en: str = Field("", description="What earns it, in English.")
    text_es: str = Field("", description="What earns it, in Spanish.")


class FrameworkCriterion(Schema):
    code: str = Field(description="Stable code, the same across versions.")
    position: int = Field(description="Its place in the version, from 1.")
    name_en: str = Field("", description="The principle's name in English.")
    name_es: str = Field("", description="The principle's name in Spanish.")
    description_en: str = Field("", description="Description in English.")
    description_es: str = Field("", description="Description in Spanish.")
    indicators_en: list[str] = Field(default_factory=list, description="Indicators in English.")
    indicators_es: list[str] = Field(default_factory=list, description="Indicators in Spanish.")
    guidance: list[GuidanceRecord] = Field(
        default_factory=list, description="Scoring guidance for each score."
    )
    min_to_meet: int | None = Field(
        None, description="Minimum score of this criterion to meet the WSR criteria."
    )
    min_to_partly_meet: int | None = Field(
        None, description="Minimum to partly meet them; null when it does not decide that."
    )


class FrameworkRecord(Schema):
    id: int = Field(description="The version number: stable, a published version never changes.")
    number: int | None = Field(None, description="The version number.")
    title_en: str = Field("", description="Title in English.")
    title_es: str = Field("", description="Title in Spanish.")
    change_note_en: str = Field("", description="What changed, in English.")
    change_note_es: str = Field("", description="What changed, in Spanish.")
    url: str = Field("", description="Its page on the site.")
    published_at: str | None = Field(None, description="When it was published (ISO 8601, UTC).")
    is_current: bool = Field(
        False, description="Whether it is the newest published version (new assessments use it)."
    )
    criteria: list[FrameworkCriterion] = Field(
        default_factory=list, description="The principles scored, in order."
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _criterion(criterion: Criterion, position: int) -> dict:
    levels = ("absent", "weak", "partial", "strong")
    return {
        "code": criterion.key,
        "position": position,
        "name_en": criterion.name,
        "name_es": criterion.name_es,
        "description_en": criterion.description,
        "description_es": criterion.description_es,
        "indicators_en": _lines(criterion.indicators),
        "indicators_es": _lines(criterion.indicators_es),
        "guidance": [
            {
                "score": score.value,
                "label": coded(score.value, score.label),
                "text_en": getattr(criterion, f"guidance_{level}"),
                "text_es": getattr(criterion, f"guidance_{level}_es"),
            }
            for score, level in zip(Score, levels, strict=True)
        ],
        "min_to_meet": criterion.min_to_meet,
        "min_to_partly_meet": criterion.min_to_partly_meet,
    }


def framework_record(version: FrameworkVersion) -> dict:
    return {
        "id": version.number,
        "number": version.number,
        "title_en": version.title,
        "title_es": version.title_es,
        "change_note_en": version.change_note,
        "change_note_es": version.change_note_es,
        "url": absolute(reverse("assistance:framework-version", args=[version.number])),
        "published_at": iso(version.published_at),
        "is_current": version.number == version.newest_number,
        "criteria": [
            _criterion(criterion, position)
            for position, criterion in enumerate(version.criteria.all(), start=1)
        ],
    }


def frameworks(viewer):
    newest = FrameworkVersion.objects.published().order_by("-number").values("number")[:1]
    return (
        FrameworkVersion.objects.visible_to(viewer)
        .published()
        .annotate(newest_number=Subquery(newest))
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("sort_order", "pk"))
        )
    )


class FrameworkFilters(Schema):
    current: bool | None = Field(
        None, description="true: only the newest published version; false: only older ones."
    )


def filter_frameworks(queryset, filters: FrameworkFilters):
    if filters.current is not None:
        current = queryset.filter(number=F("newest_number"))
        queryset = current if filters.current else queryset.exclude(number=F("newest_number"))
    return queryset


# registration ------------------------------------------------------------------------------

register(
    Collection(
        name="initiatives",
        title=_("Initiatives"),
        description=_(
            "The registry of initiatives: their lead organizations, public buyers, sectors, "
            "countries, workers covered and the determination of their latest published "
            "assessment."
        ),
        schema=InitiativeRecord,
        queryset=initiatives,
        record=initiative_record,
        filters=InitiativeFilters,
        apply_filters=filter_initiatives,
        key="slug",
        key_type=str,
        updated="updated_at",
        lookup=find_by_slug,
        example_id="fair-food-program",
    )
)

register(
    Collection(
        name="assessments",
        title=_("Assessments"),
        description=_(
            "Published assessments (scorecards): the score, rationale and recommendation per "
            "criterion, the determination, the framework version and the initiative's reply."
        ),
        schema=AssessmentRecord,
        queryset=assessments,
        record=assessment_record,
        filters=AssessmentFilters,
        apply_filters=filter_assessments,
        key="pk",
        key_type=int,
        updated="updated_at",
        example_id="1",
    )
)

register(
    Collection(
        name="enforcement-figures",
        title=_("Enforcement figures"),
        description=_(
            "Enforcement figures the initiatives reported and the Collaborative verified, per "
            "period: workers covered, complaints received and resolved, by category and "
            "outcome, audits, suspensions, premiums paid and worker education."
        ),
        schema=EnforcementFigureRecord,
        queryset=enforcement_figures,
        record=enforcement_figure_record,
        filters=EnforcementFigureFilters,
        apply_filters=_of_initiatives,
        key="pk",
        key_type=int,
        updated="verified_at",
        example_id="1",
    )
)

register(
    Collection(
        name="frameworks",
        title=_("Framework versions"),
        description=_(
            "The published versions of the WSR assessment framework and their criteria, with "
            "the scoring guidance and the rule that gives the determination."
        ),
        schema=FrameworkRecord,
        queryset=frameworks,
        record=framework_record,
        filters=FrameworkFilters,
        apply_filters=filter_frameworks,
        key="number",
        key_type=int,
        updated="published_at",
        example_id="1",
    )
)
