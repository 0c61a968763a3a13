"""Reads for access requests and retention."""

import datetime

from django.db.models import Exists, Max, OuterRef, Prefetch
from django.utils import timezone

from candidates.models import Assignment, Candidate, Enrollment
from candidates.queries import contact_details_visible
from employers.models import Placement
from followup.models import Activity


def candidates_due_for_anonymisation(*, today: datetime.date, retention_days: int):
    """Candidates whose every enrollment has ended, the last more than
    `retention_days` before `today`, and who are not anonymised yet."""
    open_enrollment = Enrollment.objects.filter(
        candidate=OuterRef("pk"), discharge_date__isnull=True
    )
    return (
        Candidate.objects.filter(anonymised_at__isnull=True)
        .filter(~Exists(open_enrollment))
        .annotate(last_discharge=Max("enrollments__discharge_date"))
        .filter(last_discharge__lt=today - datetime.timedelta(days=retention_days))
    )


def _day(value):
    return value.isoformat() if value else None


def candidate_record(candidate: Candidate, *, viewer) -> dict:
    """Everything Trofast holds about one candidate, for an access request.
    Contact details of a protected person are withheld unless `viewer` holds them."""
    candidate = (
        Candidate.objects.select_related("profile")
        .prefetch_related(
            Prefetch(
                "enrollments",
                queryset=Enrollment.objects.order_by("referral_date").prefetch_related(
                    Prefetch(
                        "assignments",
                        queryset=Assignment.objects.select_related("specialist").order_by(
                            "from_date"
                        ),
                    ),
                    Prefetch(
                        "placements",
                        queryset=Placement.objects.select_related("employer").order_by(
                            "start_date"
                        ),
                    ),
                ),
            ),
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("author", "employer").order_by(
                    "date", "created_at"
                ),
            ),
        )
        .get(pk=candidate.pk)
    )
    show_contact = contact_details_visible(viewer, candidate)
    profile = getattr(candidate, "profile", None)
    return {
        "generated_at": timezone.now().isoformat(),
        "identity": {
            "id": candidate.pk,
            "first_name": candidate.first_name,
            "last_name": candidate.last_name,
            "birth_date": _day(candidate.birth_date),
            "fnr": candidate.fnr,
            "phone": candidate.phone if show_contact else None,
            "email": candidate.email if show_contact else None,
            "address": candidate.address if show_contact else None,
            "postal_code": candidate.postal_code if show_contact else None,
            "city": candidate.city if show_contact else None,
            "protected_address": candidate.protected_address or None,
            "contact_details_withheld": not show_contact,
        },
        "vocational_profile": None
        if profile is None
        else {
            "job_preferences": profile.job_preferences,
            "preferred_hours": profile.preferred_hours,
            "preferred_places": profile.preferred_places,
            "work_history": profile.work_history,
            "education": profile.education,
            "strengths": profile.strengths,
            "support_needs": profile.support_needs,
            "disclosure": profile.disclosure,
            "benefits_counselling_done": profile.benefits_counselling_done,
            "treatment_contact": profile.treatment_contact,
            "nav_adviser": profile.nav_adviser,
        },
        "enrollments": [
            {
                "id": e.pk,
                "referral_date": _day(e.referral_date),
                "intake_date": _day(e.intake_date),
                "discharge_date": _day(e.discharge_date),
                "discharge_reason": e.discharge_reason or None,
                "employed_at_referral": e.employed_at_referral,
                "euse_stage": e.euse_stage,
                "assignments": [
                    {
                        "from_date": _day(a.from_date),
                        "specialist": a.specialist.get_full_name() or a.specialist.username,
                    }
                    for a in e.assignments.all()
                ],
                "placements": [
                    {
                        "employer": p.employer.name,
                        "orgnr": p.employer.orgnr,
                        "title": p.title,
                        "start_date": _day(p.start_date),
                        "end_date": _day(p.end_date),
                        "end_reason": p.end_reason or None,
                        "hours_per_week": float(p.hours_per_week),
                        "competitive": p.competitive,
                        "contract": p.contract,
                        "hourly_wage": float(p.hourly_wage) if p.hourly_wage is not None else None,
                        "wage_subsidy_percent": p.wage_subsidy_percent,
                        "wage_subsidy_from": _day(p.wage_subsidy_from),
                        "wage_subsidy_to": _day(p.wage_subsidy_to),
                        "inclusion_subsidy_amount": float(p.inclusion_subsidy_amount)
                        if p.inclusion_subsidy_amount is not None
                        else None,
                        "mentor_subsidy_from": _day(p.mentor_subsidy_from),
                        "mentor_subsidy_to": _day(p.mentor_subsidy_to),
                        "mentor_hours": float(p.mentor_hours)
                        if p.mentor_hours is not None
                        else None,
                    }
                    for p in e.placements.all()
                ],
            }
            for e in candidate.enrollments.all()
        ],
        "activities": [
            {
                "date": _day(a.date),
                "minutes": a.minutes,
                "mode": a.mode,
                "location": a.location,
                "with_whom": a.with_whom,
                "employer": a.employer.name if a.employer else None,
                "euse_stage": a.euse_stage,
                "specialist": a.author.get_full_name() or a.author.username,
                "note": a.note,
            }
            for a in candidate.activities.all()
        ],
    }
