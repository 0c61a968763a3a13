"""The intake admins' upload form."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ips.models import Office


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows."""

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        widget=MultipleFileInput(attrs={"accept": ".csv,.xlsx"}),
        help_text=_(
            "CSV files named as in the import format (teams.csv, users.csv, …), several at "
            "once, or an XLSX workbook with one sheet per file name."
        ),
    )

    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        help_text=_("The office the records are imported into."),
    )

    def __init__(self, *args, user, **kwargs):
        """The records go into the uploader's office; only an administrator
        who belongs to no office chooses one."""
        super().__init__(*args, **kwargs)
        self.user = user
        if user.office_id is None and user.is_superuser:
            self.fields["office"].queryset = Office.objects.order_by("name")
        else:
            del self.fields["office"]

    def import_office(self) -> Office | None:
        if "office" in self.fields:
            return self.cleaned_data.get("office")
        return self.user.office

    def clean(self):
        cleaned = super().clean()
        if self.user.office_id is None and not self.user.is_superuser:
            raise forms.ValidationError(
                _(
                    "Your account belongs to no office, and an import goes into one: ask an "
                    "administrator to set your office."
                )
            )
        return cleaned

    def clean_files(self):
        files = [upload for upload in self.cleaned_data["files"] if upload]
        if not files:
            raise forms.ValidationError(_("Choose one or more files."))
        limit = settings_limit()
        if sum(upload.size for upload in files) > limit:
            raise forms.ValidationError(
                _("The upload is too large: at most %(size)d MB at a time.")
                % {"size": limit // (1024 * 1024)}
            )
        for upload in files:
            if not upload.name.lower().endswith((".csv", ".xlsx")):
                raise forms.ValidationError(
                    _("%(name)s is neither a CSV file nor an XLSX workbook.")
                    % {"name": upload.name}
                )
        return files


def settings_limit() -> int:
    """Bytes an import upload may hold; it is kept in the session until confirmed."""
    return getattr(settings, "IMPORT_UPLOAD_MAX_BYTES", 2 * 1024 * 1024)
