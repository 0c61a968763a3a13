from django.conf import settings

from ips.security import second_factor_enforced


def security(request):
    return {
        "second_factor_off": not second_factor_enforced(),
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
