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


@transaction.atomic
def page_ensure(
    *, parent: Page, model, slug: str, fields: dict, translations: dict[str, dict] | None = None
) -> Page:
    """A live child page of `parent` at `slug`, with its translations (idempotent)."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, locale=parent.locale, **fields))
        _publish(page)
    for code, translated_fields in (translations or {}).items():
        locale = Locale.objects.get(language_code=code)
        if page.get_translation_or_none(locale) is None:
            translated = page.copy_for_translation(locale, copy_parents=True)
            for field, value in translated_fields.items():
                setattr(translated, field, value)
            translated.save()
            _publish(translated)
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
