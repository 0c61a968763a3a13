"""python manage.py import_records DIR [--dry-run] [--office NAME]: the format is in docs/import.md."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.commands import TrofastCommand
from importer.imports import import_records
from ips.models import Office


class Command(TrofastCommand):
    help = _(
        "Import teams, users, employers, candidates, enrollments, assignments, placements "
        "and activities from the CSV files in DIR: all of them or nothing. With --office, "
        "every row is held to that office, as an intake admin's upload is; without it, "
        "every office is searched."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check the files and count what would change, but save nothing."),
        )
        parser.add_argument(
            "--office",
            metavar="NAME",
            help=_(
                "The office (its name, or its id) to import into: new records belong to it, "
                "and a row that refers to another office's records is refused."
            ),
        )

    def handle(self, *args, directory, dry_run, office, **options):
        path = Path(directory)
        if not path.is_dir():
            raise CommandError(_("%(directory)s is not a directory.") % {"directory": directory})
        report = import_records(path, dry_run=dry_run, office=_office(office))
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            count = len(report.errors)
            raise CommandError(
                ngettext(
                    "%(count)d problem found: nothing was imported.",
                    "%(count)d problems found: nothing was imported.",
                    count,
                )
                % {"count": count}
            )
        for name, counts in report.counts.items():
            self.stdout.write(
                _("%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
                % {
                    "file": name,
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Import complete.")))


def _office(value: str | None) -> Office | None:
    """The office named by --office: its exact name, or else its id."""
    if value is None:
        return None
    office = Office.objects.filter(name=value.strip()).first()
    if office is None and value.strip().isdigit():
        office = Office.objects.filter(pk=int(value)).first()
    if office is None:
        raise CommandError(
            _("There is no office “%(office)s”: give its name or its id.") % {"office": value}
        )
    return office
