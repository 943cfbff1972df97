from .cases import (
    NEEDS_REASON_STATUSES,
    OPEN_STATUSES,
    TRANSITIONS,
    Case,
    CaseAssignment,
    CaseFile,
    CaseQuerySet,
    CaseStatus,
    CaseTask,
    HelpKind,
    TimelineEntry,
    Urgency,
)

__all__ = [
    "NEEDS_REASON_STATUSES",
    "OPEN_STATUSES",
    "TRANSITIONS",
    "Case",
    "CaseAssignment",
    "CaseFile",
    "CaseQuerySet",
    "CaseStatus",
    "CaseTask",
    "HelpKind",
    "TimelineEntry",
    "Urgency",
]
