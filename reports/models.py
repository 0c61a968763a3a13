"""Snapshots of computed fidelity figures, so dashboards read instead of recompute."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    SPECIALIST = "specialist", _("Job specialist")
    TEAM = "team", _("Team")
    OFFICE = "office", _("Office")
    TOTAL = "total", _("Total")


class MetricSnapshot(models.Model):
    """The figures of one scope for one period, as computed at `computed_at`.

    One row per scope and period: a recompute overwrites it (see
    reports.services.snapshot_save). `scope_id` is the user, team or office id,
    empty for the total.
    """

    scope = models.CharField(_("scope"), max_length=12, choices=Scope.choices)
    scope_id = models.PositiveBigIntegerField(_("scope id"), null=True, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    as_of = models.DateField(_("as of"))
    figures = models.JSONField(_("figures"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["-period_end", "scope", "scope_id"]
        verbose_name = _("metric snapshot")
        verbose_name_plural = _("metric snapshots")
        constraints = [
            # NULLs are distinct in a unique index on both databases, so the
            # total (no scope id) gets its own partial constraint.
            models.UniqueConstraint(
                fields=["scope", "scope_id", "period_start", "period_end"],
                condition=Q(scope_id__isnull=False),
                name="metric_snapshot_one_per_scope_and_period",
            ),
            models.UniqueConstraint(
                fields=["scope", "period_start", "period_end"],
                condition=Q(scope_id__isnull=True),
                name="metric_snapshot_one_total_per_period",
            ),
            models.CheckConstraint(
                condition=Q(scope=Scope.TOTAL, scope_id__isnull=True)
                | (~Q(scope=Scope.TOTAL) & Q(scope_id__isnull=False)),
                name="metric_snapshot_scope_id_only_for_parts",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="metric_snapshot_end_not_before_start",
            ),
        ]

    def __str__(self):
        scope = self.get_scope_display()
        return (
            f"{scope} {self.scope_id or ''} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"
        )
