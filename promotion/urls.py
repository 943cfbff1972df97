from django.urls import path, re_path

from . import views
from .feeds import ArticleAtomFeed, ArticleFeed

app_name = "promotion"

urlpatterns = [
    path("authors/<slug:slug>/", views.author, name="author"),
    path("talks/", views.talks, name="talks"),
    path("talks/request/", views.speaker_request, name="speaker-request"),
    path("talks/request/sent/", views.speaker_request_done, name="speaker-request-done"),
    path("newsletter/", views.newsletter_signup, name="newsletter"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter-confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views.newsletter_unsubscribe,
        name="newsletter-unsubscribe",
    ),
    path("publications/<int:pk>/download/", views.publication_download, name="download"),
    re_path(
        r"^publications/(?P<pk>[0-9]+)/cite\.(?P<fmt>bib|ris)$", views.citation, name="citation"
    ),
    path("feeds/articles.rss", ArticleFeed(), name="feed-rss"),
    path("feeds/articles.atom", ArticleAtomFeed(), name="feed-atom"),
    path("feeds/kind/<slug:kind>.rss", ArticleFeed(), name="feed-kind-rss"),
    path("feeds/kind/<slug:kind>.atom", ArticleAtomFeed(), name="feed-kind-atom"),
    path("feeds/topic/<slug:topic>.rss", ArticleFeed(), name="feed-topic-rss"),
    path("feeds/topic/<slug:topic>.atom", ArticleAtomFeed(), name="feed-topic-atom"),
    path("promotion/speaker-requests/", views.speaker_requests, name="speaker-requests"),
    path(
        "promotion/speaker-requests/<int:pk>/",
        views.speaker_request_answer,
        name="speaker-request-answer",
    ),
    path("promotion/content-calendar/", views.content_calendar, name="content-calendar"),
    path("promotion/coverage/", views.coverage_report, name="coverage-report"),
    path(
        "promotion/journalists/<int:pk>/export/",
        views.journalist_export,
        name="journalist-export",
    ),
    path("promotion/journalists/<int:pk>/erase/", views.journalist_erase, name="journalist-erase"),
]
