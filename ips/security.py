"""Login security: second factor, its freshness, enrolment links, lockout.

The writes here check `ips.accounts.may_manage` themselves, so no caller can
reach an account with more power than its actor's.
"""

import hashlib
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ips.accounts import keeps_accounts, may_manage
from ips.models import EnrolmentLink, User

#: When the user last entered a code from their app in this session (epoch seconds).
SESSION_VERIFIED_AT = "trofast_second_factor_at"
#: The account this session may enrol an app for (set after a valid enrolment link).
SESSION_ENROLMENT = "trofast_enrolment_user"
#: The enrolment link opened in this session, waiting for the password to be chosen.
SESSION_ENROLMENT_LINK = "trofast_enrolment_link"
#: Recovery codes made at enrolment, shown once on the next page.
SESSION_NEW_RECOVERY_CODES = "trofast_new_recovery_codes"

RECOVERY_CODE_COUNT = 10


class Delivery(models.TextChoices):
    """How an enrolment link reaches its owner."""

    EMAIL = "email", gettext_lazy("Send it by e-mail")
    SHOW = "show", gettext_lazy("Show it to me once, to hand it over")


def second_factor_enforced() -> bool:
    """Two-factor login is enforced whenever debug is off; only the local
    demo (debug on) may switch it off with REQUIRE_2FA=0."""
    return settings.REQUIRE_2FA or not settings.DEBUG


def login_username(request, credentials=None):
    """The username axes locks: the login wizard prefixes its fields."""
    if credentials and credentials.get("username"):
        username = credentials["username"]
    else:
        data = getattr(request, "POST", {}) or {}
        username = data.get("auth-username") or data.get("username")
    # axes stores it in a 255-character column; a longer one is no real user.
    return username[:255] if username else username


def _require_manageable(actor, account) -> None:
    if not may_manage(actor, account):
        raise PermissionDenied


# --- The actor's own second factor: fresh for sensitive actions -----------------


def second_factor_verified_now(request) -> None:
    """Remember that the user has just entered a code (at login, at enrolment
    or on the step-up page)."""
    request.session[SESSION_VERIFIED_AT] = time.time()


def second_factor_fresh(request) -> bool:
    """True when the user entered a code from their app within the last
    SECOND_FACTOR_FRESH_SECONDS. Always true in the demo without 2FA."""
    if not second_factor_enforced():
        return True
    if not request.user.is_verified():
        return False
    verified_at = request.session.get(SESSION_VERIFIED_AT)
    return verified_at is not None and time.time() - verified_at <= (
        settings.SECOND_FACTOR_FRESH_SECONDS
    )


def second_factor_confirm(*, request, token: str) -> bool:
    """Check a code from the user's authenticator app (not a recovery code:
    those are for a lost phone) and record it as fresh. django-otp throttles
    repeated wrong codes."""
    from django_otp import verify_token
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if verify_token(request.user, device.persistent_id, token):
            second_factor_verified_now(request)
            return True
    return False


# --- Someone else's second factor and lockout -----------------------------------


def has_second_factor(user: User) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_reset(*, request, user) -> None:
    """Remove a user's authenticator app and recovery codes. They enrol anew
    through an enrolment link; sessions they had are no longer verified.
    Needs the actor's own second factor fresh. Recorded in the audit log."""
    from django_otp import devices_for_user

    from audit.services import security_event_record

    _require_manageable(request.user, user)
    if not second_factor_fresh(request):
        raise PermissionDenied
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        security_event_record(request=request, subject=user, event="second_factor_reset")


def login_unlock(*, request, user) -> None:
    """Lift a lockout after too many failed logins. Recorded in the audit log."""
    from axes.utils import reset

    from audit.services import security_event_record

    _require_manageable(request.user, user)
    reset(username=user.username)
    security_event_record(request=request, subject=user, event="unlocked")


def is_locked_out(username: str) -> bool:
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(
        username=username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gt=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).exists()


# --- Enrolment links --------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def enrolment_link_refusal(user: User) -> str | None:
    """Why `user` cannot be given an enrolment link now, or None."""
    if not user.is_active:
        return _("%(name)s is deactivated.") % {"name": user}
    if has_second_factor(user):
        return _(
            "%(name)s has two-factor login set up already. Reset their second factor first "
            "if they need to set it up again."
        ) % {"name": user}
    return None


