from django.urls import path

from . import views

app_name = "coordination"

urlpatterns = [
    path("coordination/map/", views.opportunity_map, name="map"),
    path("coordination/map.geojson", views.opportunity_geojson, name="map-geojson"),
    path(
        "coordination/opportunities/<int:pk>/",
        views.opportunity_detail,
        name="opportunity-detail",
    ),
    path("coordination/efforts/", views.effort_list, name="effort-list"),
    path("coordination/efforts/new/", views.effort_create, name="effort-create"),
    path("coordination/efforts/<slug:slug>/", views.effort_detail, name="effort-detail"),
    path("coordination/efforts/<slug:slug>/follow/", views.effort_follow, name="effort-follow"),
    path("coordination/efforts/<slug:slug>/targets/", views.effort_target, name="effort-target"),
    path("coordination/efforts/<slug:slug>/updates/", views.update_create, name="update-create"),
    path("coordination/updates/<int:pk>/file/", views.update_attachment, name="update-file"),
    path("coordination/feed/", views.feed, name="feed"),
    path("coordination/calendar/", views.calendar, name="calendar"),
    path("coordination/calendar/public.ics", views.calendar_public_feed, name="calendar-public"),
    path("coordination/calendar/feed/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path(
        "coordination/calendar/token/",
        views.calendar_token_reset,
        name="calendar-token-reset",
    ),
    path("coordination/funding/", views.funding_list, name="funding-list"),
    path("coordination/funding/pipeline/", views.pipeline, name="pipeline"),
    path("coordination/groups/", views.group_list, name="group-list"),
    path("coordination/groups/<slug:slug>/", views.group_detail, name="group-detail"),
    path("coordination/groups/<slug:slug>/join/", views.group_join, name="group-join"),
    path("coordination/groups/<slug:slug>/invite/", views.group_invite, name="group-invite"),
    path("coordination/groups/<slug:slug>/threads/", views.thread_create, name="thread-create"),
    path(
        "coordination/groups/<slug:slug>/threads/<int:pk>/",
        views.thread_detail,
        name="thread-detail",
    ),
    path(
        "coordination/groups/<slug:slug>/threads/<int:pk>/reply/",
        views.post_create,
        name="post-create",
    ),
    path(
        "coordination/groups/<slug:slug>/proposals/",
        views.proposal_create,
        name="proposal-create",
    ),
    path(
        "coordination/organizations/<slug:slug>/people/<int:pk>/groups/end/",
        views.affiliation_groups_end,
        name="affiliation-groups-end",
    ),
    path("coordination/meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("coordination/proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("coordination/proposals/<int:pk>/vote/", views.vote, name="vote"),
    path(
        "coordination/proposals/<int:pk>/outcome/",
        views.proposal_outcome,
        name="proposal-outcome",
    ),
]

# Issue 20's parts keep their routes in coordination/routes/ (one module each).
from .routes import comments, conversations, groups, manage, meetings, results  # noqa: E402

for _part in (comments, conversations, manage, meetings, groups, results):
    urlpatterns += _part.urlpatterns
