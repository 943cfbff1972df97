from .audience import Audience, AudienceQuerySet, HasAudience, reach_q
from .calendar import CalendarItem, CalendarToken
from .comments import Comment  # noqa: F401  (issue 20: comments)
from .conversations import Block, Conversation, ConversationParticipant, Message, Report
from .efforts import Effort, EffortFollow, EffortTarget, FeedVisit, Update
from .funding import Currency, Funder, FundingApplication, FundingOpportunity
from .groups import (
    STANDARD_OPTIONS,
    GroupMembership,
    Meeting,
    Post,
    Proposal,
    ProposalOption,
    Thread,
    Vote,
    WorkingGroup,
    standard_option_key,
)
from .invitations import GroupInvitation, JoinRequest  # noqa: F401  (issue 20: joining)
from .meetings import MeetingResponse  # noqa: F401  (issue 20: RSVP)
from .opportunities import Opportunity, Region, Stage
from .results import Result, ResultUpdate  # noqa: F401  (issue 20: follow-through)

__all__ = [
    "STANDARD_OPTIONS",
    "standard_option_key",
    "AudienceQuerySet",
    "Block",
    "Conversation",
    "ConversationParticipant",
    "Message",
    "Report",
    "CalendarItem",
    "CalendarToken",
    "Currency",
    "Effort",
    "EffortFollow",
    "EffortTarget",
    "FeedVisit",
    "Funder",
    "FundingApplication",
    "FundingOpportunity",
    "GroupMembership",
    "HasAudience",
    "Meeting",
    "Opportunity",
    "Post",
    "Proposal",
    "ProposalOption",
    "Audience",
    "Region",
    "Stage",
    "Thread",
    "Update",
    "Vote",
    "WorkingGroup",
    "reach_q",
]
