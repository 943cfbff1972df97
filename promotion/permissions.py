"""Who may do what in promotion: small predicates on wsr.members.roles. Editorial pages
follow Wagtail's page permissions (Editors, Approvers) and `visible_to`."""

from wsr.members import roles


def can_answer_speaker_request(user, speaker_request=None) -> bool:
    return roles.is_staff(user)


def can_manage_journalists(user, contact=None) -> bool:
    """Export or erase a journalist's record (subject access and erasure requests)."""
    return roles.is_staff(user)
