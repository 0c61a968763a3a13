"""The organisation: offices, teams and the people who use Trofast."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """A record several people may edit: each save gives it a new version, so
    a form opened before the save is refused (and never overwrites it)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (update_fields is None or "version" in update_fields):
            # Counted from the row, not from this copy: a copy read before
            # someone else's save must not reuse their version number.
            stored = (
                type(self)
                ._base_manager.filter(pk=self.pk)
                .values_list("version", flat=True)
                .first()
            )
            self.version = max(self.version, stored or 0) + 1
        super().save(*args, **kwargs)


class Office(models.Model):
    """A NAV office or a clinic that runs IPS teams."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name


class Team(Versioned):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="teams", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=120)
    leaders = models.ManyToManyField(
        "User",
        blank=True,
        related_name="led_teams",
        verbose_name=_("leaders"),
        limit_choices_to={"role": "team_leader"},
    )

    class Meta:
        ordering = ["office__name", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="team_name_unique_in_office"),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    SPECIALIST = "specialist", _("Job specialist")
    TEAM_LEADER = "team_leader", _("Team leader")
    INTAKE_ADMIN = "intake_admin", _("Intake admin")
    ANALYST = "analyst", _("Analyst")


class User(AbstractUser, Versioned):
    """A Trofast user. Users are deactivated, never deleted: history keeps its author."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPECIALIST)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("office"),
        help_text=_("Filled in from the team when the user has one."),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    fte = models.DecimalField(
        _("FTE"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text=_("Share of a full-time position, e.g. 0.6."),
    )
    caseload_cap = models.PositiveSmallIntegerField(_("caseload cap"), default=20)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="user_fte_in_range"
            ),
            models.CheckConstraint(
                condition=Q(caseload_cap__gte=1) & Q(caseload_cap__lte=100),
                name="user_caseload_cap_in_range",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        if self.team_id:
            self.office_id = self.team.office_id
        super().save(*args, **kwargs)

    @property
    def is_specialist(self):
        return self.role == Role.SPECIALIST

    @property
    def is_team_leader(self):
        return self.role == Role.TEAM_LEADER

    @property
    def is_intake_admin(self):
        return self.role == Role.INTAKE_ADMIN

    @property
    def is_analyst(self):
        return self.role == Role.ANALYST


class EnrolmentLink(models.Model):
    """A one-time link that lets the owner of a new account (or of one whose
    second factor was reset) choose a password and enrol an authenticator app.
    Only the SHA-256 of the token is stored: the link itself is e-mailed or
    shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="enrolment_links", verbose_name=_("user")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    created_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment link")
        verbose_name_plural = _("enrolment links")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="enrolment_link_expires_after_creation",
            ),
        ]

    def __str__(self):
        return str(self.user)
