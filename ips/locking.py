"""Optimistic locking: no lost updates on shared records.

Every editable person-data model has a `version` that each save increments.
An edit form carries the version it was rendered with; saving from a stale
form is refused and nothing is overwritten.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _


class StaleEdit(Exception):
    """Someone else saved the record after this form was opened."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} changed in the meantime")
        self.current = current


STALE_EDIT_MESSAGE = _(
    "Someone else changed this record while you were editing it. Nothing was saved. "
    "The current values are shown below: check them and make your change again."
)


def save_versioned(instance, *, expected_version: int):
    """Save `instance` if its row still has `expected_version`; raise StaleEdit otherwise.
    Uses save() (not update()) so the audit log records the changed fields."""
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleEdit(current)
        instance.version = current.version + 1
        instance.save()
    return instance


class VersionedFormMixin(forms.Form):
    """Adds the hidden version field. The view passes
    `form.cleaned_data["version"]` to the service as `expected_version`."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["version"] = instance.version

    def refuse_stale(self, error: StaleEdit):
        """Mark the form with the stale-edit error and keep the current record for display."""
        self.add_error(None, STALE_EDIT_MESSAGE)
        self.current = error.current

    def with_current_values(self, **kwargs):
        """After refuse_stale: a fresh form of the same kind holding what the
        record holds now (and its current version), with the message above it.
        `kwargs` are the form's own extra arguments (e.g. user)."""
        fresh = type(self)(instance=self.current, **kwargs)
        fresh.stale_errors = [STALE_EDIT_MESSAGE]
        return fresh
