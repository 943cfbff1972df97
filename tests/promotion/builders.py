"""Builders for promotion tests: pages made and published the way editors do."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from promotion import services
from promotion.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    Author,
    PressRoomPage,
    SeriesPage,
    Topic,
)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def index(home):
    page = home.add_child(instance=ArticleIndexPage(title="Publications", slug="publications"))
    publish(page)
    spanish = Locale.objects.get(language_code="es")
    page_es = page.copy_for_translation(spanish)
    page_es.title, page_es.slug = "Publicaciones", "publicaciones"
    publish(page_es)
    services.editorial_workflow_ensure(index_pages=[page, page_es])
    return page, page_es


def article(
    parent, title="Audits fail", *, kind="analysis", author=None, topic=None, live=True, **extra
):
    page = parent.add_child(
        instance=ArticlePage(
            title=title,
            kind=kind,
            standfirst=f"Standfirst of {title}",
            body=[("paragraph", f"<p>Body of {title}. " + "word " * 500 + "</p>")],
            published_on=timezone.localdate(),
            live=live,
            **extra,
        )
    )
    if author is not None:
        ArticleAuthor.objects.create(page=page, author=author)
    if topic is not None:
        page.topics.add(topic)
    return publish(page) if live else page


def series(parent, title="Why audits fail"):
    return publish(parent.add_child(instance=SeriesPage(title=title)))


def embargoed(parent, title="Embargoed release", *, hours=2):
    """A press release scheduled to go live in `hours`: Wagtail keeps it unpublished."""
    page = parent.add_child(
        instance=ArticlePage(
            title=title,
            kind="press_release",
            standfirst="Embargoed standfirst",
            body=[("paragraph", "<p>EMBARGOED-BODY</p>")],
            live=False,
        )
    )
    page.go_live_at = timezone.now() + timedelta(hours=hours)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def author(name="Ana Morales"):
    return Author.objects.create(name=name)


def topic(slug="audits"):
    return Topic.objects.create(slug=slug, name=slug.title(), name_es=f"{slug} (es)")


def press_room(home):
    return publish(home.add_child(instance=PressRoomPage(title="Press room", slug="press")))
