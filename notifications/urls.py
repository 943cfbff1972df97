from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/open/", views.notification_open, name="open"),
    path("notifications/read/", views.notification_mark_read, name="mark-read"),
    path("notifications/settings/", views.preferences, name="preferences"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/staff/deliveries/", views.deliveries, name="deliveries"),
    path(
        "notifications/staff/suppressions/<int:pk>/clear/",
        views.suppression_clear,
        name="suppression-clear",
    ),
    path("notifications/staff/previews/", views.preview_list, name="previews"),
    path("notifications/staff/previews/<slug:name>/", views.preview, name="preview"),
]
