"""The platform's roles, computed in one place (docs/access.md has the whole matrix).

anonymous → signed in → member (affiliated with an active member organization) → org admin
(of one organization) → assigned expert (of one case or assessment, in `assistance`) →
staff. "Staff" always means a person with the staff flag who passed a second factor in
this session: a staff password alone makes nobody staff. Every app's `permissions.py`
builds on these functions; nothing else reads `is_staff` to decide what someone may do.
"""

from __future__ import annotations

from django.conf import settings

# Set on the user object of a request by `SecondFactorMiddleware`: True when the session
# passed allauth's second-factor stage (or enrolled a factor during it).
SECOND_FACTOR_ATTRIBUTE = "_wsr_second_factor"
_ENROLLED_CACHE = "_wsr_has_authenticator"
_MEMBER_CACHE = "_wsr_is_member"


def is_signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def has_authenticator(user) -> bool:
    """Whether `user` has a confirmed TOTP authenticator (cached on the object): one set up
    on an account with admin powers counts once its owner confirmed it from their mailbox
    (wsr/members/factors.py)."""
    cached = getattr(user, _ENROLLED_CACHE, None)
    if cached is None:
        from allauth.mfa.models import Authenticator
        from django.db.models import Q

        cached = (
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
            .filter(
                Q(wsr_confirmation__isnull=True) | Q(wsr_confirmation__confirmed_at__isnull=False)
            )
            .exists()
        )
        setattr(user, _ENROLLED_CACHE, cached)
    return cached


def passed_second_factor(user) -> bool:
    """In a request: whether this session passed a second factor. Outside one (a task,
    the shell): whether the person has a factor at all, since they cannot sign in without."""
    passed = getattr(user, SECOND_FACTOR_ATTRIBUTE, None)
    if passed is None:
        return has_authenticator(user)
    return passed and has_authenticator(user)


def is_staff(user) -> bool:
    """Collaborative staff who passed a second factor: the only meaning of "staff" here."""
    if not (is_signed_in(user) and user.is_staff):
        return False
    if not settings.WSR_STAFF_MFA_REQUIRED:
        return True
    return passed_second_factor(user)


def may_open_the_cms(user) -> bool:
    """Wagtail's own rule for its admin (/cms/): the `access_admin` permission (staff,
    editors, approvers); the second factor is checked on top (SecondFactorMiddleware)."""
    return is_signed_in(user) and user.has_perm("wagtailadmin.access_admin")


def is_unverified_staff(user) -> bool:
    """A staff account whose session has not passed a second factor (sent to set one up)."""
    return is_signed_in(user) and user.is_staff and not is_staff(user)


def is_member(user) -> bool:
    """A member: affiliated with an organization whose membership is active (or staff)."""
    if not is_signed_in(user):
        return False
    if is_staff(user):
        return True
    cached = getattr(user, _MEMBER_CACHE, None)
    if cached is None:
        from .role_cache import is_member_of_an_active_organization

        cached = is_member_of_an_active_organization(user)  # per person, in the cache
        setattr(user, _MEMBER_CACHE, cached)
    return cached


def forget_member(user) -> None:
    """Drop the cached membership answer (after an affiliation or a membership changed)."""
    if user is not None and hasattr(user, _MEMBER_CACHE):
        delattr(user, _MEMBER_CACHE)


def is_org_admin(user, organization) -> bool:
    """An admin of `organization` (staff administer every organization)."""
    if not is_signed_in(user):
        return False
    if is_staff(user):
        return True
    from .models import Affiliation

    return Affiliation.objects.filter(
        user=user, organization=organization, role=Affiliation.Role.ADMIN
    ).exists()


def role_names(user) -> list[str]:
    """The general roles of `user`, for the access matrix and logs (no per-object roles)."""
    if not is_signed_in(user):
        return ["anonymous"]
    names = ["signed_in"]
    if is_member(user):
        names.append("member")
    if is_staff(user):
        names.append("staff")
    return names


def without_staff_powers(user):
    """An in-memory copy of `user` that reads as a member at most: no staff or superuser
    flag and no second factor (an API token proves none), staff counted as members, as
    is_member counts them. Never saved (issue 21: what a personal token may read)."""
    import copy

    viewer = copy.copy(user)
    if is_signed_in(viewer) and viewer.is_staff:
        setattr(viewer, _MEMBER_CACHE, True)
    viewer.is_staff = False
    viewer.is_superuser = False
    setattr(viewer, SECOND_FACTOR_ATTRIBUTE, False)
    viewer.save = None  # a copy with lowered powers must never be written back
    return viewer
