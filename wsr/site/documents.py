"""Who may download a Wagtail document: fail closed.

A document is served only when the viewer may see at least one *live* object that uses it,
as Wagtail's reference index records uses (foreign keys, inline children, StreamField
choosers and rich-text links, each under the page or object that holds them). The index
is built from what is saved in the database, which for a page is its published content:
a document added in a draft, a page in moderation, a scheduled page, an unpublished or a
deleted page counts for nothing. A document used by nothing is not public either.

Pages count when live, free of Wagtail view restrictions and inside their model's
`visible_to(user)`. Other models count only through their own `visible_to(user)`; a
model without one refuses (no rule, no download). Staff, and editors whose Wagtail
permissions reach the document (after a second factor), may open any document they
manage, so that reviewers can read what a draft attaches.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry

from wsr.members import roles


def may_manage(user, document) -> bool:
    if roles.is_staff(user):
        return True
    if not (roles.is_signed_in(user) and roles.passed_second_factor(user)):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


def users_of(document) -> dict[type, set[str]]:
    """The objects that use `document`, as {model: {object ids}} (from the index)."""
    uses: dict[type, set[str]] = defaultdict(set)
    rows = ReferenceIndex.get_references_to(document).values_list("content_type_id", "object_id")
    for content_type_id, object_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            uses[model].add(object_id)
    return uses


def _visible_pages(model, ids, user):
    pages = model.objects.live().filter(pk__in=[int(pk) for pk in ids])
    restricted = PageViewRestriction.objects.values("page__path")
    for path in restricted:
        pages = pages.exclude(path__startswith=path["page__path"])
    if hasattr(model.objects, "visible_to"):
        pages = pages.filter(pk__in=model.objects.visible_to(user).values("pk"))
    return pages


def document_is_visible(*, document, user) -> bool:
    if may_manage(user, document):
        return True
    for model, ids in users_of(document).items():
        if issubclass(model, Page):
            if _visible_pages(model, ids, user).exists():
                return True
        elif hasattr(model.objects, "visible_to"):
            if model.objects.visible_to(user).filter(pk__in=ids).exists():
                return True
    return False
