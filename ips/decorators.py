from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from ips.security import second_factor_fresh


def role_required(*roles):
    """Only these roles (and superusers) may use the view; others get 403.
    Records outside the user's scope still answer 404 inside the view."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not (user.is_superuser or user.role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def fresh_second_factor_required(view):
    """A POST to the view needs the user's code entered within the last five
    minutes; otherwise they confirm it on a small page and come back to the
    same address (which shows, on a GET, what they were about to do)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not second_factor_fresh(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('second_factor_confirm')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
