from django.urls import path, re_path

from . import views
from .views import desk as desk_views
from .views import figures as figures_views
from .views import mail as mail_views
from .views import printing as printing_views
from .views import responses as response_views

app_name = "assistance"

urlpatterns = [
    path("assistance/request/", views.request_create, name="request"),
    path("assistance/request/received/", views.request_done, name="request-done"),
    path(
        "assistance/request/confirm/<str:token>/",
        views.request_confirm,
        name="request-confirm",
    ),
    path("assistance/cases/", views.case_list, name="case-list"),
    path("assistance/cases/<str:reference>/", views.case_detail, name="case-detail"),
    path("assistance/cases/<str:reference>/post/", views.case_post, name="case-post"),
    path("assistance/cases/<str:reference>/status/", views.case_transition, name="case-transition"),
    path("assistance/cases/<str:reference>/edit/", views.case_update, name="case-update"),
    path("assistance/cases/<str:reference>/experts/", views.expert_invite, name="expert-invite"),
    path(
        "assistance/cases/<str:reference>/invitations/<int:pk>/",
        views.assignment_respond,
        name="assignment-respond",
    ),
    path("assistance/cases/<str:reference>/tasks/", views.task_add, name="task-add"),
    path(
        "assistance/cases/<str:reference>/tasks/<int:pk>/done/",
        views.task_complete,
        name="task-complete",
    ),
    path("assistance/cases/<str:reference>/lesson/", views.lesson_start, name="lesson-start"),
    path("assistance/cases/<str:reference>/files/<int:pk>/", views.case_file, name="case-file"),
    path("assistance/cases/<str:reference>/history/", views.case_history, name="case-history"),
    path("assistance/cases/<str:reference>/consent/", views.case_consent, name="case-consent"),
    path(
        "assistance/cases/<str:reference>/anonymize/",
        views.case_anonymize,
        name="case-anonymize",
    ),
    # The case page's desk (issue 19): canned responses, corrections, links and merges.
    path("assistance/cases/<str:reference>/canned/", desk_views.case_canned, name="case-canned"),
    path(
        "assistance/cases/<str:reference>/entries/<int:pk>/",
        desk_views.timeline_entry,
        name="timeline-entry",
    ),
    path("assistance/cases/<str:reference>/links/", desk_views.case_link, name="case-link"),
    path("assistance/cases/<str:reference>/merge/", desk_views.case_merge, name="case-merge"),
    path("assistance/queue/", views.queue, name="queue"),
    # The queue's saved views and bulk actions (issue 19)
    path("assistance/queue/bulk/", views.cases_bulk, name="queue-bulk"),
    path("assistance/queue/views/", views.saved_views, name="queue-views"),
    path("assistance/queue/views/save/", views.saved_view_create, name="queue-view-save"),
    path(
        "assistance/queue/views/<int:pk>/rename/",
        views.saved_view_rename_view,
        name="queue-view-rename",
    ),
    path(
        "assistance/queue/views/<int:pk>/delete/",
        views.saved_view_delete_view,
        name="queue-view-delete",
    ),
    # Email held for staff (issue 19)
    path("assistance/mail/", mail_views.case_mail, name="case-mail"),
    path("assistance/mail/<int:pk>/", mail_views.case_mail_decide, name="case-mail-decide"),
    path("assistance/workload/", views.workload, name="workload"),
    path("assistance/reports/", views.reports, name="reports"),
    path("assistance/reports.csv", views.reports_csv, name="reports-csv"),
    # The initiative registry (public) ---------------------------------------------------
    path("initiatives/", views.initiative_list, name="initiative-list"),
    # Enforcement figures as CSV or XLSX, and the template to fill in (issue 19).
    re_path(
        r"^initiatives/figures\.(?P<fmt>csv|xlsx)$",
        figures_views.figures_download_all,
        name="figures-download-all",
    ),
    re_path(
        r"^initiatives/figures-template\.(?P<fmt>csv|xlsx)$",
        figures_views.figures_template,
        name="figures-template",
    ),
    re_path(
        r"^initiatives/(?P<slug>[-\w]+)/figures\.(?P<fmt>csv|xlsx)$",
        figures_views.figures_download,
        name="figures-download",
    ),
    path("initiatives/compare/", views.compare, name="compare"),
    path("initiatives/framework/", views.framework, name="framework"),
    path("initiatives/framework/v<int:number>/", views.framework, name="framework-version"),
    path(
        "initiatives/framework/compare/",
        printing_views.framework_compare,
        name="framework-compare",
    ),
    re_path(
        r"^initiatives/scorecards\.(?P<fmt>csv|json)$",
        views.registry_download,
        name="registry-download",
    ),
    path("initiatives/evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="initiative-detail"),
    path("initiatives/<slug:slug>/scorecards/<int:pk>/", views.scorecard, name="scorecard"),
    path(
        "initiatives/<slug:slug>/scorecards/<int:pk>/report/",
        printing_views.scorecard_report,
        name="scorecard-report",
    ),
    path(
        "initiatives/<slug:slug>/scorecards/<int:pk>/report.pdf",
        printing_views.scorecard_report_pdf,
        name="scorecard-report-pdf",
    ),
    re_path(
        r"^initiatives/(?P<slug>[-\w]+)/scorecards/(?P<pk>[0-9]+)\.(?P<fmt>csv|json)$",
        views.scorecard_download,
        name="scorecard-download",
    ),
    path("initiatives/<slug:slug>/figures/", views.report_submit, name="report-submit"),
    path(
        "initiatives/<slug:slug>/figures/imports/<int:pk>/",
        views.report_import,
        name="report-import",
    ),
    # Assessments (assessors, staff, and the lead organization at the right of reply) -----
    path("assistance/assessments/", views.assessment_list, name="assessment-list"),
    path("assistance/assessments/open/", views.assessment_open, name="assessment-open"),
    path("assistance/assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path(
        "assistance/assessments/<int:pk>/scores/<int:score_pk>/",
        views.score_save,
        name="score-save",
    ),
    path("assistance/assessments/<int:pk>/summary/", views.summary_save, name="summary-save"),
    path("assistance/assessments/<int:pk>/evidence/", views.evidence_create, name="evidence-add"),
    path("assistance/assessments/<int:pk>/assessors/", views.assessor_add, name="assessor-add"),
    path(
        "assistance/assessments/<int:pk>/declaration/",
        views.assessment_declare,
        name="assessment-declare",
    ),
    path("assistance/assessments/<int:pk>/stage/", views.assessment_move, name="assessment-move"),
    path(
        "assistance/assessments/<int:pk>/determination/",
        views.override_save,
        name="override-save",
    ),
    path("assistance/assessments/<int:pk>/reply/", views.reply_save, name="reply-save"),
    path(
        "assistance/assessments/<int:pk>/reply/criteria/<int:criterion_pk>/",
        response_views.criterion_response_save,
        name="criterion-response-save",
    ),
    path(
        "assistance/assessments/response-files/<int:pk>/",
        response_views.response_file,
        name="response-file",
    ),
    path(
        "assistance/assessments/response-files/<int:pk>/remove/",
        response_views.response_file_remove,
        name="response-file-remove",
    ),
    path("assistance/figures/", views.report_queue, name="report-queue"),
    path("assistance/figures/<int:pk>/", views.report_verify, name="report-verify"),
    path(
        "assistance/frameworks/<int:pk>/publish/",
        views.framework_publish,
        name="framework-publish",
    ),
    path("assistance/frameworks/<int:pk>/copy/", views.framework_copy, name="framework-copy"),
]
