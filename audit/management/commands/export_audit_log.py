"""Export the audit trail for a period, for the security officer."""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.queries import entries_between
from common.commands import TrofastCommand, iso_date
from common.tabular import CsvWriter

COLUMNS = [
    "timestamp",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "remote_addr",
    "page",
    "changes",
    "candidates",
]


class Command(TrofastCommand):
    help = _("Export the audit log (changes and reads) for a period as CSV.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--start", required=True, type=iso_date, help=_("first day, YYYY-MM-DD")
        )
        parser.add_argument(
            "--end", required=True, type=iso_date, help=_("last day, YYYY-MM-DD (inclusive)")
        )
        parser.add_argument("--output", help=_("file to write (default: standard output)"))

    def _write(self, out, since, until) -> int:
        writer = CsvWriter(out)
        writer.writerow(COLUMNS)
        count = 0
        for entry in entries_between(since, until).iterator(chunk_size=2000):
            writer.writerow(
                [
                    entry.timestamp,
                    entry.actor.username if entry.actor else "",
                    entry.get_action_display(),
                    entry.content_type.model,
                    entry.object_pk,
                    entry.object_repr,
                    entry.remote_addr or "",
                    (entry.additional_data or {}).get("page", ""),
                    entry.changes_str if entry.changes else "",
                    # A list page's entry names its candidates here (object_id is empty).
                    " ".join(map(str, (entry.additional_data or {}).get("candidates", []))),
                ]
            )
            count += 1
        return count

    def handle(self, *args, **options):
        start, end = options["start"], options["end"]
        if end < start:
            raise CommandError(_("The end date is before the start date."))
        tz = timezone.get_current_timezone()
        since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
        until = datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        if options["output"]:
            try:
                out = open(options["output"], "w", newline="", encoding="utf-8")  # noqa: SIM115
            except OSError as error:
                raise CommandError(
                    _("Cannot write %(file)s: %(reason)s")
                    % {"file": options["output"], "reason": error.strerror}
                ) from error
            with out:
                count = self._write(out, since, until)
        else:
            count = self._write(self.stdout, since, until)
        self.stderr.write(_("%(count)d audit entries exported.") % {"count": count})
