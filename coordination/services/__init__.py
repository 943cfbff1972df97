"""Writes of the coordination app."""

from .calendar import calendar_token_for, calendar_token_reset  # noqa: F401
from .efforts import (  # noqa: F401
    effort_create,
    effort_follow,
    effort_target_add,
    effort_unfollow,
    feed_mark_seen,
    update_post,
)
from .funding import funding_reminders_send  # noqa: F401
from .groups import (  # noqa: F401
    group_join,
    group_member_add,
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
from .membership import (  # noqa: F401
    efforts_hand_over,
    group_memberships_end,
    group_memberships_end_through,
    member_rights_end,
)
