"""django-auditlog's middleware with the client address Trofast trusts."""

from auditlog import middleware
from django.conf import settings

from common.proxies import client_address


class AuditlogMiddleware(middleware.AuditlogMiddleware):
    """Couples change entries to the user and address of the request, as
    django-auditlog's own does, but reads X-Forwarded-For (and the port a
    proxy reports) only from the proxies TRUSTED_PROXY_COUNT trusts: the stock
    middleware stores whatever the client wrote there."""

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_address(request)

    @staticmethod
    def _get_remote_port(request):
        if settings.TRUSTED_PROXY_COUNT > 0:
            return middleware.AuditlogMiddleware._get_remote_port(request)
        return None
