"""Thin views of the coordination app. Outside a record's audience its URL answers 404."""

from .calendar import calendar, calendar_feed, calendar_public_feed, calendar_token_reset  # noqa: F401
from .efforts import (  # noqa: F401
    effort_create,
    effort_detail,
    effort_follow,
    effort_list,
    effort_target,
    feed,
    update_attachment,
    update_create,
)
from .funding import funding_list, pipeline  # noqa: F401
from .groups import (  # noqa: F401
    affiliation_groups_end,
    group_detail,
    group_invite,
    group_join,
    group_list,
    meeting_detail,
    post_create,
    proposal_create,
    proposal_detail,
    proposal_outcome,
    thread_create,
    thread_detail,
    vote,
)
from .opportunities import opportunity_detail, opportunity_geojson, opportunity_map  # noqa: F401
