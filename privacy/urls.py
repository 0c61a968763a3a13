from django.urls import path

from privacy import views

# The access log keeps its addresses under audit/ (linked from files and
# printed in access-request answers).
urlpatterns = [
    path(
        "privacy/candidates/<int:pk>/record.json",
        views.candidate_record_json,
        name="candidate_record_json",
    ),
    path(
        "privacy/candidates/<int:pk>/record/",
        views.candidate_record_page,
        name="candidate_record_page",
    ),
    path(
        "audit/candidates/<int:pk>/access/",
        views.candidate_access_log,
        name="candidate_access_log",
    ),
    path(
        "audit/candidates/<int:pk>/access.csv",
        views.candidate_access_log_csv,
        name="candidate_access_log_csv",
    ),
]
