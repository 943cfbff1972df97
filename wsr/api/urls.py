"""The API's pages on the site, in the reader's language: its documentation
(wsr.api.docs_urls) and the portal's personal tokens, under one namespace "api"."""

from django.urls import path

from . import docs_urls, views

app_name = "api"

urlpatterns = [
    *docs_urls.urlpatterns,
    path("portal/api-tokens/", views.tokens_page, name="tokens"),
    path("portal/api-tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
