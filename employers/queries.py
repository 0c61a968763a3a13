"""Reads of employers and job starts: the candidate file's jobs and timeline
entries (registered in EmployersConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from candidates.casefile import FileSection, TimelineItem
from ips.access import placements_visible_to


def _placements_of(user, candidate):
    return (
        placements_visible_to(user)
        .filter(enrollment__candidate=candidate)
        .select_related("employer")
    )


def job_entries(user, candidate, limit: int) -> list[TimelineItem]:
    """Job starts and ends of the candidate, for the timeline."""
    entries = []
    for placement in _placements_of(user, candidate).order_by("-start_date")[:limit]:
        created = placement.created_at.timestamp()
        entries.append(
            TimelineItem(
                "job_start",
                placement.start_date,
                (placement.start_date, created),
                placement,
                template="employers/_timeline_job_start.html",
            )
        )
        if placement.end_date:
            entries.append(
                TimelineItem(
                    "job_end",
                    placement.end_date,
                    (placement.end_date, created),
                    placement,
                    template="employers/_timeline_job_end.html",
                )
            )
    return entries


def _jobs_context(user, candidate) -> dict:
    return {"placements": _placements_of(user, candidate)}


JOBS_SECTION = FileSection("jobs", _("Jobs"), "employers/_file_jobs.html", _jobs_context)
