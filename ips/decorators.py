from functools import wraps

from django.core.exceptions import PermissionDenied


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
