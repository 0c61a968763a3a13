"""The mark every view showing person data carries.

    @shows_person_data(page="caseload")
    @role_required(...)
    def caseload(request):
        ...
        request.audit.shown(entry.candidate for entry in entries)
        return render(...)

The view reports which candidates its response shows; the decorator writes
one access entry per page view naming them (audit.services.access_record),
and marks the response `Cache-Control: no-store` so no browser or proxy keeps
a copy. tests/audit/test_person_data_views.py walks the URL resolver and fails
for a view that is neither marked nor declared to show no person data.
"""

from functools import wraps

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.http import HttpRequest
from django.utils.cache import add_never_cache_headers

from audit.services import access_record

#: The attribute that marks a view (the resolver test looks for it).
MARK = "shows_person_data"


class AccessAudit:
    """`request.audit` inside a marked view: what the response shows."""

    def __init__(self, request, page: str):
        self.request = request
        self.page = page
        self.reported = False
        self.written = False
        self.candidates = {}

    def shown(self, candidates) -> None:
        """Report a Candidate, or an iterable of Candidates or candidate ids,
        that the response shows. An empty iterable reports that it shows none
        (a saved-form answer, an empty list): nothing is written then."""
        self.reported = True
        if isinstance(candidates, Model | int):
            candidates = [candidates]
        for candidate in candidates:
            pk = candidate if isinstance(candidate, int) else candidate.pk
            self.candidates.setdefault(pk, candidate)

    def write(self) -> None:
        """Write the entry now rather than after the view, for a page that
        lists its own read (the access log and its download)."""
        if self.written:
            raise ImproperlyConfigured("one access entry per page view: it is written already")
        self.written = True
        access_record(request=self.request, candidates=self.candidates.values(), page=self.page)


def is_marked(view) -> bool:
    return getattr(view, MARK, None) is not None


def _request_of(args) -> HttpRequest:
    # A view function gets the request first, a ModelAdmin view method second.
    return next(arg for arg in args if isinstance(arg, HttpRequest))


def shows_person_data(*, page: str):
    """Mark a view (function or ModelAdmin method) that shows person data.

    A successful response (2xx) writes one access entry naming the candidates
    the view reported through `request.audit.shown(...)`; a redirect or an error
    page shows nothing and writes nothing. Every response of the view gets
    `Cache-Control: no-store` and `Pragma: no-cache`.

    A successful response without a report raises ImproperlyConfigured: person
    data shown without an access entry is a bug, and refusing the page is
    better than showing it unlogged (tests find it first)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            request = _request_of(args)
            audit = request.audit = AccessAudit(request, page)
            response = view(*args, **kwargs)
            if 200 <= response.status_code < 300 and not audit.written:
                if not audit.reported:
                    raise ImproperlyConfigured(
                        f"{view.__qualname__} shows person data but did not report which "
                        "candidates (request.audit.shown(...))."
                    )
                audit.write()
            add_never_cache_headers(response)
            response["Pragma"] = "no-cache"
            return response

        setattr(wrapper, MARK, page)
        return wrapper

    return decorator
