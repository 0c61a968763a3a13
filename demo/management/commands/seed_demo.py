"""`manage.py seed_demo`: fill an empty database with the Norwegian demo service."""

import time

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from common.commands import TrofastCommand
from demo import seed as demo
from ips.models import User
from ips.security import second_factor_enforced


class Command(TrofastCommand):
    help = _("Create a deterministic Norwegian demo: offices, teams, users, candidates and work.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help=_("Same seed, same data."))
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help=_("Multiply the volume: more teams and offices, candidates and activities."),
        )
        parser.add_argument(
            "--history-years",
            type=int,
            default=0,
            help=_(
                "Add this many years of discharged enrollments before the demo's two years, "
                "without a contact log (for load tests)."
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Do nothing (but print the logins) when the database already has users."),
        )

    def handle(self, *args, seed, scale, history_years, if_empty, **options):
        if scale < 1:
            raise CommandError(_("--scale must be 1 or more."))
        if history_years < 0:
            raise CommandError(_("--history-years must be 0 or more."))
        if User.objects.exists():
            if not if_empty:
                raise CommandError(
                    _("The database already has users: seed the demo into an empty database.")
                )
            self.stdout.write(_("The database already has users; the demo was not seeded."))
        else:
            started = time.monotonic()
            counts = demo.seed(seed=seed, scale=scale, history_years=history_years)
            elapsed = time.monotonic() - started
            summary = ", ".join(f"{name} {count}" for name, count in counts.items())
            self.stdout.write(_("Demo seeded in %(seconds).1f s: %(summary)s.")
                              % {"seconds": elapsed, "summary": summary})  # fmt: skip
        self._print_logins()

    def _print_logins(self):
        rows = [
            (u.username, _("Administrator") if u.is_superuser else u.get_role_display(),
             str(u.team or u.office or ""))
            for u in demo.demo_logins()
        ]  # fmt: skip
        if not rows:
            return
        header = (_("Username"), _("Role"), _("Team or office"))
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
        self.stdout.write("")
        self.stdout.write(_("Demo logins, all with the password: %(password)s")
                          % {"password": demo.DEMO_PASSWORD})  # fmt: skip
        for row in [header, *rows]:
            line = "  ".join(value.ljust(w) for value, w in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
        if second_factor_enforced():
            # A password alone never starts enrolment of the second factor.
            self.stdout.write("")
            self.stdout.write(
                _(
                    "Two-factor login is on: give a demo user a one-time enrolment link with "
                    "`python manage.py enrolment_link USERNAME`."
                )
            )
