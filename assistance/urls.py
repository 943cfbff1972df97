from django.urls import path

from . import views

app_name = "assistance"

urlpatterns = [
    path("assistance/request/", views.request_create, name="request"),
    path("assistance/request/received/", views.request_done, name="request-done"),
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
    path("assistance/queue/", views.queue, name="queue"),
    path("assistance/workload/", views.workload, name="workload"),
    path("assistance/reports/", views.reports, name="reports"),
    path("assistance/reports.csv", views.reports_csv, name="reports-csv"),
]
