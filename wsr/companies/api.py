"""This app's public collections of the open-data API (wsr.api.registry): the companies, each
with what it claims (the voluntary schemes it cites, with their sources) beside what binds it
(the worker-driven agreements it signed), as its page shows them to the same viewer.

Who sees what is the site's rule (wsr.companies.views): every company is public
(Company.objects.visible_to); a claim
follows CompanyClaim.objects.visible_to (a source that is not public is for staff); an
agreement is a membership whose name is public in an initiative the viewer may see
(Initiative.objects.visible_to, as assistance.selectors.binding_agreements_of). A list page
costs four queries whatever its size (companies, sectors, claims, agreements)."""

import functools

from django.conf import settings
from django.db.models import Prefetch
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

from wsr.api.identifiers import find_by_slug, track
from wsr.api.registry import Collection, register
from wsr.api.schemas import Coded, absolute, choice, country, iso, sector
from wsr.members.models import Sector

from .models import Company, CompanyClaim, VoluntaryScheme

track(Company)


class CompanyScheme(Schema):
    id: int = Field(description="Stable number of the voluntary scheme.")
    name: str = Field("", description="Name of the scheme.")
    kind: Coded | None = Field(
        None, description="Code of conduct, social-audit program, certification or pledge."
    )
    website: str = Field("", description="The scheme's website, or empty.")


class CompanyClaimRecord(Schema):
    scheme: CompanyScheme = Field(description="The voluntary scheme the company cites.")
    statement: str = Field("", description="What the company says about it, or empty.")
    source_title: str = Field("", description="Where the company says it.")
    source_url: str = Field("", description="Link to the source, or empty.")
    checked_on: str | None = Field(
        None, description="When the Collaborative last checked the source (ISO date), or null."
    )


class CompanyAgreement(Schema):
    initiative: str = Field(description="The initiative's id (its slug in /api/v1/initiatives/).")
    initiative_name: str = Field("", description="The initiative's name.")
    initiative_url: str = Field("", description="The initiative's public page.")
    joined_year: int | None = Field(
        None, description="The year the company joined (signed), or null if unknown."
    )
    binding: bool = Field(False, description="The initiative has binding agreements with buyers.")
    determination: Coded | None = Field(
        None,
        description=(
            "The initiative's determination in its latest published assessment against the "
            "WSR criteria, or null if not yet assessed."
        ),
    )


class CompanyRecord(Schema):
    id: str = Field(description="Stable identifier (slug). A former one redirects here.")
    name: str = Field("", description="Name of the company.")
    aliases: list[str] = Field([], description="Other names: former names, legal names.")
    brands: list[str] = Field([], description="Brands of the company.")
    sectors: list[Coded] = Field([], description="Sectors (code = sector slug).")
    headquarters_country: Coded | None = Field(
        None, description="Headquarters country (ISO 3166-1 alpha-2), or null."
    )
    website: str = Field("", description="The company's website, or empty.")
    url: str = Field("", description="The company's page on this site.")
    is_demo: bool = Field(False, description="Invented for the demo site.")
    claims: list[CompanyClaimRecord] = Field(
        [],
        description=(
            "What it claims: the voluntary schemes it cites (codes of conduct, social audits, "
            "certifications), each with its source."
        ),
    )
    agreements: list[CompanyAgreement] = Field(
        [],
        description=(
            "What binds it: the worker-driven initiatives that name it as a participating "
            "buyer (where its name is public)."
        ),
    )
    sources: list[str] = Field([], description="Every distinct source link cited, sorted.")
    updated_at: str = Field(
        "",
        description=(
            "When the company's own fields last changed (ISO 8601, UTC); a new claim or "
            "agreement does not change it."
        ),
    )


class CompanyFilters(Schema):
    sector: str | None = Field(None, description="A sector code (slug), e.g. agriculture.")
    country: str | None = Field(
        None, description="Headquarters country, ISO 3166-1 alpha-2 (e.g. US)."
    )
    initiative: str | None = Field(
        None, description="An initiative id (slug): the companies it names as buyers."
    )


