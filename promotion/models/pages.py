"""What the Collaborative publishes, as Wagtail pages: articles (critiques, analysis, news,
op-eds, statements, press releases, interviews), critique series, publications, the press
room. Editors get drafts, revisions, the two-step workflow, scheduling and locales."""

import math
import re

from django import forms
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from wsr.site.mixins import PublishedPageQuerySet

from ..blocks import ArticleBodyBlock, EndnoteBlock
from ..embargo import ArticlePageForm as EmbargoArticlePageForm
from ..series import SeriesPickerForm, series_locale_error

WORDS_PER_MINUTE = 220


class ArticleKind(models.TextChoices):
    CRITIQUE = "critique", _("Critique")
    ANALYSIS = "analysis", _("Analysis")
    NEWS = "news", _("News")
    OP_ED = "op_ed", _("Op-ed")
    STATEMENT = "statement", _("Statement")
    PRESS_RELEASE = "press_release", _("Press release")
    INTERVIEW = "interview", _("Interview")


class ArticleQuerySet(PublishedPageQuerySet):
    """Articles follow the rule of every editorial page (wsr.site.mixins)."""


class ArticleIndexPage(Page):
    """Lists articles and publications, newest first, with filters by kind and topic."""

    objects = PageManager.from_queryset(PublishedPageQuerySet)()

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["promotion.ArticlePage", "promotion.SeriesPage", "promotion.PublicationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("articles index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_index_html

        context = super().get_context(request, *args, **kwargs)
        context["listing_html"] = article_index_html(request=request, index=self)
        return context


class SeriesPage(Page):
    """A critique series: an ordered table of contents of its articles."""

    objects = PageManager.from_queryset(PublishedPageQuerySet)()

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["promotion.ArticleIndexPage"]
    subpage_types = []
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("critique series")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import series_articles

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = series_articles(self)
        return context


class ArticlePageForm(SeriesPickerForm, EmbargoArticlePageForm):
    """The article editor: series of the article's language; embargo in its time zone."""


class ArticlePage(Page):
    kind = models.CharField(_("kind"), max_length=15, choices=ArticleKind.choices)
    standfirst = models.TextField(_("standfirst"), max_length=600)
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    endnotes = StreamField(
        [("note", EndnoteBlock(label=_("Note")))], blank=True, verbose_name=_("endnotes")
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    updated_on = models.DateField(_("updated on"), null=True, blank=True)
    update_note = models.CharField(
        _("what changed"), max_length=300, blank=True, help_text=_("Shown with the update date.")
    )
    topics = ParentalManyToManyField("promotion.Topic", blank=True, verbose_name=_("topics"))
    sectors = ParentalManyToManyField("members.Sector", blank=True, verbose_name=_("sectors"))
    countries = CountryField(_("countries"), multiple=True, blank=True)
    companies = ParentalManyToManyField(
        "companies.Company", blank=True, related_name="articles", verbose_name=_("companies")
    )
    series = models.ForeignKey(
        SeriesPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("critique series"),
    )
    series_position = models.PositiveSmallIntegerField(_("position in the series"), default=0)
    claim_examined = models.TextField(
        _("the CSR claim examined"), blank=True, help_text=_("Critiques: the claim, in a sentence.")
    )
    evidence = RichTextField(
        _("the evidence"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    alternative = RichTextField(
        _("the worker-driven alternative"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    release_time_zone = models.CharField(
        _("release time zone"),
        max_length=64,
        default="America/New_York",
        help_text=_("Press releases: the time zone the embargo is stated in."),
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = PageManager.from_queryset(ArticleQuerySet)()
    base_form_class = ArticlePageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("published_on")]),
        FieldPanel("standfirst"),
        InlinePanel("authors", label=_("author"), heading=_("Authors")),
        FieldPanel("body"),
        FieldPanel("endnotes"),
        MultiFieldPanel(
            [
                FieldPanel("series", widget=forms.Select),
                FieldPanel("series_position"),
                FieldPanel("claim_examined"),
                FieldPanel("evidence"),
                FieldPanel("alternative"),
            ],
            heading=_("Critique"),
        ),
        MultiFieldPanel([FieldPanel("updated_on"), FieldPanel("update_note")], heading=_("Update")),
        FieldPanel("release_time_zone"),
        FieldPanel("is_demo"),
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("topics"),
        FieldPanel("sectors"),
        FieldPanel("countries"),
        FieldPanel("companies"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst", boost=2),
        index.SearchField("body"),
        index.SearchField("claim_examined"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["promotion.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    def clean(self):
        super().clean()
        if (error := series_locale_error(self)) is not None:
            raise error

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(self)
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_html

        context = super().get_context(request, *args, **kwargs)
        context["article_html"] = article_html(self, request)
        return context


def reading_minutes(page) -> int:
    text = " ".join(
        [page.standfirst or "", strip_tags(str(page.body)), strip_tags(page.evidence or "")]
    )
    words = len(re.findall(r"\w+", text))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(
        "promotion.Author", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("author")]


class PublicationPage(Page):
    """A report or brief: summary, key findings, the full text or a PDF, how to cite it."""

    objects = PageManager.from_queryset(PublishedPageQuerySet)()

    cover = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    summary = models.TextField(_("summary"), max_length=1200)
    key_findings = StreamField(
        [("finding", blocks.CharBlock(label=_("Finding")))],
        blank=True,
        verbose_name=_("key findings"),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("full text"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
    )
    published_on = models.DateField(_("publication date"))
    publisher = models.CharField(_("publisher"), max_length=200, default="WSR Collaborative")
    doi = models.CharField(_("DOI"), max_length=120, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    download_count = models.PositiveIntegerField(default=0, editable=False)
    related_articles = ParentalManyToManyField(
        "promotion.ArticlePage", blank=True, related_name="+", verbose_name=_("related articles")
    )
    topics = ParentalManyToManyField("promotion.Topic", blank=True, verbose_name=_("topics"))
    is_demo = models.BooleanField(_("demo content"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("cover"),
        FieldPanel("summary"),
        InlinePanel("authors", label=_("author"), heading=_("Authors")),
        FieldPanel("key_findings"),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("publisher")]),
        FieldRowPanel([FieldPanel("doi"), FieldPanel("isbn")]),
        FieldPanel("related_articles"),
        FieldPanel("is_demo"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("topics")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["promotion.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import publication_context

        context = super().get_context(request, *args, **kwargs)
        context.update(publication_context(self))
        return context


class PublicationAuthor(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(
        "promotion.Author", on_delete=models.CASCADE, related_name="publication_links"
    )

    panels = [FieldPanel("author")]


class PressRoomPage(Page):
    """For journalists: media contacts, the media kit, releases and the coverage log."""

    objects = PageManager.from_queryset(PublishedPageQuerySet)()

    introduction = models.TextField(_("introduction"), blank=True)
    media_contacts = RichTextField(_("media contacts"), blank=True, features=["bold", "link"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("media_contacts"),
        InlinePanel("kit", label=_("media kit item"), heading=_("Media kit")),
    ]
    max_count_per_parent = 1
    subpage_types = []

    class Meta:
        verbose_name = _("press room")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import press_room_context

        context = super().get_context(request, *args, **kwargs)
        context.update(press_room_context(self))
        return context


class MediaKitItem(Orderable):
    page = ParentalKey(PressRoomPage, on_delete=models.CASCADE, related_name="kit")
    title = models.CharField(_("title"), max_length=200)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("image"),
        FieldPanel("document"),
        FieldPanel("credit"),
        FieldPanel("licence"),
    ]
