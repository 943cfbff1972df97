"""URLs of issue 20's conversations part (joined into coordination/urls.py)."""

from django.urls import path

from ..views import conversations as views

urlpatterns = [
    path("coordination/messages/", views.inbox, name="inbox"),
    path(
        "coordination/messages/<int:pk>/",
        views.conversation_detail,
        name="conversation-detail",
    ),
    path(
        "coordination/messages/<int:pk>/reply/",
        views.conversation_reply,
        name="conversation-reply",
    ),
    path("coordination/messages/to/<int:user_pk>/", views.message_new, name="message-new"),
    path(
        "coordination/messages/report/<int:pk>/",
        views.message_report,
        name="message-report",
    ),
    path("coordination/people/<int:user_pk>/block/", views.person_block, name="person-block"),
    path(
        "coordination/people/<int:user_pk>/unblock/",
        views.person_unblock,
        name="person-unblock",
    ),
    path("coordination/updates/<int:pk>/help/", views.help_offer, name="help-offer"),
    path("coordination/reports/", views.report_list, name="report-list"),
    path("coordination/reports/<int:pk>/handle/", views.report_handle, name="report-handle"),
    path("coordination/messages/<int:pk>/remove/", views.message_remove, name="message-remove"),
]
