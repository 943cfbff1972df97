from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .chrome import chrome_invalidate
from .models import Footer, NavigationMenu


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=NavigationMenu)
@receiver(post_delete, sender=NavigationMenu)
@receiver(post_save, sender=Footer)
@receiver(post_delete, sender=Footer)
# the links the chrome builds depend on the sites (one site: relative, several: absolute)
# and the languages (review of issue 22)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def forget_chrome(sender, **kwargs):
    chrome_invalidate()


@receiver(post_delete)
def forget_chrome_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        chrome_invalidate()


def _pages_changed(**kwargs):
    from .page_cache import invalidate

    invalidate()


def _connect_page_cache() -> None:
    """Any publish, unpublish (including Wagtail's scheduler), move or delete of a page
    empties the anonymous page cache: a cached page may list or link to the changed one."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_pages_changed, dispatch_uid=f"page-cache-{signal!r}")
    post_delete.connect(_pages_changed, sender=Page, dispatch_uid="page-cache-delete")
    # A page saved in code (not through a revision) may change what anonymous readers see.
    post_save.connect(_page_saved, dispatch_uid="page-cache-save")
    # Which site answers a host, the languages pages exist in and who may read a private
    # page decide routing (wsr/site/routing.py keeps it per generation) and what a cached
    # page shows: a page made private must leave the anonymous cache at once.
    from django.db.models.signals import m2m_changed
    from wagtail.models import Locale, PageViewRestriction, Site

    for model in (Site, Locale, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                _pages_changed, sender=model, dispatch_uid=f"page-cache-{model.__name__}-{signal!r}"
            )
    m2m_changed.connect(
        _pages_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="page-cache-restriction-groups",
    )


def _page_saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _pages_changed()


_connect_page_cache()


@receiver(pre_save)
def url_path_from_the_stored_parent(sender, instance, raw=False, **kwargs):
    """Wagtail gives a new page the url_path of the parent *instance* it was added to, and
    keeps that instance as the page's parent for its first revisions; an instance read before
    the parent's slug changed (renamed through a revision, as a new translation is) carries
    the old path, and the child's links would be 404s. The stored parent is the truth."""
    if raw or not isinstance(instance, Page) or instance.pk is not None or not instance.path:
        return
    if instance.depth is None or instance.depth <= 1:
        return
    from .services import expected_url_path

    parent = Page.objects.filter(path=instance.path[: -Page.steplen]).first()
    if parent is not None:
        instance._cached_parent_obj = parent  # noqa: SLF001 (treebeard's cache of get_parent)
        instance.url_path = expected_url_path(parent_url_path=parent.url_path, slug=instance.slug)
