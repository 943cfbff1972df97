"""Forms of the assistance app."""

from .cases import (  # noqa: F401
    ALLOWED_TYPES,
    MAX_FILES,
    CaseFileField,
    CaseFilesField,
    CaseUpdateForm,
    InviteExpertForm,
    LessonForm,
    MultipleFileInput,
    PostForm,
    ReplyForm,
    RequestForm,
    TaskForm,
    TransitionForm,
    User,
    check_case_file,
)
from .initiatives import (  # noqa: F401
    CSV_COLUMNS,
    AssignAssessorForm,
    DeclarationForm,
    EvidenceForm,
    InitiativeReplyForm,
    NoteForm,
    OpenAssessmentForm,
    OverrideForm,
    ReportForm,
    ReportUploadForm,
    ReportVerifyForm,
    ScoreForm,
    SummaryForm,
)
