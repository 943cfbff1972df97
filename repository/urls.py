from django.urls import path

from . import feeds, views

app_name = "repository"

urlpatterns = [
    path("feeds/resources/rss/", feeds.ResourceFeed(), name="feed-rss"),
    path("feeds/resources/atom/", feeds.ResourceAtomFeed(), name="feed-atom"),
    path("resources/<int:pk>/save/", views.resource_save, name="resource-save"),
    path("resources/propose/", views.resource_propose, name="resource-propose"),
]
