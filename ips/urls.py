from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from two_factor import views as two_factor_views

from ips import views
from ips.admin import bound_change_lists

# Everyone logs in through the two-factor login; the admin's own login page
# would bypass the second factor and the lockout, so it sends them there.
admin.site.login = views.admin_login
bound_change_lists(admin.site)

# The parts of django-two-factor-auth we use. Its own login page, profile and
# "disable" view are left out: the second factor cannot be switched off by
# its user, only reset by a team leader or intake admin. Enrolment is ours
# (SetupView): it is reached only through a one-time enrolment link.
two_factor_patterns = (
    [
        path("account/two_factor/setup/", views.SetupView.as_view(), name="setup"),
        path("account/two_factor/qrcode/", two_factor_views.QRGeneratorView.as_view(), name="qr"),
        path(
            "account/two_factor/setup/complete/",
            views.SetupCompleteView.as_view(),
            name="setup_complete",
        ),
        path(
            "account/two_factor/recovery-codes/",
            two_factor_views.BackupTokensView.as_view(),
            name="backup_tokens",
        ),
    ],
    "two_factor",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include(two_factor_patterns)),
    path("account/confirm-code/", views.second_factor_confirm, name="second_factor_confirm"),
    path("enrol/needed/", views.enrolment_needed, name="enrolment_needed"),
    path("enrol/password/", views.enrolment_password, name="enrolment_password"),
    path("enrol/<str:token>/", views.enrolment_start, name="enrolment_start"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("users/", views.account_list, name="account_list"),
    path(
        "users/<int:pk>/reset-second-factor/",
        views.account_reset_second_factor,
        name="account_reset_second_factor",
    ),
    path("users/<int:pk>/unlock/", views.account_unlock, name="account_unlock"),
    path("", include("candidates.urls")),
    path("", include("followup.urls")),
    path("", include("employers.urls")),
    path("reports/", include("reports.urls")),
    path("", include("privacy.urls")),
    path("intake/", include("intake.urls")),
    path("intake/", include("importer.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
