from django.urls import path

from intake import transfer_views, views

urlpatterns = [
    path("referrals/new/", views.referral_create, name="referral_create"),
    path("waiting-list/", views.waiting_list, name="waiting_list"),
    path(
        "referrals/<int:referral_pk>/withdraw/",
        views.referral_withdraw,
        name="referral_withdraw",
    ),
    path("enrollments/<int:enrollment_pk>/", views.intake_enrollment, name="intake_enrollment"),
    path(
        "enrollments/<int:enrollment_pk>/assign/",
        views.assignment_create,
        name="assignment_create",
    ),
    path(
        "enrollments/<int:enrollment_pk>/discharge/",
        views.enrollment_discharge,
        name="enrollment_discharge",
    ),
    path(
        "enrollments/<int:enrollment_pk>/transfer-request/",
        transfer_views.transfer_request_create,
        name="transfer_request_create",
    ),
    path("transfers/", transfer_views.transfer_list, name="transfer_list"),
    path("transfers/<int:transfer_pk>/", transfer_views.transfer_detail, name="transfer_detail"),
    path("users/new/", views.account_create, name="account_create"),
    path("users/<int:user_pk>/edit/", views.account_edit, name="account_edit"),
    path("users/<int:user_pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("users/<int:user_pk>/reactivate/", views.account_reactivate, name="account_reactivate"),
    path(
        "users/<int:user_pk>/password-link/",
        views.account_password_link,
        name="account_password_link",
    ),
    path(
        "users/<int:user_pk>/enrolment-link/",
        views.account_enrolment_link,
        name="account_enrolment_link",
    ),
    path("teams/", views.team_create, name="team_create"),
]
