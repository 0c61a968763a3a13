"""Building blocks for the specialist's pages: a candidate held by someone."""

import datetime

from django.utils import timezone

from tests import factories


def held_enrollment(specialist, *, intake_days_ago=60, **candidate_fields):
    """An active enrollment held by `specialist` since intake."""
    today = timezone.localdate()
    intake = today - datetime.timedelta(days=intake_days_ago)
    enrollment = factories.EnrollmentFactory(
        candidate=factories.CandidateFactory(**candidate_fields),
        office=specialist.office,
        referral_date=intake - datetime.timedelta(days=7),
        intake_date=intake,
    )
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist, from_date=intake)
    return enrollment


def held_candidate(specialist, **candidate_fields):
    return held_enrollment(specialist, **candidate_fields).candidate


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)
