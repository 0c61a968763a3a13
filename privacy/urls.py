from django.urls import path

from privacy import views

urlpatterns = [
    path(
        "candidates/<int:pk>/record.json", views.candidate_record_json, name="candidate_record_json"
    ),
    path("candidates/<int:pk>/record/", views.candidate_record_page, name="candidate_record_page"),
]
