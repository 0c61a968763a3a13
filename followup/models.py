"""The contact log: what a specialist did, when, where and with whom."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ips.models import Versioned


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")
    MESSAGE = "message", _("Message")


class Location(models.TextChoices):
    WORKPLACE = "workplace", _("At the employer's workplace")
    COMMUNITY = "community", _("Elsewhere in the community")
    OFFICE = "office", _("Office, clinic or from the desk")


#: Locations that count as field work in the field share.
FIELD_LOCATIONS = (Location.WORKPLACE, Location.COMMUNITY)


class WithWhom(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    EMPLOYER = "employer", _("Employer")
    TREATMENT_TEAM = "treatment_team", _("Treatment team")
    NAV_ADVISER = "nav_adviser", _("NAV adviser")
    FAMILY = "family", _("Family or network")
    NONE = "none", _("No one (own work)")


class Activity(Versioned):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("specialist"),
    )
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    location = models.CharField(_("location"), max_length=12, choices=Location.choices)
    with_whom = models.CharField(_("with whom"), max_length=16, choices=WithWhom.choices)
    candidate = models.ForeignKey(
        "candidates.Candidate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("candidate"),
    )
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("employer"),
    )
    euse_stage = models.PositiveSmallIntegerField(
        _("EUSE stage"),
        null=True,
        blank=True,
        choices=[(i, str(i)) for i in range(1, 6)],
    )
    note = models.TextField(_("note"), blank=True)
    import_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=1440),
                name="activity_minutes_1_to_1440",
            ),
            models.CheckConstraint(
                condition=Q(euse_stage__isnull=True)
                | (Q(euse_stage__gte=1) & Q(euse_stage__lte=5)),
                name="activity_euse_stage_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=[c.value for c in Mode]), name="activity_mode_known"
            ),
            models.CheckConstraint(
                condition=Q(location__in=[c.value for c in Location]),
                name="activity_location_known",
            ),
            models.CheckConstraint(
                condition=Q(with_whom__in=[c.value for c in WithWhom]),
                name="activity_with_whom_known",
            ),
        ]
        indexes = [
            models.Index(fields=["author", "date", "location"]),
            models.Index(fields=["candidate", "date"]),
            models.Index(fields=["employer", "date"]),
            # The first face-to-face employer contact about a candidate (a
            # fidelity measure) is found through this partial index.
            models.Index(
                fields=["candidate", "date"],
                condition=Q(mode="in_person", with_whom="employer"),
                name="activity_f2f_employer_idx",
            ),
            # A period's minutes and employer contacts per author (field share,
            # a fidelity measure) are summed from this index alone, without
            # reading the table (an index-only scan on PostgreSQL).
            models.Index(
                fields=["date"],
                include=["author", "minutes", "location", "mode", "with_whom"],
                name="activity_period_minutes_idx",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_mode_display()} ({self.minutes} min)"

    @property
    def is_field(self):
        return self.location in FIELD_LOCATIONS
