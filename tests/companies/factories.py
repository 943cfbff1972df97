"""Factories for the shared company registry (wsr/companies)."""

import factory

from wsr.companies.models import Company, CompanyClaim, VoluntaryScheme


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Grocer {n:03d}")
    headquarters_country = "US"
    brands = "House Brand\nValue Line"
    aliases = ""

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sectors.set(extracted)


class VoluntarySchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoluntaryScheme

    name = factory.Sequence(lambda n: f"Audit Scheme {n:03d}")
    kind = VoluntaryScheme.Kind.AUDIT


class CompanyClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyClaim

    company = factory.SubFactory(CompanyFactory)
    scheme = factory.SubFactory(VoluntarySchemeFactory)
    statement = "All our suppliers are audited."
    source_title = factory.Sequence(lambda n: f"Annual report {n}")
    source_url = "https://example.org/report"
    source_is_public = True
