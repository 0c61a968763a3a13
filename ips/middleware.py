"""Request guards: login required everywhere, second factor, session limits,
query parameters."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ips.query import InvalidQuery, edge_problems, refusal
from ips.security import enrolment_allowed, second_factor_enforced

#: Paths an anonymous visitor may reach.
PUBLIC_PREFIXES = (
    "/login/",
    "/enrol/",
    "/password/reset/",
    "/reset/",
    "/i18n/",
    "/static/",
    "/favicon.ico",
)

#: Paths a user who has given only a password may always reach.
UNVERIFIED_PREFIXES = (
    "/enrol/",
    "/logout/",
    "/i18n/",
    "/static/",
)
#: Enrolment of the authenticator app: only for a session that came through a
#: valid enrolment link (`ips.security.enrolment_allowed`).
SETUP_PREFIXES = (
    "/account/two_factor/setup/",
    "/account/two_factor/qrcode/",
)

SESSION_LOGIN_AT = "trofast_login_at"


def _is_public(path):
    return path.startswith(PUBLIC_PREFIXES)


class LoginRequiredMiddleware:
    """Anonymous requests to anything but login, password reset and static
    files go to the login page. A request that carried a session cookie the
    server no longer knows has been idle too long: the user is told why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not _is_public(request.path):
            if settings.SESSION_COOKIE_NAME in request.COOKIES and not request.session.keys():
                messages.warning(
                    request,
                    _(
                        "You were logged out after 30 minutes without activity. Please log in again."
                    ),
                )
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """A user who has logged in with a password only must use the second
    factor. Enrolling one needs a session that came through an enrolment link:
    the password alone never starts enrolment (anyone holding it could
    otherwise bind their own phone to the account)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and second_factor_enforced()
            and not user.is_verified()
            and not request.path.startswith(UNVERIFIED_PREFIXES)
        ):
            if not enrolment_allowed(request):
                return redirect("enrolment_needed")
            if not request.path.startswith(SETUP_PREFIXES):
                return redirect("two_factor:setup")
        return self.get_response(request)


class SessionLimitsMiddleware:
    """Ends a session 12 hours after login whatever the activity (the idle
    limit of 30 minutes is SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            if login_at is None:
                request.session[SESSION_LOGIN_AT] = time.time()
            elif time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.warning(
                    request,
                    _("You were logged out because 12 hours have passed since you logged in."),
                )
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


def remember_login_time(sender, request, user, **kwargs):
    """Start the 12-hour clock at every login, also a repeated one."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = time.time()


class QueryParametersMiddleware:
    """Answers 400 with a message, before any view runs, when a query parameter
    holds what no page takes (ips.query.edge_problems); and renders the 400 of
    a view whose query form refused its parameters (ips.query.InvalidQuery)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problems = edge_problems(request.GET)
        if problems:
            return refusal(request, problems)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidQuery):
            return refusal(request, exception.messages, exception.form)
        return None
