"""System checks that keep a production deployment safe."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_second_factor_required(app_configs, **kwargs):
    if not settings.REQUIRE_2FA and not settings.DEBUG:
        return [
            Error(
                "REQUIRE_2FA is off while DEBUG is off.",
                hint="Two-factor login may only be switched off for the local demo.",
                id="trofast.E001",
            )
        ]
    return []
