"""Who may look after which account: the one rule every account action uses.

The list of users, edit, deactivate, reactivate, password link, enrolment
link, second-factor reset and unlock all fetch the account through
`users_manageable_by(actor)` (a record outside it answers 404), and the
account form offers only `roles_grantable_by(actor)` and
`teams_assignable_by(actor)`. The services check the same rule again.

| actor        | accounts they look after                                        |
|--------------|-----------------------------------------------------------------|
| superuser    | every account, superusers included                              |
| intake admin | job specialists, team leaders and intake admins of their office |
| team leader  | the job specialists of the teams they lead (unlock, reset only) |
| others       | none                                                            |

Never another office, never a superuser or staff account (only a superuser
manages those), never an account whose role the actor may not give: nobody
can change an account with more power than their own.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ips.models import Role, Team, User

#: Roles that keep the accounts of their office: create, edit, deactivate,
#: reactivate, password and enrolment links.
ACCOUNT_KEEPERS = (Role.INTAKE_ADMIN,)
#: Roles that help people of their office log in: unlock and second-factor reset.
LOGIN_HELPERS = (Role.TEAM_LEADER, Role.INTAKE_ADMIN)

#: The roles each role may give to an account of its own office.
_GRANTABLE = {Role.INTAKE_ADMIN: (Role.SPECIALIST, Role.TEAM_LEADER, Role.INTAKE_ADMIN)}


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def teams_led_by(user) -> QuerySet:
    """The teams a team leader leads: those they are named leader of, and their
    own team; never a team of another office."""
    if not user.is_authenticated or user.role != Role.TEAM_LEADER or not user.office_id:
        return Team.objects.none()
    return Team.objects.filter(
        Q(leaders=user) | Q(pk=user.team_id), office_id=user.office_id
    ).distinct()


def keeps_accounts(user) -> bool:
    """Creates and edits accounts, and hands out enrolment links."""
    return _active(user) and (user.is_superuser or user.role in ACCOUNT_KEEPERS)


def roles_grantable_by(user) -> tuple[str, ...]:
    """The roles `user` may give: a superuser any, an intake admin the three
    roles of an office's daily work, everyone else none."""
    if not _active(user):
        return ()
    if user.is_superuser:
        return tuple(Role.values)
    if not user.office_id:
        return ()
    return tuple(_GRANTABLE.get(user.role, ()))


def users_manageable_by(user) -> QuerySet:
    """The accounts `user` may look after (see the table above). Deactivated
    accounts are included, so that they can be reactivated."""
    if not _active(user):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    if not user.office_id:
        return User.objects.none()
    office = User.objects.filter(office_id=user.office_id, is_superuser=False, is_staff=False)
    if user.role == Role.INTAKE_ADMIN:
        return office.filter(role__in=roles_grantable_by(user))
    if user.role == Role.TEAM_LEADER:
        return office.filter(role=Role.SPECIALIST, team__in=teams_led_by(user)).distinct()
    return User.objects.none()


def may_manage(user, account) -> bool:
    return account.pk is not None and users_manageable_by(user).filter(pk=account.pk).exists()


def teams_assignable_by(user) -> QuerySet:
    """The teams `user` may put an account in: a superuser any, an intake
    admin those of their office."""
    teams = Team.objects.select_related("office")
    if not keeps_accounts(user):
        return teams.none()
    if user.is_superuser:
        return teams
    if not user.office_id:
        return teams.none()
    return teams.filter(office_id=user.office_id)


def accounts_with_login_state(user) -> QuerySet:
    """The accounts the user looks after, each with whether it has a second
    factor and whether django-axes has locked it out, by name."""
    return (
        users_manageable_by(user)
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
