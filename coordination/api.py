"""This app's public collections of the open-data API (wsr.api.registry): the opportunity
map. Each caller gets what the map shows them (`Opportunity.objects.visible_to`): public
opportunities to everyone, members' ones to a member's token, a working group's to its
members. The owner is never part of a record."""

from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

from wsr.api.registry import Collection, register
from wsr.api.schemas import Coded, CompanyReference, absolute, choice, country, iso, sector
from wsr.members.audience import Audience
from wsr.members.models import Organization

from .models import Opportunity, Region, Stage


class OrganizationReference(Schema):
    id: str | None = Field(
        description="The organization's identifier on the site (its slug); null when its "
        "profile is not shown to the caller (it is not an active member)."
    )
    name: str = Field("", description="The organization's name.")


class OpportunityRecord(Schema):
    id: int = Field(description="The opportunity's number: stable, never reused.")
    title: str = Field("", description="Title.")
    description: str = Field("", description="The supply chain it is part of, as plain text.")
    region: Coded | None = Field(None, description="World region.")
    country: Coded | None = Field(None, description="Country (ISO 3166-1 alpha-2).")
    place: str = Field("", description="A state, a district, a port…")
    latitude: float | None = Field(None, description="Latitude of its point on the map (WGS 84).")
    longitude: float | None = Field(None, description="Longitude of its point on the map (WGS 84).")
    sector: Coded | None = Field(None, description="Sector.")
    stage: Coded | None = Field(None, description="How far organizing has come.")
    buyers: list[CompanyReference] = Field(
        default_factory=list, description="Buyers that source from it."
    )
    worker_organizations: list[OrganizationReference] = Field(
        default_factory=list, description="Worker organizations active there."
    )
    audience: Coded | None = Field(
        None, description="Who may see it on the site: public, members or a working group."
    )
    url: str = Field("", description="The opportunity on the site.")
    updated_at: str | None = Field(None, description="When it last changed (UTC).")


class OpportunityFilters(Schema):
    region: Literal[tuple(Region.values)] | None = Field(None, description="A region's code.")
    stage: Literal[tuple(Stage.values)] | None = Field(None, description="A stage's code.")
    country: str | None = Field(None, description="An ISO 3166-1 alpha-2 country code.")
    sector: str | None = Field(None, description="A sector's code.")


def opportunities_visible_to(viewer):
    # the opportunity's page names every worker organization; the API names them too, with
    # their id (a link to a profile) only when the site shows that profile to this viewer
    profiles = Organization.objects.visible_to(viewer or AnonymousUser())
    organizations = Organization.objects.only("pk", "slug", "name").annotate(
        has_public_profile=Exists(profiles.filter(pk=OuterRef("pk")))
    )
    return (
        Opportunity.objects.visible_to(viewer)
        .select_related("sector")
        .prefetch_related(
            Prefetch("buyers", queryset=_companies()),
            Prefetch("worker_organizations", queryset=organizations.order_by("name")),
        )
    )


def _companies():
    from wsr.companies.models import Company

    return Company.objects.only("pk", "slug", "name").order_by("name")


def opportunity_record(opportunity: Opportunity) -> dict:
    return {
        "id": opportunity.pk,
        "title": opportunity.title,
        "description": opportunity.supply_chain,
        "region": choice(Region, opportunity.region),
        "country": country(opportunity.country.code),
        "place": opportunity.place,
        "latitude": float(opportunity.latitude),
        "longitude": float(opportunity.longitude),
        "sector": sector(opportunity.sector),
        "stage": choice(Stage, opportunity.stage),
        "buyers": [{"id": c.slug, "name": c.name} for c in opportunity.buyers.all()],
        "worker_organizations": [
            {"id": o.slug if o.has_public_profile else None, "name": o.name}
            for o in opportunity.worker_organizations.all()
        ],
        "audience": choice(Audience, opportunity.audience),
        "url": absolute(opportunity.get_absolute_url()),
        "updated_at": iso(opportunity.updated_at),
    }


def filter_opportunities(queryset, filters: OpportunityFilters):
    if filters.region is not None:
        queryset = queryset.filter(region=filters.region)
    if filters.stage is not None:
        queryset = queryset.filter(stage=filters.stage)
    if filters.country is not None:
        queryset = queryset.filter(country=filters.country.upper())
    if filters.sector is not None:
        queryset = queryset.filter(sector__slug=filters.sector)
    return queryset


register(
    Collection(
        name="opportunities",
        title=_("Opportunities"),
        description=_(
            "The opportunity map: places and sectors where the worker-driven model could grow, "
            "with their stage, the buyers that source from them and the worker organizations "
            "active there. Public ones for everyone; a member's token also gets what members "
            "see on the map."
        ),
        schema=OpportunityRecord,
        queryset=opportunities_visible_to,
        record=opportunity_record,
        filters=OpportunityFilters,
        apply_filters=filter_opportunities,
        key="pk",
        key_type=int,
        updated="updated_at",
    )
)
