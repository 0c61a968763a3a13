"""The candidate file and its timeline, assembled from the parts apps register.

`candidates` sits below `employers` and `followup`, yet the file lists the
candidate's jobs and the timeline shows contacts and job starts. So each app
above registers what it adds, in its AppConfig.ready():

    file_section(FileSection("jobs", _("Jobs"), "employers/_file_jobs.html", jobs_context))
    timeline_source(activity_entries)

A new feature (tasks, a stage clock, passive periods) adds its section or its
timeline entries the same way, in its own app, and touches nothing here.
The candidates app registers its own stage changes like any other source.
"""

import dataclasses
import datetime
from collections.abc import Callable, Iterable

#: How many entries the timeline shows (and each source reads at most);
#: older entries are in the access-request record.
TIMELINE_LIMIT = 100


@dataclasses.dataclass
class TimelineItem:
    """One entry of a candidate's timeline, newest first by `order`."""

    kind: str  # "activity", "job_start", "job_end", "stage_change", …
    date: datetime.date
    order: tuple
    record: object
    template: str  # the partial that renders the entry's body
    by: object = None  # who wrote it, when the entry names them
    editable: bool = False  # whether the viewer may edit or delete it here


#: A source: (user, candidate, limit) -> entries the user may see, at most
#: `limit` of each kind, read in a fixed number of queries.
TimelineSource = Callable[[object, object, int], Iterable[TimelineItem]]


@dataclasses.dataclass(frozen=True)
class FileSection:
    """A card of the candidate file: its anchor (`{key}-heading`), heading,
    partial, and the context the partial reads, from (user, candidate)."""

    key: str
    heading: str
    template: str
    context: Callable[[object, object], dict]


_sources: list[TimelineSource] = []
_sections: list[FileSection] = []


def timeline_source(source: TimelineSource) -> None:
    if source not in _sources:
        _sources.append(source)


def file_section(section: FileSection) -> None:
    if all(known.key != section.key for known in _sections):
        _sections.append(section)


def timeline(user, candidate) -> list[TimelineItem]:
    """Every registered source's entries about the candidate, newest first:
    one query or so per source, however long the history."""
    items = [item for source in _sources for item in source(user, candidate, TIMELINE_LIMIT)]
    items.sort(key=lambda item: item.order, reverse=True)
    return items[:TIMELINE_LIMIT]


def file_sections(user, candidate) -> list[tuple[FileSection, dict]]:
    """The registered sections with their context, in registration order."""
    return [(section, section.context(user, candidate)) for section in _sections]
