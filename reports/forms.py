"""The parameters of the dashboards: the period selector, the drill-downs and
the recompute. Parsed at the edge (ips.query): a view gets a valid Period."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.periods import CUSTOM, MONTH, QUARTER, YEAR, Period
from ips.query import DayParameter, QueryForm, RecordIdParameter, TextParameter

#: The longest custom period a dashboard computes on the fly.
MAX_PERIOD_DAYS = 5 * 366


class PeriodForm(QueryForm):
    """Month, quarter or year containing a day, or custom dates (the current
    quarter when nothing is chosen). Days lie in ips.query's range."""

    #: The 400 page shows the form again, to correct the choice there.
    correctable = True

    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (MONTH, _("Month")),
            (QUARTER, _("Quarter")),
            (YEAR, _("Year")),
            (CUSTOM, _("Custom dates")),
        ],
        initial=QUARTER,
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
        kind = cleaned.get("period") or QUARTER
        cleaned["period"] = kind
        if kind == CUSTOM:
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

    def chosen_period(self) -> Period:
        """The chosen period, of a valid form."""
        data = self.cleaned_data
        if data["period"] == CUSTOM:
            return Period(data["start"], data["end"])
        return Period.of(data["period"], data.get("on") or timezone.localdate())


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
