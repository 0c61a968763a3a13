"""The 12-month trends of the dashboards: one chart per metric, read from the
monthly snapshots (computed live for a month without them)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.periods import Period
from ips import targets
from ips.models import Team, User
from reports.dashboard import specialist_report, stored_or_live, team_report
from reports.figures import Figure, trended_figures
from reports.models import Scope


def trend_months(today: datetime.date, count: int = 12) -> list[Period]:
    """The last `count` calendar months, the current one last."""
    months = [Period.month_of(today)]
    while len(months) < count:
        months.append(months[-1].previous())
    return months[::-1]


def trend_value(figure: Figure, figures: dict | None):
    return None if figures is None else figure.trend.value(figures)


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
    for figure in trended_figures():
        values = [
            [trend_value(figure, per_month[month].rows.get(scope_key)) for month in months]
            for _label, scope_key in series
        ]
        charts.append(
            {
                "key": figure.key,
                "title": str(figure.trend.title),
                "unit": figure.trend.unit,
                "targets": [
                    {"label": str(label), "value": value}
                    for label, value in figure.trend.lines(target)
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

    return trends(series, [(Scope.SPECIALIST.value, person.pk)], specialist_report(person.pk))
