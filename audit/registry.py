"""What the audit trail follows, declared by the apps that own the models.

The audit app sits below every app that holds person data, so it imports
none of them: each app registers its own models in its `AppConfig.ready()`:

    audit_changes(Placement)          # django-auditlog logs every create, change, delete
    audit_reads(Placement, candidate_of=lambda p: p.enrollment.candidate_id)
    audit_persons(Candidate, hidden_fields=..., protected=...)   # once, by candidates

A new app with person data registers its models the same way and touches
nothing here.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from auditlog.registry import auditlog
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q


@dataclass(frozen=True)
class Persons:
    """The model whose reads are logged (access entries name its records),
    which of its fields' recorded values are hidden in the audit trail's
    admin, and for whom (the protected persons)."""

    model: type[Model]
    hidden_fields: tuple[str, ...]
    protected: Q


_persons: list[Persons] = []
#: model -> how to find the id of the candidate a record of it is about.
_reads: dict[type[Model], Callable[[Model], int | None]] = {}


def audit_changes(
    model: type[Model], *, exclude_fields: Iterable[str] = ("version",), **options
) -> None:
    """django-auditlog logs every create, change and delete of `model`.
    The lock counter (`version`) is left out by default: it changes on every save."""
    if not auditlog.contains(model):
        auditlog.register(model, exclude_fields=list(exclude_fields), **options)


def audit_reads(model: type[Model], *, candidate_of: Callable[[Model], int | None]) -> None:
    """`model`'s admin pages and autocomplete answers show a candidate's data:
    `candidate_of(record)` is the id of the candidate the record is about."""
    _reads[model] = candidate_of


def audit_persons(model: type[Model], *, hidden_fields: Iterable[str], protected: Q) -> None:
    """The one model whose records access entries name (the candidate)."""
    if _persons and _persons[0].model is not model:
        raise ImproperlyConfigured("The audit trail follows one person model.")
    _persons[:] = [Persons(model, tuple(hidden_fields), protected)]


def persons() -> Persons:
    if not _persons:
        raise ImproperlyConfigured("No app has registered its person model (audit_persons).")
    return _persons[0]


def person_data_models() -> tuple[type[Model], ...]:
    """The models whose admin pages show a candidate's data."""
    return tuple(_reads)


def candidate_id_of(obj) -> int | None:
    """The candidate a person-data record is about (None for anything else)."""
    candidate_of = _reads.get(type(obj))
    return candidate_of(obj) if candidate_of is not None else None
