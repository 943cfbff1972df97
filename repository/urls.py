from django.urls import path

from . import feeds, views

app_name = "repository"

urlpatterns = [
    path("feeds/resources/rss/", feeds.ResourceFeed(), name="feed-rss"),
    path("feeds/resources/atom/", feeds.ResourceAtomFeed(), name="feed-atom"),
    path("resources/<int:pk>/save/", views.resource_save, name="resource-save"),
    path("resources/propose/", views.resource_propose, name="resource-propose"),
    path("events/<int:pk>/register/", views.event_register, name="event-register"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event-cancel"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event-ics"),
    path("events/<int:pk>/attendees.csv", views.event_attendees_csv, name="event-attendees"),
    path("feeds/events.ics", views.events_feed, name="events-feed"),
]
