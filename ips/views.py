from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.views.generic import TemplateView
from django_otp.plugins.otp_static.models import StaticToken
from two_factor import views as two_factor_views

RECOVERY_CODE_COUNT = 10


@login_required
def home(request):
    return render(request, "ips/home.html")


class LoginView(two_factor_views.LoginView):
    """Password, then the 6-digit code from the authenticator app (or a recovery code)."""


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
            for _ in range(RECOVERY_CODE_COUNT):
                token = StaticToken.random_token()
                device.token_set.create(token=token)
                codes.append(token)
        context["recovery_codes"] = codes
        return context
