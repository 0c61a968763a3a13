"""The 12-month trends of the dashboards: one chart per metric, read from the
monthly snapshots (computed live for a month without them)."""

import datetime

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from common.periods import Period
from ips import targets
from ips.models import Team, User
from reports.dashboard import employer_contacts_per_week, stored_or_live, team_report
from reports.models import Scope
from reports.report import fidelity_report


def trend_months(today: datetime.date, count: int = 12) -> list[Period]:
    """The last `count` calendar months, the current one last."""
    months = [Period.month_of(today)]
    while len(months) < count:
        months.append(months[-1].previous())
    return months[::-1]


def _in_work_rate(figures):
    return figures["in_work_within_year"]["rate"]


def _percent_line(share: float) -> list:
    percent = targets.percent(share)
    return [(_("target %(percent)s %%") % {"percent": percent}, percent)]


def _line(value) -> list:
    return [(_("target %(value)s") % {"value": value}, value)]


def _band_lines(band) -> list:
    return [
        (_("band low %(value)s") % {"value": band.low}, band.low),
        (_("band high %(value)s") % {"value": band.high}, band.high),
    ]


def _new_in_work_line(target) -> list:
    month = target.new_in_work_per_fte_a_month
    label = _("target %(month)s a month (%(year)s a year)") % {
        "month": number_format(month, 2),
        "year": target.new_in_work_per_fte_a_year,
    }
    return [(label, month)]


#: key, title, unit, how to read the value from the figures, target lines
#: (from the targets in force).
TRENDS = [
    ("field_share", _("Field share"), "%", "field_share", lambda t: _percent_line(t.field_share)),
    (
        "in_work",
        _("In work within a year"),
        "%",
        "in_work",
        lambda t: _percent_line(t.in_work_within_year),
    ),
    (
        "caseload",
        _("Caseload per FTE"),
        "",
        "caseload_per_fte",
        lambda t: _band_lines(t.caseload_per_fte),
    ),
    ("new_in_work", _("New in work per FTE"), "", "new_in_work_per_fte", _new_in_work_line),
    (
        "days_to_contact",
        _("Days to first employer contact"),
        "",
        "days_to_first_employer_contact",
        lambda t: _line(t.days_to_first_employer_contact),
    ),
    (
        "employer_contacts",
        _("Employer contacts per week"),
        "",
        "employer_contacts_per_week",
        lambda t: _line(t.employer_contacts_per_week),
    ),
]


def trend_value(figures: dict | None, key: str):
    if figures is None:
        return None
    if key == "field_share":
        share = figures["field_share"]
        return None if share is None else round(share * 100, 1)
    if key == "in_work":
        rate = _in_work_rate(figures)
        return None if rate is None else round(rate * 100, 1)
    if key == "employer_contacts_per_week":
        return employer_contacts_per_week(figures)
    return figures[key]


def trends(
    series: list[tuple[str, tuple[str, int | None]]],
    required: list[tuple[str, int | None]],
    live,
    today: datetime.date | None = None,
) -> dict:
    """Chart data for the last 12 months: one chart per metric, one line per
    entry of `series` (label, snapshot key), and the target lines."""
    months = trend_months(today or timezone.localdate())
    per_month = stored_or_live(months, required, [key for _label, key in series], live)
    labels = [month.label for month in months]
    charts = []
    target = targets.current()
    for key, title, unit, field_name, lines in TRENDS:
        values = [
            [trend_value(per_month[month][0].get(scope_key), field_name) for month in months]
            for _label, scope_key in series
        ]
        charts.append(
            {
                "key": key,
                "title": str(title),
                "unit": unit,
                "targets": [
                    {"label": str(label), "value": value} for label, value in lines(target)
                ],
                "series": [
                    {"label": label, "values": line}
                    for (label, _key), line in zip(series, values, strict=True)
                ],
                "table": [
                    {"month": month, "values": [line[n] for line in values]}
                    for n, month in enumerate(labels)
                ],
            }
        )
    return {"labels": labels, "charts": charts}


def team_trends(team: Team, members: list[User]) -> dict:
    series = [(str(_("Team %(name)s") % {"name": team.name}), (Scope.TEAM.value, team.pk))]
    series += [(str(person), (Scope.SPECIALIST.value, person.pk)) for person in members]
    return trends(series, [(Scope.TEAM.value, team.pk)], team_report([team.pk]))


def specialist_trends(person: User) -> dict:
    series = [(str(person), (Scope.SPECIALIST.value, person.pk))]
    if person.team_id:
        series.append(
            (
                str(_("Team %(name)s") % {"name": person.team.name}),
                (Scope.TEAM.value, person.team_id),
            )
        )
        return trends(series, [(Scope.TEAM.value, person.team_id)], team_report([person.team_id]))

    def live(period: Period, as_of: datetime.date) -> dict:
        return fidelity_report(
            period.start,
            period.end,
            as_of,
            specialists=User.objects.filter(pk=person.pk),
            levels=("specialist",),
        )

    return trends(series, [(Scope.SPECIALIST.value, person.pk)], live)
