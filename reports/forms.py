"""The period selector of the dashboards."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The longest custom period a dashboard computes on the fly.
MAX_PERIOD_DAYS = 5 * 366


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = day.replace(day=1)
    following = datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, following - datetime.timedelta(days=1)


def quarter_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    _first, end = month_bounds(datetime.date(day.year, first_month + 2, 1))
    return start, end


def year_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)


BOUNDS = {"month": month_bounds, "quarter": quarter_bounds, "year": year_bounds}


class PeriodForm(forms.Form):
    """Month, quarter or year containing a day, or custom dates. Read from GET:
    an invalid choice re-renders with the message and the default period."""

    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("month", _("Month")),
            ("quarter", _("Quarter")),
            ("year", _("Year")),
            ("custom", _("Custom dates")),
        ],
        initial="quarter",
        required=False,
    )
    on = forms.DateField(
        label=_("Containing the day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Month, quarter or year containing this day; today if empty."),
    )
    start = forms.DateField(
        label=_("From (custom)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To (custom)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "period-form no-print"
        self.helper.layout = Layout(
            Row(
                Column("period", css_class="col-6 col-md-2"),
                Column("on", css_class="col-6 col-md-3"),
                Column("start", css_class="col-6 col-md-3"),
                Column("end", css_class="col-6 col-md-2"),
                Column(
                    Submit("show", _("Show"), css_class="btn-primary w-100 mt-md-4"),
                    css_class="col-12 col-md-2",
                ),
            )
        )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("period") or "quarter"
        cleaned["period"] = kind
        if kind == "custom":
            start, end = cleaned.get("start"), cleaned.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", _("Give the first day of the custom period."))
            if end is None and "end" not in self.errors:
                self.add_error("end", _("Give the last day of the custom period."))
            if start and end and end < start:
                self.add_error("end", _("The last day is before the first day."))
            if start and end and (end - start).days > MAX_PERIOD_DAYS:
                self.add_error("end", _("A custom period can be at most five years."))
        return cleaned

    def bounds(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period; the current quarter when the input is invalid."""
        today = timezone.localdate()
        if not self.is_bound or not self.is_valid():
            return quarter_bounds(today)
        data = self.cleaned_data
        if data["period"] == "custom":
            return data["start"], data["end"]
        return BOUNDS[data["period"]](data.get("on") or today)


def period_from(request) -> tuple[PeriodForm, datetime.date, datetime.date]:
    """The period form bound to the query string, and the period it gives."""
    wanted = {"period", "on", "start", "end"} & set(request.GET)
    form = PeriodForm(request.GET if wanted else None)
    start, end = form.bounds()
    return form, start, end
