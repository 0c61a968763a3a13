from django.urls import path

from candidates import views

urlpatterns = [
    path("candidates/<int:pk>/", views.candidate_file, name="candidate_file"),
    path("candidates/<int:pk>/timeline/", views.candidate_timeline, name="candidate_timeline"),
    path("candidates/<int:pk>/edit/", views.candidate_edit, name="candidate_edit"),
    path(
        "candidates/<int:pk>/profile/", views.candidate_profile_edit, name="candidate_profile_edit"
    ),
    path("candidates/<int:pk>/plan/", views.candidate_plan, name="candidate_plan"),
    path(
        "candidates/<int:pk>/protection/", views.candidate_protection, name="candidate_protection"
    ),
]
