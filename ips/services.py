"""Writes to the organisation: offices, teams and users.

Every write takes keyword arguments, validates with the model's own rules and
raises `ValidationError` with translated messages, so a form and the import
(`importer/imports.py`) give the same answer for the same input.
"""

import enum
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ips import holdings
from ips.accounts import keeps_accounts, may_manage, roles_grantable_by, teams_assignable_by
from ips.bidi import isolate
from ips.locking import save_versioned
from ips.models import Office, Role, Team, User


class Outcome(enum.StrEnum):
    """What an upsert did, for the import's counts."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def validate_instance(instance: models.Model, errors: dict[str, list] | None = None) -> None:
    """Run `full_clean` and raise together with the caller's own `errors`.

    The callers check cross-field rules themselves to give a clear message;
    when they found one, the database constraints are not checked again here,
    so the same problem is not reported twice in technical words.
    """
    errors = {field: list(messages) for field, messages in (errors or {}).items()}
    try:
        instance.full_clean(validate_constraints=not errors)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def changed_fields(instance: models.Model, values: dict) -> list[str]:
    """Set `values` on `instance` and return the names of those that differ."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def add_error(errors: dict[str, list], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def office_get_or_create(*, name: str) -> tuple[Office, Outcome]:
    name = name.strip()
    office = Office.objects.filter(name=name).first()
    if office is not None:
        return office, Outcome.UNCHANGED
    office = Office(name=name)
    validate_instance(office)
    office.save()
    return office, Outcome.CREATED


@transaction.atomic
def team_upsert(*, office_name: str, name: str) -> tuple[Team, Outcome]:
    """A team by (office, name); the office is created when new."""
    office, _outcome = office_get_or_create(name=office_name)
    name = name.strip()
    team = Team.objects.filter(office=office, name=name).first()
    if team is not None:
        return team, Outcome.UNCHANGED
    team = Team(office=office, name=name)
    validate_instance(team)
    team.save()
    return team, Outcome.CREATED


