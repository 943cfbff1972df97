from django.urls import path

from . import response_views, views

app_name = "companies"

urlpatterns = [
    path("companies/", views.company_list, name="company-list"),
    # Requests for response (issue 20); "responses" and "respond" before the company pages.
    path("companies/responses/", response_views.response_rate_list, name="response-rates"),
    path(
        "companies/respond/<str:token>/",
        response_views.request_respond,
        name="request-respond",
    ),
    path(
        "companies/<slug:slug>/requests/new/",
        response_views.request_create,
        name="request-create",
    ),
    path(
        "companies/requests/<int:pk>/new-link/",
        response_views.request_new_link,
        name="request-new-link",
    ),
    path(
        "companies/requests/<int:pk>/withdraw/",
        response_views.request_withdraw,
        name="request-withdraw",
    ),
    path(
        "companies/responses/<int:pk>/take-down/",
        response_views.response_take_down,
        name="response-take-down",
    ),
    path("companies/<slug:slug>/", views.company_detail, name="company-detail"),
]
