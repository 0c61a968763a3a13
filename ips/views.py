from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from two_factor import views as two_factor_views

from ips import security
from ips.accounts import (
    LOGIN_HELPERS,
    accounts_with_login_state,
    keeps_accounts,
    users_manageable_by,
)
from ips.bidi import isolate
from ips.decorators import fresh_second_factor_required, role_required
from ips.forms import LoginForm, SecondFactorConfirmForm, add_service_errors
from ips.models import Role
from ips.query import NextQuery, parses_query


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

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        # login() has replaced request.user; django-otp marks the device used.
        if getattr(self.request.user, "otp_device", None) is not None:
            security.second_factor_verified_now(self.request)
        return response


def admin_login(request, extra_context=None):
    """The admin has no login page of its own: it would bypass the second factor."""
    return redirect_to_login(request.get_full_path())


# --- Enrolment of the authenticator app --------------------------------------------


class SetupView(LocalNextMixin, two_factor_views.SetupView):
    """Enrol the authenticator app (reached only through an enrolment link).
    The POST that proves the new app also makes the recovery codes; the next
    page shows them once."""

    def dispatch(self, request, *args, **kwargs):
        # One app per account: another one is added only after a reset, so a
        # session left open cannot bind a second phone to the account.
        if request.user.is_authenticated and security.has_second_factor(request.user):
            return redirect("two_factor:setup_complete")
        return super().dispatch(request, *args, **kwargs)

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        security.second_factor_verified_now(self.request)
        security.recovery_codes_issue(request=self.request)
        self.request.session.pop(security.SESSION_ENROLMENT, None)
        return response


@method_decorator(never_cache, name="dispatch")
class SetupCompleteView(TemplateView):
    """Shows the recovery codes made at enrolment, once. A GET changes nothing."""

    template_name = "two_factor/core/setup_complete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recovery_codes"] = self.request.session.pop(
            security.SESSION_NEW_RECOVERY_CODES, []
        )
        return context


def enrolment_needed(request):
    """Where a password alone leads when the account has no second factor."""
    return render(request, "ips/enrolment_needed.html")


@never_cache
def enrolment_start(request, token):
    """The link from the e-mail (or handed over). The token moves into the
    session and out of the address bar, as Django's password reset does."""
    link = security.enrolment_link_find(token)
    if link is None:
        return render(request, "ips/enrolment_password.html", {"valid_link": False})
    request.session[security.SESSION_ENROLMENT_LINK] = link.pk
    return redirect("enrolment_password")


@never_cache
def enrolment_password(request):
    """Choose a password, then go on to enrol the authenticator app."""
    link = security.enrolment_link_pending(request.session.get(security.SESSION_ENROLMENT_LINK))
    if link is None:
        return render(request, "ips/enrolment_password.html", {"valid_link": False})
    form = SetPasswordForm(link.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = security.enrolment_link_redeem(
                request=request, link_id=link.pk, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if user is None:
                return render(request, "ips/enrolment_password.html", {"valid_link": False})
            return redirect("two_factor:setup")
    return render(
        request,
        "ips/enrolment_password.html",
        {"valid_link": True, "form": form, "account": link.user},
    )


# --- The actor's own second factor, fresh -----------------------------------------


def _safe_next(request, query) -> str | None:
    target = request.POST.get("next") or query.cleaned_data["next"]
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@never_cache
@parses_query(NextQuery)
def second_factor_confirm(request, query):
    """The step-up page: the user's own code again before a sensitive action
    (resetting someone's second factor, handing out an enrolment link)."""
    form = SecondFactorConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if security.second_factor_confirm(request=request, token=form.cleaned_data["otp_token"]):
            return redirect(_safe_next(request, query) or "home")
        form.add_error(
            "otp_token",
            _("That code is not right. Enter the code your app shows now."),
        )
    return render(
        request,
        "ips/second_factor_confirm.html",
        {"form": form, "next": _safe_next(request, query) or ""},
    )


# --- The accounts a user looks after ----------------------------------------------


@role_required(*LOGIN_HELPERS)
def account_list(request):
    """The accounts the user looks after, with their login security state."""
    return render(
        request,
        "ips/account_list.html",
        {
            "accounts": accounts_with_login_state(request.user),
            "keeps_accounts": keeps_accounts(request.user),
        },
    )


@role_required(*LOGIN_HELPERS)
@fresh_second_factor_required
def account_reset_second_factor(request, pk):
    """A GET asks to confirm; the POST resets (with the actor's own code fresh)."""
    account = get_object_or_404(users_manageable_by(request.user), pk=pk)
    if request.method != "POST":
        return render(request, "ips/account_reset_second_factor.html", {"account": account})
    security.second_factor_reset(request=request, user=account)
    name = isolate(account)
    if keeps_accounts(request.user):
        messages.success(
            request,
            _(
                "The second factor of %(name)s is reset. Give them an enrolment link to set up a new one."
            )
            % {"name": name},
        )
        return redirect("account_enrolment_link", user_pk=account.pk)
    messages.success(
        request,
        _(
            "The second factor of %(name)s is reset. The intake admin gives them an enrolment "
            "link to set up a new one."
        )
        % {"name": name},
    )
    return redirect("account_list")


@require_POST
@role_required(*LOGIN_HELPERS)
def account_unlock(request, pk):
    account = get_object_or_404(users_manageable_by(request.user), pk=pk)
    security.login_unlock(request=request, user=account)
    messages.success(
        request,
        _("%(name)s can log in again.") % {"name": isolate(account)},
    )
    return redirect("account_list")