def _split_full_name(full_name: str) -> tuple[str, str]:
    """'Kari Anne Nordmann' -> ('Kari Anne', 'Nordmann'): the last word is the surname."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


#: Roles whose work is done within one team.
TEAM_ROLES = (Role.SPECIALIST, Role.TEAM_LEADER)


@transaction.atomic
def user_upsert(
    *,
    username: str,
    full_name: str,
    email: str,
    role: str,
    team: Team | None,
    fte: Decimal | None = None,
    office: Office | None = None,
) -> tuple[User, Outcome]:
    """A user by username. New users get an unusable password: they choose
    one through a reset link. The office follows the team; without a team an
    existing user's office is kept and a new user's is `office` (empty
    without one).

    With an office (an office's own import), only accounts of that office and
    teams of it are touched, and analysts (who belong to no office) are not.
    An administrator's account (superuser or staff) is never changed here, and
    a specialist who holds candidates does not move to another office."""
    errors: dict[str, list] = {}
    if role not in Role.values:
        add_error(
            errors,
            "role",
            _("Unknown role “%(value)s”: use one of %(choices)s.")
            % {"value": role, "choices": ", ".join(Role.values)},
        )
    elif role in TEAM_ROLES and team is None:
        add_error(errors, "team", _("A job specialist or team leader must belong to a team."))
    elif office is not None and role == Role.ANALYST:
        add_error(errors, "role", _("Analyst accounts are not kept by an office."))
    if office is not None and team is not None and team.office_id != office.pk:
        add_error(errors, "team", _("The team belongs to another office."))
    fte = Decimal("1.00") if fte is None else fte
    if not Decimal("0") < fte <= Decimal("1"):
        add_error(errors, "fte", _("FTE must be above 0 and at most 1, e.g. 0.6."))

    first_name, last_name = _split_full_name(full_name)
    values = {
        "first_name": first_name,
        "last_name": last_name,
        "email": User.objects.normalize_email(email.strip()),
        "role": role,
        "team": team,
        "fte": fte,
    }
    if team is not None:
        values["office"] = team.office
    username = User.normalize_username(username.strip())
    user = User.objects.filter(username=username).first()
    if user is not None:
        if office is not None and user.office_id != office.pk:
            # As the account form says: the name is taken, not by whom.
            raise ValidationError({"username": _("This username is taken.")})
        if user.is_superuser or user.is_staff:
            raise ValidationError(
                {"username": _("An administrator's account cannot be changed by an import.")}
            )
        new_office = values.get("office")
        if new_office is not None and user.office_id not in (None, new_office.pk):
            held = _held_today(user)
            if held:
                add_error(
                    errors,
                    "team",
                    _(
                        "%(name)s holds %(count)d candidates: reassign them before moving "
                        "to another office."
                    )
                    % {"name": user, "count": held},
                )
    elif office is not None:
        values.setdefault("office", office)
    if user is None:
        user = User(username=username, **values)
        user.set_unusable_password()
        validate_instance(user, errors)
        user.save()
        outcome = Outcome.CREATED
    else:
        changed = changed_fields(user, values)
        validate_instance(user, errors)
        if changed:
            user.save()
        outcome = Outcome.UPDATED if changed else Outcome.UNCHANGED
    if (
        user.role == Role.TEAM_LEADER
        and team is not None
        and not team.leaders.filter(pk=user.pk).exists()
    ):
        _leaders_add(team, user)
        if outcome == Outcome.UNCHANGED:
            outcome = Outcome.UPDATED
    return user, outcome


# --- Accounts kept by intake admins ---------------------------------------
#
# Who may change which account, and give which role, is one rule in
# ips/accounts.py; every write below checks it again.


def _held_today(user: User) -> int:
    # Counted by the candidates app, above ips (ips/holdings.py).
    return holdings.held_on(user, timezone.localdate())


def _require_manageable(actor: User, user: User) -> None:
    if not may_manage(actor, user):
        raise PermissionDenied


def _account_errors(*, actor: User, user: User, role: str, team: Team | None) -> dict[str, list]:
    errors: dict[str, list] = {}
    grantable = roles_grantable_by(actor)
    if role not in grantable:
        add_error(
            errors,
            "role",
            _("Choose one of the roles you may give: %(roles)s.")
            % {"roles": ", ".join(str(Role(value).label) for value in grantable)},
        )
    elif role in TEAM_ROLES and team is None:
        add_error(errors, "team", _("A job specialist or team leader must belong to a team."))
    if team is not None and not teams_assignable_by(actor).filter(pk=team.pk).exists():
        add_error(errors, "team", _("Choose a team of your own office."))
    if user.pk and user.role == Role.SPECIALIST and role != Role.SPECIALIST:
        held = _held_today(user)
        if held:
            add_error(
                errors,
                "role",
                _("%(name)s holds %(count)d candidates: reassign them before changing the role.")
                % {"name": isolate(user), "count": held},
            )
    return errors


def _leaders_add(team: Team, user: User) -> None:
    """A change of the team's leaders is a change of the team: a team form
    opened before (in the admin) cannot take the new leader away."""
    if not team.leaders.filter(pk=user.pk).exists():
        team.leaders.add(user)
        Team.objects.filter(pk=team.pk).update(version=F("version") + 1)


def _apply_leadership(user: User) -> None:
    """A team leader leads their own team; someone who is no longer a leader leads none."""
    if user.role == Role.TEAM_LEADER and user.team_id:
        _leaders_add(user.team, user)
    elif user.role != Role.TEAM_LEADER:
        led = list(user.led_teams.values_list("pk", flat=True))
        if led:
            user.led_teams.clear()
            Team.objects.filter(pk__in=led).update(version=F("version") + 1)


@transaction.atomic
def user_create(
    *,
    created_by: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    team: Team | None,
    fte: Decimal,
    caseload_cap: int,
) -> User:
    """A new account with an unusable password: its owner chooses one, and
    enrols the authenticator app, through a one-time enrolment link. The office
    follows the team; without one it is the creator's (none for an analyst)."""
    if not keeps_accounts(created_by):
        raise PermissionDenied
    if team is not None:
        office = team.office
    else:
        office = None if role == Role.ANALYST else created_by.office
    user = User(
        username=User.normalize_username(username.strip()),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=User.objects.normalize_email(email.strip()),
        role=role,
        team=team,
        office=office,
        fte=fte,
        caseload_cap=caseload_cap,
    )
    user.set_unusable_password()
    errors = _account_errors(actor=created_by, user=user, role=role, team=team)
    if User.objects.filter(username__iexact=user.username).exists():
        add_error(errors, "username", _("This username is taken."))
    validate_instance(user, errors)
    user.save()
    _apply_leadership(user)
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    updated_by: User,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    team: Team | None,
    fte: Decimal,
    caseload_cap: int,
    expected_version: int,
) -> User:
    """Change an account's name, e-mail, role, team, FTE or caseload cap;
    refused (StaleEdit) when someone saved the account since the form was
    opened. A specialist who holds candidates keeps the role until they are
    reassigned."""
    if not keeps_accounts(updated_by):
        raise PermissionDenied
    # Judged on the account as stored: a model form may already have put the
    # new role on `user`, and the rules are about what the account is now.
    stored = User.objects.get(pk=user.pk)
    _require_manageable(updated_by, stored)
    errors = _account_errors(actor=updated_by, user=stored, role=role, team=team)
    changed_fields(
        user,
        {
            "first_name": first_name.strip(),
            "last_name": last_name.strip(),
            "email": User.objects.normalize_email(email.strip()),
            "role": role,
            "team": team,
            "fte": fte,
            "caseload_cap": caseload_cap,
        },
    )
    validate_instance(user, errors)
    save_versioned(user, expected_version=expected_version)
    _apply_leadership(user)
    return user


@transaction.atomic
def user_deactivate(*, user: User, deactivated_by: User) -> User:
    """Deactivate, never delete: history keeps its author. A specialist who
    still holds candidates is refused until they are reassigned."""
    if not keeps_accounts(deactivated_by):
        raise PermissionDenied
    _require_manageable(deactivated_by, user)
    errors: dict[str, list] = {}
    if user.pk == deactivated_by.pk:
        add_error(errors, NON_FIELD_ERRORS, _("You cannot deactivate your own account."))
    held = _held_today(user)
    if held:
        add_error(
            errors,
            NON_FIELD_ERRORS,
            _("%(name)s holds %(count)d candidates: reassign them before deactivating.")
            % {"name": isolate(user), "count": held},
        )
    if errors:
        raise ValidationError(errors)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_reactivate(*, user: User, reactivated_by: User) -> User:
    if not keeps_accounts(reactivated_by):
        raise PermissionDenied
    _require_manageable(reactivated_by, user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
