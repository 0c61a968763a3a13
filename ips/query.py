"""Query parameters, parsed once at the edge.

A view that reads its query string declares a form for it (`@parses_query`)
and gets the valid form; it never reads `request.GET` itself. Each parameter
has a type and bounds: text at most 100 characters without control
characters, days between 1 January 2000 and 31 December 2100, record ids and
page numbers positive and bounded. A missing parameter keeps the view's
default; an invalid one answers 400 with the form's messages (a fragment for
htmx), so bad input never reaches a query or a date computation.

`QueryParametersMiddleware` guards every request, also the pages of Django
and of the libraries Trofast uses: no parameter name or value may hold a
control character or run past `VALUE_MAX_LENGTH` characters.
"""

import datetime
import unicodedata
from functools import wraps

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: The longest search text a query takes.
TEXT_MAX_LENGTH = 100
#: The days a query may name: wide enough for any IPS service's history and plans.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
#: Ids of records (BigAutoField) and page numbers.
RECORD_ID_MAX = 2**63 - 1
PAGE_MAX = 100_000
#: The longest name or value of any parameter on any page (a `next` URL included).
VALUE_MAX_LENGTH = 2_000
#: Unicode categories no parameter may hold: control characters (NUL, newline,
#: escape, …) and invisible format characters (bidi overrides such as U+202E,
#: zero-width characters), which only disguise text.
REFUSED_CATEGORIES = ("Cc", "Cf")


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(char) in REFUSED_CATEGORIES for char in value)


def refuse_control_characters(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(
            gettext_lazy("Control characters (such as NUL) are not allowed."),
            code="control_characters",
        )


class TextParameter(forms.CharField):
    """Search text: at most TEXT_MAX_LENGTH characters, no control characters."""

    default_validators = [refuse_control_characters]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        # NUL is a control character: one message for it, not Django's second one.
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]


def validate_day_in_range(value: datetime.date) -> None:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(
            gettext_lazy("Give a day between %(first)s and %(last)s."),
            code="day_out_of_range",
            params={"first": date_format(FIRST_DAY), "last": date_format(LAST_DAY)},
        )


class DayParameter(forms.DateField):
    """A day between FIRST_DAY and LAST_DAY."""

    default_validators = [validate_day_in_range]

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class RecordIdParameter(forms.IntegerField):
    """The id of a record; whether the user may see it is the view's question (404)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=RECORD_ID_MAX, **kwargs)


class PageParameter(forms.IntegerField):
    """A page of a list; past the last page shows the last (Paginator.get_page)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Page"))
        super().__init__(min_value=1, max_value=PAGE_MAX, **kwargs)


class QueryForm(forms.Form):
    """The query parameters of one view. A parameter left out takes its
    field's initial value, so the form shows the default the view uses."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name, field in self.base_fields.items():
                if name not in data and field.initial is not None:
                    data[name] = field.initial
        super().__init__(data, *args, **kwargs)


class PageQuery(QueryForm):
    page = PageParameter()


class NextQuery(QueryForm):
    """Where to go back to after a step in between (a path of this site)."""

    next = TextParameter(label=gettext_lazy("Next page"), max_length=VALUE_MAX_LENGTH)


def filterset_query(filterset_class) -> type[forms.Form]:
    """The form a django-filter FilterSet validates its data with, to parse a
    view's query with it before the FilterSet filters."""
    model = filterset_class._meta.model
    return filterset_class(queryset=model._default_manager.none()).get_form_class()


class InvalidQuery(Exception):
    """A view's parameters failed their form: answered with 400 and the messages."""

    def __init__(self, form):
        super().__init__(form.errors.as_text())
        self.form = form

    @property
    def messages(self) -> list[str]:
        messages = []
        for name, errors in self.form.errors.items():
            field = self.form.fields.get(name)
            label = field.label if field is not None and field.label else name
            for error in errors:
                messages.append(error if name == "__all__" else f"{label}: {error}")
        return messages


def parse_query(request, form_class, data=None):
    """The valid form bound to the query string (or to `data`); InvalidQuery otherwise."""
    form = form_class(request.GET if data is None else data)
    if not form.is_valid():
        raise InvalidQuery(form)
    return form


def parses_query(form_class):
    """Decorate a view that reads query parameters: it gets the valid form as
    `query`. The form stays on the view (`query_form`), so tests find it."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return view(request, *args, query=parse_query(request, form_class), **kwargs)

        wrapper.query_form = form_class
        return wrapper

    return decorator


def query_fields(view) -> dict[str, forms.Field]:
    """The parameters a view reads, by name (empty when it reads none)."""
    form_class = getattr(view, "query_form", None)
    return dict(form_class.base_fields) if form_class else {}


def edge_problems(query) -> list[str]:
    """What no parameter of any page may hold (see the module docstring)."""
    problems = []
    for name, values in query.lists():
        for text in (name, *values):
            if has_control_characters(text):
                problems.append(
                    _("The parameter “%(name)s” holds a control character (such as NUL).")
                    % {"name": _printable(name)}
                )
                break
            if len(text) > VALUE_MAX_LENGTH:
                problems.append(
                    _("The parameter “%(name)s” is longer than %(limit)d characters.")
                    % {"name": _printable(name), "limit": VALUE_MAX_LENGTH}
                )
                break
    return problems


def _printable(name: str) -> str:
    shown = "".join(char if not has_control_characters(char) else "�" for char in name)
    return shown[:40]


def refusal(request, messages, form=None):
    """The 400 answer: a page, or for htmx an alert put at the top of the page."""
    context = {"messages_refused": messages, "form": form}
    if getattr(request, "htmx", False):
        response = render(request, "partials/_query_refused.html", context, status=400)
        response["HX-Retarget"] = "#main"
        response["HX-Reswap"] = "afterbegin"
        return response
    return render(request, "query_refused.html", context, status=400)
