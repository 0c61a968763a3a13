from django.urls import path

from followup import views

urlpatterns = [
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:activity_pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:activity_pk>/delete/", views.activity_remove, name="activity_delete"),
    path(
        "activities/candidate-options/",
        views.activity_candidate_options,
        name="activity_candidate_options",
    ),
    path(
        "activities/employer-options/",
        views.activity_employer_options,
        name="activity_employer_options",
    ),
    path("my-week/", views.my_week, name="my_week"),
    path("caseload/", views.caseload, name="caseload"),
]
