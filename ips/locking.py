"""Optimistic locking: no lost updates on shared records.

A record that more than one person may change through Trofast (see
docs/security.md, "No lost updates") inherits `ips.models.Versioned`: its `version`
counts the saves, whoever makes them (a page, the import, the admin). An edit
form carries the version it was rendered with (`VersionedFormMixin`); the
service saves with `save_versioned`, which refuses a save from a stale form
and overwrites nothing. The view calls `save_edit`, which turns a refusal into
the form to show again: the current values, with the message above them.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ips.forms import add_service_errors


class StaleEdit(Exception):
    """Someone else saved the record after this form was opened."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} changed in the meantime")
        self.current = current


STALE_EDIT_MESSAGE = _(
    "Someone else changed this record while you were editing it. Nothing was saved. "
    "The current values are shown below: check them and make your change again."
)


#: The version a form carries when it was opened on a record not saved yet.
NOT_SAVED_YET = 0


def save_versioned(instance, *, expected_version: int):
    """Save `instance` if its row still has `expected_version`; raise StaleEdit otherwise.
    Uses save() (not update()) so the audit log records the changed fields."""
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleEdit(current)
        instance.version = current.version
        instance.save()  # Versioned.save counts it
    return instance


class VersionedFormMixin(forms.Form):
    """Adds the hidden version field. The view passes
    `form.cleaned_data["version"]` to the service as `expected_version`.

    A plain form (not a ModelForm) sets `self.instance` before calling
    `super().__init__` and names the argument that takes the record in
    `instance_argument`, so the form can be opened again on the current record.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    instance_argument = "instance"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            # Opened on a record not saved yet: version 0. Should someone
            # else create it first (a vocational profile), 0 is stale.
            self.fields["version"].required = False
            self.initial["version"] = NOT_SAVED_YET
        else:
            # Also on a bound form: the version it was opened with then
            # counts as a change only when someone saved in between.
            self.initial["version"] = instance.version

    def refuse_stale(self, error: StaleEdit):
        """Mark the form with the stale-edit error and keep the current record for display."""
        self.add_error(None, STALE_EDIT_MESSAGE)
        self.current = error.current

    def with_current_values(self, **kwargs):
        """After refuse_stale: a fresh form of the same kind holding what the
        record holds now (and its current version), with the message above it.
        `kwargs` are the form's own extra arguments (e.g. user)."""
        fresh = type(self)(**{self.instance_argument: self.current}, **kwargs)
        fresh.stale_errors = [STALE_EDIT_MESSAGE]
        return fresh


def save_edit(form: VersionedFormMixin, save, **form_kwargs):
    """Call `save()`, the service that writes what `form` holds. None when it
    saved; otherwise the form to show again: with the service's refusal next
    to the fields, or, after a stale edit, a fresh form with the current
    values and the stale-edit message. `form_kwargs` are the form's own extra
    arguments (e.g. user), to open it again."""
    try:
        save()
    except StaleEdit as error:
        form.refuse_stale(error)
        return form.with_current_values(**form_kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return form
    return None


# --- The admin --------------------------------------------------------------


STALE_ADMIN_EDIT_MESSAGE = _(
    "Someone else changed this record while you were editing it. Nothing was saved. "
    "Open the record again to see the current values, and make your change there."
)


class VersionedAdminForm(VersionedFormMixin):
    """An admin change form of a Versioned record. The admin's change view
    runs in one transaction: the row stays locked from the version check to
    the save."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and "version" in cleaned and self._will_be_saved():
            current = type(self.instance)._base_manager.select_for_update().get(pk=self.instance.pk)
            if current.version != cleaned["version"]:
                raise ValidationError(STALE_ADMIN_EDIT_MESSAGE, code="stale")
        return cleaned

    def _will_be_saved(self) -> bool:
        return True  # the admin saves its change form whatever changed

    def has_changed(self):
        return any(name != "version" for name in self.changed_data)


class VersionedAdminInlineForm(VersionedAdminForm):
    """A row of an inline: saved, and so checked, only when it differs from
    the record (Django's formsets skip the rows that do not)."""

    def _will_be_saved(self) -> bool:
        return self.has_changed()


class VersionedAdminMixin:
    """For a ModelAdmin or an inline of a Versioned model: the change form and
    the inline rows carry the version, and a change from a stale form is
    refused, as on the pages."""

    versioned_form_base = VersionedAdminForm

    def _versioned(self, request, obj, kwargs):
        # The form declares the version field; a model form may not list
        # it, since the model's field is not editable.
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "version"]
        form = kwargs.get("form", self.form)
        if not issubclass(form, VersionedAdminForm):
            kwargs["form"] = type(form.__name__, (self.versioned_form_base, form), {})
        return kwargs

    def _has_version_field(self, obj) -> bool:
        return obj is not None  # a record being added has nothing to be stale against

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._has_version_field(obj) or "version" in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": ["version"]})]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            kwargs = self._versioned(request, obj, kwargs)
        return super().get_form(request, obj, **kwargs)


class VersionedInlineMixin(VersionedAdminMixin):
    versioned_form_base = VersionedAdminInlineForm

    def _has_version_field(self, obj) -> bool:
        return True

    def get_formset(self, request, obj=None, **kwargs):
        kwargs = self._versioned(request, obj, kwargs)
        return super().get_formset(request, obj, **kwargs)
