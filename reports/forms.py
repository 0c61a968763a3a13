"""The parameters of the dashboards: the period selector, the drill-downs and
the recompute. Parsed at the edge (ips.query): a view gets valid dates."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ips.query import DayParameter, QueryForm, RecordIdParameter, TextParameter

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


class PeriodForm(QueryForm):
    """Month, quarter or year containing a day, or custom dates (the current
    quarter when nothing is chosen). Days lie in ips.query's range."""

    #: The 400 page shows the form again, to correct the choice there.
    correctable = True

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
    on = DayParameter(
        label=_("Containing the day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Month, quarter or year containing this day; today if empty."),
    )
    start = DayParameter(
        label=_("From (custom)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = DayParameter(
        label=_("To (custom)"),
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
        """The chosen period, of a valid form."""
        data = self.cleaned_data
        if data["period"] == "custom":
            return data["start"], data["end"]
        return BOUNDS[data["period"]](data.get("on") or timezone.localdate())


class DrilldownQuery(PeriodForm):
    """The period, the as-of day of the cohort (today when left out) and which rows to list."""

    correctable = False  # the drill-down page has no period selector

    as_of = DayParameter(label=_("As of"))
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[
            ("all", _("All")),
            ("low", _("Only weeks below the target")),
            ("without_job", _("Only those without a job")),
        ],
        required=False,
    )

    def as_of_day(self) -> datetime.date:
        return self.cleaned_data["as_of"] or timezone.localdate()


class TeamDrilldownQuery(DrilldownQuery):
    """A team's drill-down, for the whole team or one specialist."""

    specialist = RecordIdParameter(label=_("Job specialist"))


class RecomputeForm(PeriodForm):
    """The recompute button: the period shown and the page to return to."""

    correctable = False

    next = TextParameter(max_length=2000)


class RecomputeProgressQuery(QueryForm):
    """What the progress poll follows, and the page to return to."""

    group = TextParameter()
    next = TextParameter(max_length=2000)
