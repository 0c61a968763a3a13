from django.conf import settings
from django.utils.translation import gettext as _

from common.commands import TrofastCommand
from privacy.services import anonymise_expired


class Command(TrofastCommand):
    help = _("Anonymise candidates whose last enrollment ended more than RETENTION_DAYS ago.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("only list who is due"))

    def handle(self, *args, **options):
        due = anonymise_expired(dry_run=options["dry_run"])
        if options["dry_run"]:
            message = _("%(count)d candidate(s) would be anonymised (retention %(days)d days).")
        else:
            message = _("%(count)d candidate(s) anonymised (retention %(days)d days).")
        self.stdout.write(message % {"count": len(due), "days": settings.RETENTION_DAYS})
        for pk in due:
            self.stdout.write(f"  candidate id {pk}")
