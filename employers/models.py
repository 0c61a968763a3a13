"""Employers, their contact persons, job starts (placements) and subsidy rules."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ips.models import Versioned
from ips.validators import validate_orgnr


class Employer(Versioned):
    """An organisation the team works with. Shared by everyone in its office;
    an employer without an office (e.g. imported) is shared by all offices."""

    orgnr = models.CharField(
        _("organisasjonsnummer"), max_length=9, unique=True, validators=[validate_orgnr]
    )
    name = models.CharField(_("name"), max_length=200)
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    office = models.ForeignKey(
        "ips.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("office"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return f"{self.name} ({self.orgnr})"


class ContactPerson(Versioned):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("employer")
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name


class Contract(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    TEMPORARY = "temporary", _("Temporary")
    SEASONAL = "seasonal", _("Seasonal")


class PlacementEndReason(models.TextChoices):
    QUIT = "quit", _("The candidate quit")
    DISMISSED = "dismissed", _("Dismissed")
    CONTRACT_ENDED = "contract_ended", _("Contract ended")
    NEW_JOB = "new_job", _("Moved to another job")
    OTHER = "other", _("Other")


class Placement(Versioned):
    """A job start. Competitive means ordinary paid work: the employer employs
    and pays, at ordinary wage, also with a wage subsidy."""

    enrollment = models.ForeignKey(
        "candidates.Enrollment",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("enrollment"),
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="placements", verbose_name=_("employer")
    )
    title = models.CharField(_("job title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=PlacementEndReason.choices, blank=True
    )
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    competitive = models.BooleanField(
        _("ordinary paid work"),
        default=True,
        help_text=_(
            "Yes when the employer employs and pays an ordinary wage, also with a wage "
            "subsidy. No for sheltered placements and work training."
        ),
    )
    contract = models.CharField(
        _("contract"), max_length=12, choices=Contract.choices, default=Contract.PERMANENT
    )
    hourly_wage = models.DecimalField(
        _("hourly wage (NOK)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    wage_subsidy_percent = models.PositiveSmallIntegerField(
        _("wage subsidy (%)"), null=True, blank=True
    )
    wage_subsidy_from = models.DateField(_("wage subsidy from"), null=True, blank=True)
    wage_subsidy_to = models.DateField(_("wage subsidy to"), null=True, blank=True)
    inclusion_subsidy_amount = models.DecimalField(
        _("inclusion subsidy (NOK)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    mentor_subsidy_from = models.DateField(_("mentor subsidy from"), null=True, blank=True)
    mentor_subsidy_to = models.DateField(_("mentor subsidy to"), null=True, blank=True)
    mentor_hours = models.DecimalField(
        _("mentor hours"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="placement_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0) & Q(hours_per_week__lte=100),
                name="placement_hours_in_range",
            ),
            models.CheckConstraint(
                condition=Q(wage_subsidy_percent__isnull=True)
                | (Q(wage_subsidy_percent__gte=1) & Q(wage_subsidy_percent__lte=100)),
                name="placement_wage_subsidy_percent_in_range",
            ),
            models.CheckConstraint(
                condition=Q(wage_subsidy_to__isnull=True)
                | Q(wage_subsidy_from__isnull=True)
                | Q(wage_subsidy_to__gte=F("wage_subsidy_from")),
                name="placement_wage_subsidy_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(mentor_subsidy_to__isnull=True)
                | Q(mentor_subsidy_from__isnull=True)
                | Q(mentor_subsidy_to__gte=F("mentor_subsidy_from")),
                name="placement_mentor_subsidy_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(hourly_wage__isnull=True) | Q(hourly_wage__gte=0),
                name="placement_hourly_wage_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(inclusion_subsidy_amount__isnull=True)
                | Q(inclusion_subsidy_amount__gte=0),
                name="placement_inclusion_subsidy_not_negative",
            ),
            models.UniqueConstraint(
                fields=["enrollment", "employer", "title", "start_date"],
                name="placement_unique_job_start",
            ),
        ]
        indexes = [
            models.Index(fields=["enrollment", "competitive", "start_date"]),
            models.Index(fields=["start_date"]),
        ]

    def __str__(self):
        return f"{self.title} – {self.employer.name}"


class SubsidyKind(models.TextChoices):
    WAGE = "wage", _("Wage subsidy (lønnstilskudd)")
    INCLUSION = "inclusion", _("Inclusion subsidy (inkluderingstilskudd)")
    MENTOR = "mentor", _("Mentor subsidy (mentortilskudd)")


class SubsidyRule(models.Model):
    """Rates and caps change by regulation: each rule holds from a date."""

    kind = models.CharField(_("kind"), max_length=12, choices=SubsidyKind.choices)
    valid_from = models.DateField(_("valid from"))
    max_percent = models.PositiveSmallIntegerField(_("maximum percent"), null=True, blank=True)
    max_months = models.PositiveSmallIntegerField(_("maximum months"), null=True, blank=True)
    max_amount = models.DecimalField(
        _("maximum amount (NOK)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("subsidy rule")
        verbose_name_plural = _("subsidy rules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "valid_from"], name="subsidy_rule_unique_date"),
            models.CheckConstraint(
                condition=Q(max_percent__isnull=True) | Q(max_percent__lte=100),
                name="subsidy_rule_percent_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.valid_from:%Y-%m-%d})"