def _public_agreements(viewer):
    from assistance.models import Initiative, InitiativeBuyer

    return InitiativeBuyer.objects.filter(
        is_public=True, initiative__in=Initiative.objects.visible_to(viewer)
    )


def companies_for(viewer):
    """Every company (all are public, as on the site), with the claims and agreements this
    viewer may see prefetched."""
    claims = CompanyClaim.objects.visible_to(viewer).select_related("scheme")
    agreements = (
        _public_agreements(viewer)
        .select_related("initiative")
        .order_by("initiative__name", "initiative_id")
    )
    return Company.objects.visible_to(viewer).prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.all(), to_attr="api_sectors"),
        Prefetch("claims", queryset=claims, to_attr="api_claims"),
        Prefetch("initiative_memberships", queryset=agreements, to_attr="api_agreements"),
    )


def apply_filters(queryset, filters: CompanyFilters):
    if filters.sector is not None:
        queryset = queryset.filter(sectors__slug=filters.sector)
    if filters.country is not None:
        queryset = queryset.filter(headquarters_country=filters.country.strip().upper())
    if filters.initiative is not None:
        # The memberships an anonymous caller may see: a token never makes its person staff,
        # so no caller of the API sees more (and a confidential buyer is never named).
        named = _public_agreements(None).filter(initiative__slug=filters.initiative)
        queryset = queryset.filter(pk__in=named.values("company_id"))
    return queryset


# a slug no record has, replaced by each record's own (a slug needs no escaping in a path)
_SLUG = "api-slug-placeholder"


@functools.lru_cache(maxsize=32)
def _path_template(name: str, language: str, prefix: str, urlconf) -> str:
    with translation.override(language):
        return reverse(name, kwargs={"slug": _SLUG}, urlconf=urlconf)


def _page(name, *, slug: str) -> str:
    """The page in the site's default language, whatever the caller's Accept-Language: one
    reverse() per process, not one per record (bench/api_load.py)."""
    template = _path_template(name, settings.LANGUAGE_CODE, get_script_prefix(), get_urlconf())
    return absolute(template.replace(_SLUG, slug))


def _claim(claim) -> dict:
    scheme = claim.scheme
    return {
        "scheme": {
            "id": scheme.pk,
            "name": scheme.name,
            "kind": choice(VoluntaryScheme.Kind, scheme.kind),
            "website": scheme.website,
        },
        "statement": claim.statement,
        "source_title": claim.source_title,
        "source_url": claim.source_url,
        "checked_on": iso(claim.checked_on),
    }


def _agreement(membership) -> dict:
    from assistance.models import Determination

    initiative = membership.initiative
    return {
        "initiative": initiative.slug,
        "initiative_name": initiative.name,
        "initiative_url": _page("assistance:initiative-detail", slug=initiative.slug),
        "joined_year": membership.joined_year,
        "binding": initiative.has_binding_agreements,
        "determination": choice(Determination, initiative.determination),
    }


def company_record(company) -> dict:
    claims = company.api_claims
    return {
        "id": company.slug,
        "name": company.name,
        "aliases": company.alias_list,
        "brands": company.brand_list,
        "sectors": [sector(item) for item in company.api_sectors],
        "headquarters_country": country(company.headquarters_country),
        "website": company.website,
        "url": _page("companies:company-detail", slug=company.slug),
        "is_demo": company.is_demo,
        "claims": [_claim(claim) for claim in claims],
        "agreements": [_agreement(membership) for membership in company.api_agreements],
        "sources": sorted({claim.source_url for claim in claims if claim.source_url}),
        "updated_at": iso(company.updated_at) or "",
    }


register(
    Collection(
        name="companies",
        title=_("Companies"),
        description=_(
            "The registry of companies (buyers and brands): what each claims (the voluntary "
            "schemes it cites, with their sources) beside what binds it (the worker-driven "
            "agreements it signed). Ordered by id."
        ),
        schema=CompanyRecord,
        queryset=companies_for,
        record=company_record,
        filters=CompanyFilters,
        apply_filters=apply_filters,
        key="slug",
        key_type=str,
        updated="updated_at",
        lookup=find_by_slug,
        example_id="fresh-valley-markets-demo",
    )
)
