"""What every signed-in page asks about its reader, read from the cache rather than by a
query each time (issue 22): whether they are a member (roles.is_member) and their model
permissions (`{% wagtailuserbar %}` in the base template asks every signed-in reader
`has_perm("wagtailadmin.access_admin")`, which cost a query for their own permissions and
one for their groups').

Membership: kept per person under MEMBERSHIPS, which every save or deletion of an
organization, a membership or an affiliation replaces (an account's `is_active` and staff
flag are read from its row on each request, as before).

`CachedPermissionsBackend` answers exactly as Django's `ModelBackend` (it is one): the same
sets, computed by the same code on a miss, kept per person under the PERMISSIONS
generation, which every change to a group, a permission, a person's groups or permissions,
or a content type replaces. It is listed first in AUTHENTICATION_BACKENDS and primes the
per-object caches (`_perm_cache` ...) that the ModelBackends after it read, so no backend
queries again. It authenticates nobody: signing in stays with the backends after it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from wsr.site.generations import Generation

PERMISSIONS = Generation("members:permissions")
MEMBERSHIPS = Generation("members:memberships")
# Every write Django signals replaces the generations at once. Rows of the auto-created
# through tables written as models (`User.groups.through.objects.filter(...).delete()`, a
# bulk_create) send no signal at all (Django skips them for auto-created models), so the
# timeout bounds them: a person's permissions are read again at least every five minutes.
TIMEOUT = 60 * 5


def is_member_of_an_active_organization(user) -> bool:
    """Whether `user` has an affiliation with an organization whose membership is active."""
    key = f"members:is-member:{user.pk}:{MEMBERSHIPS.current()}"
    answer = cache.get(key)
    if answer is None:
        from .models import Affiliation, Membership

        answer = Affiliation.objects.filter(
            user=user, organization__membership__status=Membership.Status.ACTIVE
        ).exists()
        cache.set(key, answer, TIMEOUT)
    return answer


def _key(user) -> str:
    return f"members:permissions:{user.pk}:{int(user.is_superuser)}:{PERMISSIONS.current()}"


class CachedPermissionsBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None  # permissions only: the backends after this one sign people in

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = _key(user_obj)
            cached = cache.get(key)
            if cached is None:
                cached = (
                    frozenset(self.get_user_permissions(user_obj)),
                    frozenset(self.get_group_permissions(user_obj)),
                )
                cache.set(key, cached, TIMEOUT)
            user_perms, group_perms = cached
            user_obj._user_perm_cache = set(user_perms)  # noqa: SLF001 (ModelBackend's names)
            user_obj._group_perm_cache = set(group_perms)  # noqa: SLF001
            user_obj._perm_cache = {*user_perms, *group_perms}  # noqa: SLF001
        return user_obj._perm_cache  # noqa: SLF001


def _forget(**kwargs) -> None:
    PERMISSIONS.bump(using=kwargs.get("using"))


def _forget_members(**kwargs) -> None:
    MEMBERSHIPS.bump(using=kwargs.get("using"))


def _forget_on_m2m(*, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _forget(**kwargs)


def connect() -> None:
    """Called once at start-up (members' AppConfig.ready)."""
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_forget_on_m2m, sender=through, dispatch_uid=f"wsr-perms-{through}")
    for model in (Group, Permission, ContentType):
        post_save.connect(_forget, sender=model, dispatch_uid=f"wsr-perms-save-{model}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"wsr-perms-delete-{model}")
    from .models import Affiliation, Membership, Organization

    for model in (Organization, Membership, Affiliation):
        post_save.connect(_forget_members, sender=model, dispatch_uid=f"wsr-members-save-{model}")
        post_delete.connect(
            _forget_members, sender=model, dispatch_uid=f"wsr-members-delete-{model}"
        )
