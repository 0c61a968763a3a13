from django.urls import path

from audit import views

urlpatterns = [
    path(
        "candidates/<int:pk>/access/",
        views.candidate_access_log,
        name="candidate_access_log",
    ),
    path(
        "candidates/<int:pk>/access.csv",
        views.candidate_access_log_csv,
        name="candidate_access_log_csv",
    ),
]