def enrolment_link_issue(*, request, user: User, delivery: str) -> tuple[str, EnrolmentLink]:
    """A new one-time enrolment link for `user`, e-mailed to them or returned
    to be shown once. Any earlier unused link of theirs stops working. Needs
    the actor's own second factor fresh. Recorded in the audit log."""
    from audit.services import security_event_record

    actor = request.user
    if not keeps_accounts(actor):
        raise PermissionDenied
    _require_manageable(actor, user)
    if not second_factor_fresh(request):
        raise PermissionDenied
    refusal = enrolment_link_refusal(user)
    if refusal is None and delivery == Delivery.EMAIL and not user.email:
        refusal = _("%(name)s has no e-mail address: show the link instead.") % {"name": user}
    if delivery not in Delivery.values:
        refusal = _("Choose how the link reaches its owner.")
    if refusal:
        raise ValidationError(refusal)

    with transaction.atomic():
        token, link = _enrolment_link_create(user=user, created_by=actor)
        url = request.build_absolute_uri(reverse("enrolment_start", args=[token]))
        if delivery == Delivery.EMAIL:
            context = {"user": user, "url": url, "expires_at": link.expires_at}
            subject = render_to_string("ips/enrolment_link_subject.txt", context).strip()
            body = render_to_string("ips/enrolment_link_email.txt", context)
            send_mail(subject, body, None, [user.email])
        event = "enrolment_link_emailed" if delivery == Delivery.EMAIL else "enrolment_link_shown"
        security_event_record(request=request, subject=user, event=event)
    return url, link


def enrolment_link_print(*, user: User) -> tuple[str, EnrolmentLink]:
    """An enrolment link for an operator at the command line (the first
    superuser of a deployment, a demo with two-factor login on): the token,
    for `manage.py enrolment_link` to print. Recorded in the audit log."""
    from audit.services import security_event_record

    refusal = enrolment_link_refusal(user)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        token, link = _enrolment_link_create(user=user, created_by=None)
        security_event_record(request=None, subject=user, event="enrolment_link_printed")
    return token, link


def _enrolment_link_create(*, user: User, created_by: User | None) -> tuple[str, EnrolmentLink]:
    """A new link for `user`; any earlier unused one stops working."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()
    link = EnrolmentLink.objects.create(
        user=user,
        token_hash=_hash(token),
        created_at=now,
        expires_at=now + timedelta(hours=settings.ENROLMENT_LINK_HOURS),
        created_by=created_by,
    )
    return token, link


def _valid_links():
    """Unused, not expired, of an active account."""
    return EnrolmentLink.objects.select_related("user").filter(
        used_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True
    )


def enrolment_link_find(token: str) -> EnrolmentLink | None:
    """The valid link for the token in its address."""
    return _valid_links().filter(token_hash=_hash(token)).first()


def enrolment_link_pending(link_id) -> EnrolmentLink | None:
    """The valid link this session opened, waiting for the password."""
    return _valid_links().filter(pk=link_id).first() if link_id else None


def enrolment_link_redeem(*, request, link_id: int, password: str) -> User | None:
    """Use the link once: set the chosen password and let this session enrol
    an authenticator app. None when the link was used or expired meanwhile.
    Recorded in the audit log once the owner is logged in."""
    from django.contrib.auth import login
    from django.contrib.auth.password_validation import validate_password

    from audit.services import security_event_record

    with transaction.atomic():
        link = _valid_links().select_for_update(of=("self",)).filter(pk=link_id).first()
        if link is None:
            return None
        validate_password(password, link.user)
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        user = link.user
        user.set_password(password)
        user.save(update_fields=["password"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SESSION_ENROLMENT] = user.pk
        security_event_record(request=request, subject=user, event="enrolment_link_used")
    return user


def enrolment_allowed(request) -> bool:
    """This session came through a valid enrolment link for its user."""
    user = request.user
    return user.is_authenticated and request.session.get(SESSION_ENROLMENT) == user.pk


def recovery_codes_issue(*, request) -> list[str]:
    """Single-use recovery codes for a user who has just proven their new app,
    kept in the session to be shown once. A password alone never mints them."""
    from django_otp.plugins.otp_static.models import StaticToken

    user = request.user
    if not user.is_verified():
        raise PermissionDenied
    with transaction.atomic():
        device, _created = user.staticdevice_set.get_or_create(defaults={"name": "backup"})
        if device.token_set.exists():
            return []
        codes = [StaticToken.random_token() for _code in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    request.session[SESSION_NEW_RECOVERY_CODES] = codes
    return codes
