"""The knowledge repository: resources as Wagtail pages, with their taxonomy."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from wsr.members.audience import PAGE_AUDIENCE_CHOICES, Audience
from wsr.site.mixins import AudiencePageMixin, AudiencePageQuerySet

from ..blocks import ResourceBodyBlock


class Principle(models.Model):
    """One of the WSR principles (managed data, loaded by a migration)."""

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name (English)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("WSR principle")
        verbose_name_plural = _("WSR principles")

    def __str__(self):
        if get_language() == "es" and self.name_es:
            return self.name_es
        return self.name


class ResourceKind(models.TextChoices):
    BEST_PRACTICE = "best_practice", _("Best practice")
    LESSON_LEARNED = "lesson_learned", _("Lesson learned")
    ANALYSIS = "analysis", _("Analysis")
    ASSESSMENT_FRAMEWORK = "assessment_framework", _("Assessment framework")
    CASE_STUDY = "case_study", _("Case study")
    TOOLKIT = "toolkit", _("Toolkit or guide")
    TRAINING = "training", _("Training material")
    REPORT = "report", _("Report")
    RECORDING = "recording", _("Recording")


class RepositoryIndexPage(Page):
    """The repository's home: search and browse, with facets."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["repository.ResourcePage", "repository.CollectionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("repository index page")

    def serve(self, request, *args, **kwargs):
        from ..views import repository_search

        return repository_search(request, index_page=self)


class ResourceQuerySet(AudiencePageQuerySet):
    """`visible_to(user)`: live resources whose audience includes `user`."""


ResourceManager = PageManager.from_queryset(ResourceQuerySet)


class ResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "repository.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePage(AudiencePageMixin, Page):
    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(ResourceBodyBlock(), blank=True, verbose_name=_("body"))
    kind = models.CharField(_("kind"), max_length=30, choices=ResourceKind.choices)
    sectors = ParentalManyToManyField(
        "members.Sector", verbose_name=_("sectors"), blank=True, related_name="resources"
    )
    principles = ParentalManyToManyField(
        Principle, verbose_name=_("WSR principles"), blank=True, related_name="resources"
    )
    tags = ClusterTaggableManager(through=ResourceTag, blank=True, verbose_name=_("tags"))
    published_on = models.DateField(_("date"), default=timezone.localdate)
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=PAGE_AUDIENCE_CHOICES,
        default=Audience.PUBLIC,
        db_index=True,
        help_text=_("Who may see this resource and its attachments."),
    )
    # Denormalized text of the title, summary, body, tags and attachments: the source of
    # the full-text index (a GIN-indexed tsvector on PostgreSQL, LIKE on SQLite).
    search_document = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ResourceManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("audience"),
                FieldPanel("published_on"),
                FieldPanel("sectors"),
                FieldPanel("principles"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        InlinePanel("country_links", label=_("Countries")),
        InlinePanel("authors", label=_("Authors")),
        InlinePanel("attachments", label=_("Attachments")),
        InlinePanel("related_links", label=_("Related resources")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["repository.RepositoryIndexPage"]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [
            models.Index(fields=["audience", "published_on"]),
            # the index page's order (newest first): the first page is read off this index
            models.Index(fields=["-published_on", "page_ptr"], name="resource_newest_idx"),
        ]

    def get_context(self, request, *args, **kwargs):
        from .. import selectors
        from ..permissions import can_save_resource

        context = super().get_context(request, *args, **kwargs)
        context["authors"] = selectors.resource_authors(resource=self)
        context["attachments"] = self.attachments.select_related("document")
        context["facts_html"] = self._facts_html(request)
        context["can_save"] = can_save_resource(request.user, self)
        context["is_saved"] = selectors.is_saved(resource=self, user=request.user)
        return context

    def _facts_html(self, request) -> str:
        """Sectors, countries, principles, tags and the related resources the reader may
        see: the same for every reader of an audience, rendered once per audience and
        language until a page is published, moved or removed (PAGES) or sectors,
        principles or tags change (SEARCH_COUNTS, signals.py). A preview shows the draft, never
        cached (fragment)."""
        from django.template.loader import render_to_string

        from wsr.site.fragments import fragment
        from wsr.site.page_cache import PAGES

        from .. import selectors
        from ..search import SEARCH_COUNTS

        def build():
            return render_to_string(
                "repository/includes/resource_facts.html",
                {
                    "page": self,
                    "countries": [link.country for link in self.country_links.all()],
                    "related": selectors.related_resources(resource=self, user=request.user),
                },
                request=request,
            )

        return fragment(
            "repository:resource-facts",
            build,
            request=request,
            generations=[PAGES, SEARCH_COUNTS],
            vary=[self.pk],
        )

    @property
    def year(self) -> int:
        return self.published_on.year


class ResourceCountry(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="country_links")
    country = CountryField(_("country"))

    panels = [FieldPanel("country")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "country"], name="unique_resource_country")
        ]
        indexes = [models.Index(fields=["country", "page"])]


class ResourceAuthor(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "members.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_resources",
        verbose_name=_("organization"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("For an author without an account.")
    )

    panels = [FieldPanel("person"), FieldPanel("organization"), FieldPanel("name")]

    def __str__(self):
        if self.person_id:
            return self.person.display_name
        if self.organization_id:
            return self.organization.name
        return self.name


class ResourceAttachment(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="resource_attachments",
        verbose_name=_("document"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self) -> str:
        return self.title or self.document.title


class RelatedResource(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="related_links")
    resource = models.ForeignKey(
        ResourcePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("resource")
    )

    panels = [FieldPanel("resource")]


class DocumentText(models.Model):
    """Text extracted from an uploaded document (in the background), for search."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted_text"
    )
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)
    error = models.CharField(max_length=300, blank=True)
    # Extraction is bounded (repository/extraction.py, issue 18): a document cut short by a
    # page, size or time limit is searchable by what was read, and says so here.
    is_partial = models.BooleanField(default=False)
    pages_read = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Text of {self.document}"


class CollectionPage(Page):
    """A learning path: a curated, ordered set of resources with an introduction."""

    introduction = models.TextField(_("introduction"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("items", label=_("Resources, in order"), min_num=1),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["repository.RepositoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("collection (learning path)")
        verbose_name_plural = _("collections (learning paths)")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context["steps"] = selectors.collection_steps(collection=self, user=request.user)
        return context


class CollectionItem(Orderable):
    page = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(
        ResourcePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("resource")
    )
    note = models.CharField(
        _("why this step"),
        max_length=300,
        blank=True,
        help_text=_("One sentence on what the reader takes from this resource."),
    )

    panels = [FieldPanel("resource"), FieldPanel("note")]


class SavedResource(models.Model):
    """A member's bookmark of a resource."""

    user = models.ForeignKey(
        "members.User", on_delete=models.CASCADE, related_name="saved_resources"
    )
    resource = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="unique_saved_resource")
        ]

    def __str__(self):
        return f"{self.user} saved {self.resource}"


class Contribution(models.Model):
    """A member's proposed resource, from submission to publication or return."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("In review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Sent back with comments")

    page = models.OneToOneField(ResourcePage, on_delete=models.CASCADE, related_name="contribution")
    contributor = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, related_name="contributions"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page} ({self.get_outcome_display()})"
