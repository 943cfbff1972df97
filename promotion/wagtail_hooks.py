"""Promotion in Wagtail (/cms/): the media tools for staff (coverage, talks, journalists,
pitches, the media calendar, subscribers), links to the content calendar and speaker
requests; and the panels promotion adds to the shared calendar and company pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import (
    CoverageEntry,
    JournalistContact,
    Pitch,
    PlannedPublication,
    Subscriber,
    Talk,
)


class CoverageViewSet(ModelViewSet):
    model = CoverageEntry
    icon = "openquote"
    menu_label = _("Coverage log")
    list_display = ["headline", "outlet", "published_on", "language", "is_public"]
    list_filter = ["language", "is_public"]
    search_fields = ["headline", "outlet"]
    form_fields = ["outlet", "headline", "published_on", "url", "language", "reach", "is_public"]


class TalkViewSet(ModelViewSet):
    model = Talk
    icon = "mail"
    menu_label = _("Talks")
    list_display = ["title", "event", "starts_at", "is_public"]
    form_fields = [
        "kind",
        "title",
        "event",
        "starts_at",
        "time_zone",
        "place",
        "speakers",
        "audience",
        "slides",
        "recording_url",
        "is_public",
    ]


class JournalistIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            ListingMenuItem(
                _("Export their data"),
                reverse("promotion:journalist-export", args=[instance.pk]),
                icon_name="download",
                priority=40,
            ),
            ListingMenuItem(
                _("Erase on request"),
                reverse("promotion:journalist-erase", args=[instance.pk]),
                icon_name="bin",
                priority=50,
            ),
        ]


class JournalistViewSet(ModelViewSet):
    model = JournalistContact
    index_view_class = JournalistIndexView
    icon = "user"
    menu_label = _("Journalists")
    list_display = ["name", "outlet", "beats", "last_contacted"]
    search_fields = ["name", "outlet", "beats"]
    form_fields = [
        "name",
        "outlet",
        "email",
        "phone",
        "beats",
        "languages",
        "countries",
        "last_contacted",
        "notes",
    ]
    inspect_view_enabled = True


class PitchViewSet(ModelViewSet):
    model = Pitch
    icon = "upload"
    menu_label = _("Pitches")
    list_display = ["contact", "article", "pitched_on", "outcome"]
    list_filter = ["outcome"]
    form_fields = ["contact", "article", "pitched_on", "outcome", "notes"]


class PlannedViewSet(ModelViewSet):
    model = PlannedPublication
    icon = "date"
    menu_label = _("Media calendar")
    list_display = ["title", "planned_on", "owner"]
    form_fields = ["title", "planned_on", "owner", "notes"]


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    list_display = ["email", "language", "confirmed_at", "unsubscribed_at"]
    search_fields = ["email"]
    form_fields = ["language"]


class PromotionGroup(ViewSetGroup):
    menu_label = _("Media and promotion")
    menu_icon = "openquote"
    menu_order = 259
    items = (
        CoverageViewSet("promotion_coverage"),
        TalkViewSet("promotion_talks"),
        JournalistViewSet("promotion_contacts"),
        PitchViewSet("promotion_pitches"),
        PlannedViewSet("promotion_planned"),
        SubscriberViewSet("promotion_subscribers"),
    )


@hooks.register("register_admin_viewset")
def register_promotion_viewsets():
    return PromotionGroup()


@hooks.register("register_admin_menu_item")
def content_calendar_menu_item():
    return MenuItem(
        _("Content calendar"),
        reverse("promotion:content-calendar"),
        icon_name="calendar",
        order=261,
    )


@hooks.register("register_admin_menu_item")
def speaker_requests_menu_item():
    return MenuItem(
        _("Speaker requests"), reverse("promotion:speaker-requests"), icon_name="mail", order=262
    )


@hooks.register("wsr_calendar_sources")
def talks_for_calendar(user, start, end):
    """Public talks, panels and testimony in the shared calendar."""
    return [
        {
            "uid": f"talk-{talk.pk}",
            "title": f"{talk.title} ({talk.event})",
            "starts_at": talk.starts_at,
            "ends_at": None,
            "all_day": False,
            "kind": str(talk.get_kind_display()),
            "place": talk.place,
            "url": reverse("promotion:talks"),
            "source": "promotion",
        }
        for talk in Talk.objects.public().filter(starts_at__gte=start, starts_at__lt=end)
    ]


@hooks.register("wsr_company_panels")
def articles_about_company(request, company):
    """On a company page: what the Collaborative published about it (the critiques built on
    the claims-versus-binding evidence beside it). The newest ten of the timeline's list."""
    from .company_timeline import company_articles

    articles = company_articles(request, company)[:10]
    return "related", "promotion/company_articles.html", {"articles": articles}


@hooks.register("wsr_company_timeline")
def articles_on_company_timeline(request, company):
    """On a company's timeline (issue 20): articles naming it, in the reader's language."""
    from .company_timeline import article_entries

    return article_entries(request, company)


@hooks.register("wsr_digest_sections")
def promotion_digest_sections():
    from .digest import sections

    return sections()


@hooks.register("wsr_newsletter_readers")
def promotion_newsletter_readers(ids):
    from .digest import newsletter_readers

    return newsletter_readers(ids)


@hooks.register("wsr_personal_data")
def promotion_personal_data(user) -> dict:
    from .personal_data import personal_data

    return personal_data(user)


@hooks.register("wsr_account_deletion")
def promotion_account_deletion(user):
    from .personal_data import account_deletion

    return account_deletion(user)
