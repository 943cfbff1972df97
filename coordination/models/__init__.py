from .audience import Audience, AudienceQuerySet, HasAudience, reach_q
from .calendar import CalendarItem, CalendarToken
from .conversations import Block
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
from .opportunities import Opportunity, Region, Stage

__all__ = [
    "STANDARD_OPTIONS",
    "standard_option_key",
    "AudienceQuerySet",
    "Block",
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
