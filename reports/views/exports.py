"""Each dashboard's figures as a CSV or Excel file (aggregates only)."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ips.decorators import role_required
from ips.models import Role
from ips.query import parses_query
from reports.exports import dashboard_csv, dashboard_xlsx
from reports.forms import PeriodForm
from reports.views.figures import LEADER, comparison_page, my_rows, office_page, team_page


def _export(fmt, *, title, rows, period, freshness, filename):
    maker = dashboard_csv if fmt == "csv" else dashboard_xlsx
    return maker(title=title, rows=rows, period=period, freshness=freshness, filename=filename)


@require_GET
@role_required(*LEADER)
@parses_query(PeriodForm)
def team_export(request, team_pk, fmt, query):
    team, period, block, freshness = team_page(request, team_pk, query)
    return _export(
        fmt,
        title=_("Fidelity of team %(team)s") % {"team": team.name},
        rows=[*block.rows, block.pooled],
        period=period,
        freshness=freshness,
        filename=f"fidelity-{team.pk}-{period.start}-{period.end}",
    )


@require_GET
@role_required(Role.SPECIALIST)
@parses_query(PeriodForm)
def my_export(request, fmt, query):
    period = query.chosen_period()
    own, pooled, freshness = my_rows(request.user, period)
    return _export(
        fmt,
        title=_("Fidelity of %(name)s") % {"name": request.user},
        rows=[own, pooled] if pooled else [own],
        period=period,
        freshness=freshness,
        filename=f"fidelity-mine-{period.start}-{period.end}",
    )


@require_GET
@role_required(Role.TEAM_LEADER, Role.INTAKE_ADMIN)
@parses_query(PeriodForm)
def office_export(request, fmt, query):
    period, team_rows, office_rows, freshness = office_page(request, query)
    return _export(
        fmt,
        title=_("Fidelity of teams and offices"),
        rows=[*team_rows, *office_rows],
        period=period,
        freshness=freshness,
        filename=f"fidelity-offices-{period.start}-{period.end}",
    )


@require_GET
@role_required(Role.ANALYST)
@parses_query(PeriodForm)
def comparison_export(request, fmt, query):
    period, team_rows, office_rows, total, freshness = comparison_page(query)
    return _export(
        fmt,
        title=_("Fidelity of offices and teams (small groups not shown)"),
        rows=[*office_rows, *team_rows, total],
        period=period,
        freshness=freshness,
        filename=f"fidelity-comparison-{period.start}-{period.end}",
    )
