"""The intake admins' spreadsheet upload: a dry run first, then all or nothing
on confirmation (docs/import.md)."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from importer import uploads
from importer.forms import ImportUploadForm, settings_limit
from importer.imports import import_records
from ips.decorators import role_required
from ips.models import Office, Role

INTAKE = (Role.INTAKE_ADMIN,)
IMPORT_SESSION_KEY = "intake_import"


@role_required(*INTAKE)
def import_upload(request):
    """Step 1: upload and see the dry run's report. Nothing is saved. The
    records go into the uploader's office, and every row is held to it."""
    form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
    report = problems = None
    if request.method == "POST" and form.is_valid():
        request.session.pop(IMPORT_SESSION_KEY, None)
        office = form.import_office()
        tables, problems = uploads.read_upload(form.cleaned_data["files"])
        if tables and not problems:
            report = import_records(tables, dry_run=True, office=office)
            if report.ok:
                request.session[IMPORT_SESSION_KEY] = {
                    "tables": tables,
                    "names": sorted(tables),
                    "office": office.pk,
                    "at": timezone.now().isoformat(),
                }
    return render(
        request,
        "importer/import_upload.html",
        {
            "form": form,
            "report": report,
            "problems": problems,
            "limit_mb": settings_limit() // (1024 * 1024),
        },
    )


#: How long a checked upload waits for its confirmation.
IMPORT_CONFIRM_WITHIN = datetime.timedelta(minutes=30)


@require_POST
@role_required(*INTAKE)
def import_confirm(request):
    """Step 2: import what was checked, all or nothing, into the office it
    was checked for: the files are checked again, as the office's records may
    have changed since."""
    pending = request.session.pop(IMPORT_SESSION_KEY, None)
    office = _pending_office(request.user, pending)
    if office is None or (
        timezone.now() - datetime.datetime.fromisoformat(pending["at"]) > IMPORT_CONFIRM_WITHIN
    ):
        messages.error(request, _("There is no checked upload to import: upload the files again."))
        return redirect("import_upload")
    report = import_records(pending["tables"], office=office)
    if report.saved:
        messages.success(request, _("The import is done."))
    else:
        messages.error(request, _("Nothing was imported: the files no longer pass the check."))
    return render(
        request,
        "importer/import_upload.html",
        {
            "form": ImportUploadForm(user=request.user),
            "report": report,
            "imported": report.saved,
            "limit_mb": settings_limit() // (1024 * 1024),
        },
    )


def _pending_office(user, pending: dict | None) -> Office | None:
    """The office a checked upload was checked for, while the user still
    imports into it (their own office, or any for an administrator without one)."""
    if not pending or "office" not in pending:
        return None
    if user.office_id is not None:
        return user.office if user.office_id == pending["office"] else None
    if not user.is_superuser:
        return None
    return Office.objects.filter(pk=pending["office"]).first()
