"""URLs of issue 20's meetings part (joined into coordination/urls.py)."""

from django.urls import path

from ..views import meetings as views

urlpatterns = [
    path("coordination/meetings/<int:pk>/rsvp/", views.meeting_respond, name="meeting-respond"),
    path("coordination/meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting-ics"),
    path("coordination/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("coordination/meetings/<int:pk>/delete/", views.meeting_delete, name="meeting-delete"),
    path(
        "coordination/groups/<slug:slug>/meetings/new/",
        views.meeting_create,
        name="meeting-create",
    ),
    path(
        "coordination/calendar/items/new/",
        views.calendar_item_create,
        name="calendar-item-create",
    ),
    path(
        "coordination/calendar/items/<int:pk>/edit/",
        views.calendar_item_edit,
        name="calendar-item-edit",
    ),
    path("coordination/opportunities/new/", views.opportunity_create, name="opportunity-create"),
    path(
        "coordination/opportunities/<int:pk>/edit/",
        views.opportunity_edit,
        name="opportunity-edit",
    ),
    path("coordination/review/", views.review_list, name="review"),
    path("coordination/review/<str:kind>/<int:pk>/", views.review_decide, name="review-decide"),
]
