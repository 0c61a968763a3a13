from django.urls import path

from employers import views

urlpatterns = [
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/new/", views.employer_create, name="employer_create"),
    path("employers/<int:employer_pk>/", views.employer_detail, name="employer_detail"),
    path("employers/<int:employer_pk>/edit/", views.employer_edit, name="employer_edit"),
    path(
        "employers/<int:employer_pk>/contacts/new/",
        views.contact_person_create,
        name="contact_person_create",
    ),
    path("contacts/<int:contact_pk>/edit/", views.contact_person_edit, name="contact_person_edit"),
    path("candidates/<int:pk>/placements/new/", views.placement_create, name="placement_create"),
    path("placements/<int:placement_pk>/edit/", views.placement_edit, name="placement_edit"),
    path("placements/<int:placement_pk>/end/", views.placement_end, name="placement_end"),
]
