"""Writes of the assistance app: casework and the assessment of initiatives."""

from .assessments import (  # noqa: F401
    REPORT_FIELDS,
    assessment_approve,
    assessment_open,
    assessment_publish,
    assessment_return,
    assessment_sign_off,
    assessment_submit,
    assessor_assign,
    assessor_declare,
    assessor_refusal,
    determination_override,
    evidence_add,
    framework_version_draft,
    framework_version_publish,
    reply_submit,
    replying_organizations,
    report_submit,
    report_verify,
    reports_import,
    score_record,
    summary_record,
)
from .cases import (  # noqa: F401
    User,
    assignment_respond,
    case_consent_set,
    case_post,
    case_task_add,
    case_task_complete,
    case_transition,
    case_update,
    expert_invite,
    lesson_start,
    request_submit,
    task_reminders_send,
    working_days_after,
)
from .privacy import (  # noqa: F401
    access_record,
    access_records_prune,
    case_anonymize,
    cases_due_for_anonymization,
)
from .responses import (  # noqa: F401
    criterion_response_save,
    reply_reminders_send,
    response_file_remove,
)
