"""Writes on the site tree: the locales, the root and the home pages."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


@transaction.atomic
def site_tree_ensure(
    *, home_fields: dict, home_fields_by_language: dict | None = None
) -> dict[str, HomePage]:
    """Make sure every configured language has a locale and a live home page, and the
    default site points at the home page. Returns the home page per language code."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }
    if Collection.get_first_root_node() is None:  # documents and images need one
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", locale=locales[settings.LANGUAGE_CODE])
    home = HomePage.objects.filter(locale=locales[settings.LANGUAGE_CODE]).first()
    if home is None:
        # Wagtail's migration leaves a placeholder "Welcome" page as the site root.
        for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
            placeholder.delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(locale=locales[settings.LANGUAGE_CODE], slug="home", **home_fields)
        )
        _publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    moderation_workflow_ensure(root=root, home=home)
    homes = {settings.LANGUAGE_CODE: home}
    for code, locale in locales.items():
        if code == settings.LANGUAGE_CODE:
            continue
        translated = home.get_translation_or_none(locale)
        if translated is None:
            translated = home.copy_for_translation(locale)
            for field, value in (home_fields_by_language or {}).get(code, {}).items():
                setattr(translated, field, value)
            translated.save()
            _publish(translated)
        homes[code] = translated.specific
    return homes


def page_child_add(*, parent: Page, instance: Page, publish: bool = True) -> Page:
    """Add `instance` under `parent` (live unless `publish` is false). The parent is read
    again: an instance kept from before its slug changed (a translation renamed through a
    revision) would give the child a URL that does not route."""
    parent = Page.objects.get(pk=parent.pk)
    parent.add_child(instance=instance)
    return _publish(instance) if publish else instance


def page_translation_ensure(*, page: Page, locale: Locale, fields: dict) -> Page:
    """The translation of `page` into `locale`, created live with `fields` when missing."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
        for field, value in fields.items():
            setattr(translated, field, value)
        translated.save()  # a new slug reaches url_path (and this instance) before publishing
        _publish(translated)
    return Page.objects.get(pk=translated.pk).specific


def expected_url_path(*, parent_url_path: str | None, slug: str) -> str:
    return "/" if parent_url_path is None else f"{parent_url_path}{slug}/"


def page_url_paths_repair(page_model=Page, *, steplen: int = Page.steplen) -> int:
    """Give every page the url_path its place in the tree and its slug call for (pages added
    under a stale parent instance kept the parent's old path, and their links were 404s).
    Returns the number of pages repaired."""
    url_paths: dict[str, str] = {}
    stale = []
    for page in page_model.objects.order_by("path").only("pk", "path", "depth", "slug", "url_path"):
        parent_path = page.path[:-steplen] if page.depth > 1 else None
        expected = expected_url_path(parent_url_path=url_paths.get(parent_path), slug=page.slug)
        if page.depth > 1 and parent_path not in url_paths:
            expected = page.url_path  # an orphan: leave it to `manage.py fixtree`
        url_paths[page.path] = expected
        if page.url_path != expected:
            page.url_path = expected
            stale.append(page)
    page_model.objects.bulk_update(stale, ["url_path"], batch_size=500)
    return len(stale)


@transaction.atomic
def page_ensure(
    *, parent: Page, model, slug: str, fields: dict, translations: dict[str, dict] | None = None
) -> Page:
    """A live child page of `parent` at `slug`, with its translations (idempotent)."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_child_add(
            parent=parent, instance=model(slug=slug, locale=parent.locale, **fields)
        )
    for code, translated_fields in (translations or {}).items():
        locale = Locale.objects.get(language_code=code)
        page_translation_ensure(page=page, locale=locale, fields=translated_fields)
    return page


def moderation_workflow_ensure(*, root: Page, home: Page) -> None:
    """Pages go through a moderation workflow with an active approval task ("Moderators
    approval", as Wagtail sets up on install), so that contributions always reach a
    reviewer. A workflow without an active task would publish a page the moment it is
    submitted, as its author: every active workflow gets the approval task."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    moderators, _created = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    task = GroupApprovalTask.objects.filter(name="Moderators approval", active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.set([moderators])
    if home.get_workflow() is None:
        workflow = Workflow.objects.create(name="Moderators approval")
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for workflow in Workflow.objects.filter(active=True):
        has_task = GroupApprovalTask.objects.filter(
            active=True, workflow_tasks__workflow=workflow
        ).exists()
        if not has_task:
            WorkflowTask.objects.create(  # not workflow.workflow_tasks: a deferring manager
                workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
            )
