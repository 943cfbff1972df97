"""Writes of the coordination app."""

from .calendar import calendar_token_for, calendar_token_reset  # noqa: F401
from .efforts import (  # noqa: F401
    effort_create,
    effort_edit,
    effort_follow,
    effort_owner_change,
    effort_partner_add,
    effort_partner_remove,
    effort_status_set,
    effort_target_add,
    effort_target_remove,
    effort_unfollow,
    feed_mark_seen,
    owner_candidates,
    update_delete,
    update_edit,
    update_post,
)
from .funding import funding_reminders_send  # noqa: F401
from .groups import (  # noqa: F401
    group_join,
    meeting_record,
    mentions_in,
    post_create,
    proposal_create,
    proposal_outcome_record,
    proposals_closing_notify,
    render_markdown,
    thread_create,
    vote_cast,
)
from .meetings import (  # noqa: F401  (issue 20: meetings)
    meeting_counts,
    meeting_create,
    meeting_edit,
    meeting_reminders_send,
    meeting_respond,
)
from .membership import (  # noqa: F401
    efforts_hand_over,
    group_memberships_end,
    group_memberships_end_through,
    member_rights_end,
)
from .posts import post_delete, post_edit  # noqa: F401
from .proposals_by_members import (  # noqa: F401  (issue 20: items proposed by members)
    calendar_item_edit,
    calendar_item_propose,
    opportunity_edit,
    opportunity_propose,
    pending_review,
    proposal_review,
)
