from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor import views as two_factor_views

from ips.access import users_visible_to
from ips.decorators import role_required
from ips.forms import LoginForm
from ips.models import Role
from ips.security import login_unlock, second_factor_reset

RECOVERY_CODE_COUNT = 10


@login_required
def home(request):
    if request.user.role == Role.SPECIALIST and not request.user.is_superuser:
        return redirect("caseload")
    # A team leader's default page is the team dashboard.
    if request.user.role == Role.TEAM_LEADER and not request.user.is_superuser:
        return redirect("dashboard")
    return render(request, "ips/home.html")


class LocalNextMixin:
    """Only a path on this site is a `next` to go to after login or enrolment.
    django-two-factor-auth hands any other "safe" value (`?next=abc`) to
    redirect(), which takes it for a URL name and fails (a 500); it is
    ignored instead, as Django ignores a `next` to another host."""

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return url if url.startswith("/") else ""


class LoginView(LocalNextMixin, two_factor_views.LoginView):
    """Password, then the 6-digit code from the authenticator app (or a recovery code)."""

    form_list = (
        (two_factor_views.LoginView.AUTH_STEP, LoginForm),
        *two_factor_views.LoginView.form_list[1:],
    )


class SetupView(LocalNextMixin, two_factor_views.SetupView):
    """Enrolment of the authenticator app."""


def admin_login(request, extra_context=None):
    """The admin has no login page of its own: it would bypass the second factor."""
    return redirect_to_login(request.get_full_path())


class SetupCompleteView(TemplateView):
    """After enrolling an authenticator app the user gets single-use recovery
    codes, shown once, to keep somewhere safe."""

    template_name = "two_factor/core/setup_complete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = []
        # Codes only for a user who has just proven the new device: a password
        # alone must never be enough to mint a second factor.
        if not self.request.user.is_verified():
            context["recovery_codes"] = codes
            return context
        device, _created = self.request.user.staticdevice_set.get_or_create(
            defaults={"name": "backup"}
        )
        if not device.token_set.exists():
            codes = [StaticToken.random_token() for _code in range(RECOVERY_CODE_COUNT)]
            StaticToken.objects.bulk_create(
                [StaticToken(device=device, token=code) for code in codes]
            )
        context["recovery_codes"] = codes
        return context


@role_required(Role.TEAM_LEADER, Role.INTAKE_ADMIN)
def account_list(request):
    """The accounts the user looks after, with their login security state."""
    accounts = (
        users_visible_to(request.user)
        .select_related("team", "office")
        .annotate(
            has_second_factor=Exists(
                TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            ),
            is_locked=Exists(
                AccessAttempt.objects.filter(
                    username=OuterRef("username"),
                    failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
                    attempt_time__gt=timezone.now() - settings.AXES_COOLOFF_TIME,
                )
            ),
        )
        .order_by("last_name", "first_name", "username")
    )
    return render(request, "ips/account_list.html", {"accounts": accounts})


@require_POST
@role_required(Role.TEAM_LEADER, Role.INTAKE_ADMIN)
def account_reset_second_factor(request, pk):
    account = get_object_or_404(users_visible_to(request.user), pk=pk)
    second_factor_reset(request=request, user=account)
    messages.success(
        request,
        _("The second factor of %(name)s is reset: they set up a new one at their next login.")
        % {"name": account.get_full_name() or account.username},
    )
    return redirect("account_list")


@require_POST
@role_required(Role.TEAM_LEADER, Role.INTAKE_ADMIN)
def account_unlock(request, pk):
    account = get_object_or_404(users_visible_to(request.user), pk=pk)
    login_unlock(request=request, user=account)
    messages.success(
        request,
        _("%(name)s can log in again.") % {"name": account.get_full_name() or account.username},
    )
    return redirect("account_list")
