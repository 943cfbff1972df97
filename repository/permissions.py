"""Who may do what in the repository: small predicates on wsr.members.roles. What a person
may *see* is `ResourcePage.objects.visible_to` / `EventPage.objects.visible_to`."""

from wsr.members import roles


def can_save_resource(user, resource=None) -> bool:
    return roles.is_member(user)


def can_propose_resource(user) -> bool:
    return roles.is_member(user)


def can_register_for_event(user, event=None) -> bool:
    return roles.is_member(user)


def can_see_attendees(user, event=None) -> bool:
    return roles.is_staff(user)
