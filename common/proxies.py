"""The client's address, taken from a proxy only when the deployment says so.

X-Forwarded-For is written by whoever sends the request: without a proxy in
front, any client can put any address there. So the header is read only when
TRUSTED_PROXY_COUNT says how many proxies of ours stand in front of Trofast.
Each of them appends the address it received the request from, so the client
is the right-most address none of our proxies wrote: the TRUSTED_PROXY_COUNT-th
from the right. Everything left of it came from the client and is ignored.

One function for every place that records an address: the access entries, the
change entries of django-auditlog (audit.middleware) and the lockout records of
django-axes (AXES_CLIENT_IP_CALLABLE).
"""

import ipaddress

from django.conf import settings


def _address(value: str | None) -> str | None:
    """`value` as a plain IP address (a port or IPv6 brackets removed), or None
    when it is not one: nothing that is not an address reaches the log."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address of the client that sent `request`."""
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
        # Fewer hops than proxies: the request did not come through all of them.
        if len(hops) >= trusted:
            forwarded = _address(hops[-trusted])
            if forwarded:
                return forwarded
    return _address(request.META.get("REMOTE_ADDR"))
