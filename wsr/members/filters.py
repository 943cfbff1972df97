import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from wsr.site.countries import country_choices

from .models import Affiliation, Language, Membership, Profile

# A name has a few words; a pasted page of them made a query SQLite refuses (issue 17).
MAX_NAME_WORDS = 8


class DirectoryFilter(django_filters.FilterSet):
    """The member directory's search: name, organization, expertise, language, country."""

    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    organization = django_filters.CharFilter(label=_("Organization"), method="filter_organization")
    expertise = django_filters.CharFilter(label=_("Expertise"), method="filter_expertise")
    language = django_filters.ModelChoiceFilter(
        label=_("Language"),
        field_name="languages_spoken",
        to_field_name="code",
        queryset=Language.objects.all(),
        empty_label=_("Any language"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("Any country")
    )

    class Meta:
        model = Profile
        fields = ["q", "organization", "expertise", "language", "country"]

    def filter_name(self, queryset, name, value):
        words = value.split()[:MAX_NAME_WORDS]
        for word in words:
            queryset = queryset.filter(
                Q(display_name__icontains=word)
                | Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
            )
        return queryset

    def filter_organization(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Affiliation.objects.filter(
                    user=OuterRef("user"),
                    organization__name__icontains=value.strip(),
                    organization__membership__status=Membership.Status.ACTIVE,
                )
            )
        )

    def filter_expertise(self, queryset, name, value):
        from .models import TaggedExpertise

        return queryset.filter(
            Exists(
                TaggedExpertise.objects.filter(
                    content_object=OuterRef("pk"), tag__name__icontains=value.strip()
                )
            )
        )
