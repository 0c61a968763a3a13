"""What every Trofast management command shares: a bad argument is one clear
line on standard error and a non-zero exit status, never a traceback.

Help texts are plain strings translated when the command is loaded
(`gettext`, not `gettext_lazy`: argparse cannot format a lazy string).
Arguments are parsed by argparse `type=` functions raising
ArgumentTypeError; what can only be checked later raises CommandError,
which Django prints as one line.
"""

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


def iso_date(value: str) -> datetime.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a date (YYYY-MM-DD).") % {"value": value}
        ) from None


class OneLineErrorParser(CommandParser):
    """Django's parser, without the usage block before an argument error:
    the line says what is wrong, and --help says the rest."""

    def error(self, message):
        if not self.called_from_command_line:
            super().error(message)  # call_command(): raises CommandError
        self.exit(
            2,
            _("%(prog)s: error: %(message)s (see --help)") % {"prog": self.prog, "message": message}
            + "\n",
        )


class TrofastCommand(BaseCommand):
    """The base of Trofast's commands."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds its CommandParser itself; only error() differs here.
        parser.__class__ = OneLineErrorParser
        return parser
