"""Reads for the caseload page: every active enrollment a specialist holds,
with the facts of the three casework apps beside it (the EUSE stage, the
current job, the last contact). It lives here, at the top of the casework
floors, because it reads all three."""

import datetime

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import Enrollment, EuseStage
from candidates.queries import enrollments_visible_to
from employers.models import Placement
from followup.models import Activity


class CaseStatus:
    """Where the candidate is in the job search, derived from the placements:
    a current competitive job makes them "in work"; once the specialist has
    moved to EUSE stage 5 the row shows follow-along support."""

    JOB_SEEKING = "job_seeking"
    IN_WORK = "in_work"
    FOLLOW_ALONG = "follow_along"
    CHOICES = [
        (JOB_SEEKING, _("Job seeking")),
        (IN_WORK, _("In work")),
        (FOLLOW_ALONG, _("Follow-along")),
    ]


def current_jobs(day: datetime.date) -> QuerySet:
    """Competitive placements of the outer enrollment going on on `day`, latest first."""
    return (
        Placement.objects.filter(enrollment=OuterRef("pk"), competitive=True, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
        .order_by("-start_date", "-pk")
    )


def caseload(user, day: datetime.date | None = None) -> QuerySet:
    """The active enrollments the user holds (a leader: their teams'), one
    row each with everything the caseload shows, in a constant number of queries."""
    day = day or timezone.localdate()
    jobs = current_jobs(day)
    last_contact = (
        Activity.objects.filter(candidate=OuterRef("candidate_id"), date__lte=day)
        .order_by("-date")
        .values("date")[:1]
    )
    overdue_before = day - datetime.timedelta(days=settings.CONTACT_OVERDUE_DAYS)
    return (
        Enrollment.objects.filter(pk__in=enrollments_visible_to(user).values("pk"))
        .held_on(day)
        .select_related("candidate")
        .annotate(
            last_contact=Subquery(last_contact),
            in_work=Exists(jobs),
            current_job_title=Subquery(jobs.values("title")[:1]),
            current_employer=Subquery(jobs.values("employer__name")[:1]),
        )
        .annotate(
            status=Case(
                When(
                    in_work=True, euse_stage=EuseStage.SUPPORT, then=Value(CaseStatus.FOLLOW_ALONG)
                ),
                When(in_work=True, then=Value(CaseStatus.IN_WORK)),
                default=Value(CaseStatus.JOB_SEEKING),
                output_field=CharField(),
            ),
            overdue=Case(
                When(
                    Q(last_contact__isnull=True) | Q(last_contact__lt=overdue_before),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
            job_sort=Coalesce("current_job_title", Value("")),
        )
        .order_by("candidate__last_name", "candidate__first_name")
    )
