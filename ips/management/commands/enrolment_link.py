"""`manage.py enrolment_link USERNAME`: a one-time enrolment link for the
operator to hand over (the first superuser of a deployment has nobody above
them to give one)."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from common.commands import TrofastCommand
from ips.models import User
from ips.security import enrolment_link_print


class Command(TrofastCommand):
    help = _(
        "Print a one-time link with which USERNAME chooses a password and sets up two-factor login."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help=_("The address Trofast is served at."),
        )

    def handle(self, *args, username, base_url, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user %(username)s.") % {"username": username})
        try:
            token, link = enrolment_link_print(user=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(base_url.rstrip("/") + reverse("enrolment_start", args=[token]))
        self.stdout.write(
            _("It works once, until %(expires)s.") % {"expires": link.expires_at.isoformat()}
        )
