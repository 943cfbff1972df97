"""Wagtail's install gives its default "Editors" group add and change rights on the whole
page tree and every document collection: staff-only and members-only resources and their
files included. Our Editors and Approvers write publications only (issue 15): their rights
on the root page and the root collection go; documents they upload go to a "Publications"
collection, the only one they may add to, change or choose from. The same narrowing runs in
`promotion.services.editorial_workflow_ensure` for new installs."""

from django.db import migrations

GROUPS = ("Editors", "Approvers")
DOCUMENT_CODENAMES = ("add_document", "change_document", "choose_document")


def narrow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = list(Group.objects.filter(name__in=GROUPS))
    if not groups:
        return
    GroupPagePermission.objects.filter(
        group__in=groups, page__in=Page.objects.filter(depth=1)
    ).delete()
    document_permissions = Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=DOCUMENT_CODENAMES
    )
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    GroupCollectionPermission.objects.filter(
        group__in=groups,
        permission__content_type__app_label="wagtaildocs",
        collection__in=Collection.objects.exclude(name="Publications"),
    ).delete()
    publications = Collection.objects.filter(name="Publications", depth=2).first()
    if publications is None:
        # Treebeard's API is not on historical models: add the child by its path.
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = int(last.path[-4:], 36) + 1 if last else 1
        path = root.path + _base36(step).rjust(4, "0")
        publications = Collection.objects.create(name="Publications", depth=2, path=path)
        root.numchild = Collection.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])
    for group in groups:
        for permission in document_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=publications, permission=permission
            )


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
    return text or "0"


class Migration(migrations.Migration):
    dependencies = [
        ("promotion", "0002_article_body_optional"),
    ]

    # Nothing to restore: Wagtail's wide default rights are the breach this closes.
    operations = [migrations.RunPython(narrow, migrations.RunPython.noop)]
